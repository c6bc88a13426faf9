using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Fingerprint.Hashing;
using Fingerprint.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage;

public sealed partial class SqliteBankStore
{
    private const int IdsPerQuery = 1000;

    private const string EntryColumns =
        "e.id, e.bank_id, b.name, e.hash_type, e.hash, e.quality, e.content_id, e.label, e.tags, e.source, e.campaign, " +
        "e.added_us, e.added_seq, e.removed_seq";

    public async Task<BankEntry?> GetEntryAsync(long entryId, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<long, BankEntry> found = await GetEntriesAsync([entryId], cancellationToken);
        return found.GetValueOrDefault(entryId);
    }

    public Task<IReadOnlyDictionary<long, BankEntry>> GetEntriesAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        long[] wanted = ids.Distinct().ToArray();
        return ReadAsync<IReadOnlyDictionary<long, BankEntry>>(connection =>
        {
            var result = new Dictionary<long, BankEntry>(wanted.Length);
            for (int start = 0; start < wanted.Length; start += IdsPerQuery)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string idList = JsonIdList(wanted.AsSpan(start, Math.Min(IdsPerQuery, wanted.Length - start)));
                const string Filter = "IN (SELECT value FROM json_each($ids))";
                using SqliteCommand entries = Command(connection,
                    $"SELECT {EntryColumns} FROM entries e JOIN banks b ON b.id = e.bank_id WHERE e.id {Filter} ORDER BY e.id");
                using SqliteCommand regions = Command(connection, RegionQuery($"entry_id {Filter}"));
                using SqliteCommand frames = Command(connection, FrameQuery($"entry_id {Filter}"));
                using SqliteCommand payloads = Command(connection, PayloadQuery($"entry_id {Filter}"));
                foreach (SqliteCommand command in (SqliteCommand[])[entries, regions, frames, payloads])
                    command.Parameters.AddWithValue("$ids", idList);
                using var reader = new EntryAssembler(entries, regions, frames, payloads);
                while (reader.Next() is BankEntry entry)
                    result[entry.Id] = entry;
            }
            return result;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<BankEntry> StreamEntriesAsync(string bank, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bank);
        using ReadSession session = await BeginReadAsync(cancellationToken);
        SqliteConnection connection = session.Connection;
        Bank target = session.Run(c => FindBank(c, bank)) ?? throw new BankNotFoundException(bank);
        // Entries outer (bank index, id order), details inner by primary key: no temporary sort, constant memory.
        const string Live = "entries e CROSS JOIN {0} t ON t.entry_id = e.id WHERE e.bank_id = $bank AND e.removed_seq IS NULL";
        using SqliteCommand entries = Command(connection,
            $"SELECT {EntryColumns} FROM entries e JOIN banks b ON b.id = e.bank_id " +
            "WHERE e.bank_id = $bank AND e.removed_seq IS NULL ORDER BY e.id");
        using SqliteCommand regions = Command(connection,
            "SELECT t.entry_id, t.name, t.x, t.y, t.width, t.height, t.hash, t.quality FROM " +
            string.Format(CultureInfo.InvariantCulture, Live, "entry_regions") + " ORDER BY e.id, t.ordinal");
        using SqliteCommand frames = Command(connection,
            "SELECT t.entry_id, t.frame, t.timestamp_sec, t.quality, t.hash FROM " +
            string.Format(CultureInfo.InvariantCulture, Live, "entry_frames") + " ORDER BY e.id, t.frame");
        using SqliteCommand payloads = Command(connection,
            "SELECT t.entry_id, t.data FROM " + string.Format(CultureInfo.InvariantCulture, Live, "entry_payloads") + " ORDER BY e.id");
        foreach (SqliteCommand command in (SqliteCommand[])[entries, regions, frames, payloads])
            command.Parameters.AddWithValue("$bank", target.Id);
        using var assembler = session.Run(_ => new EntryAssembler(entries, regions, frames, payloads));
        while (session.Run(_ => assembler.Next()) is BankEntry entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    private static string RegionQuery(string filter) =>
        $"SELECT entry_id, name, x, y, width, height, hash, quality FROM entry_regions WHERE {filter} ORDER BY entry_id, ordinal";

    private static string FrameQuery(string filter) =>
        $"SELECT entry_id, frame, timestamp_sec, quality, hash FROM entry_frames WHERE {filter} ORDER BY entry_id, frame";

    private static string PayloadQuery(string filter) =>
        $"SELECT entry_id, data FROM entry_payloads WHERE {filter} ORDER BY entry_id";

    private static string JsonIdList(ReadOnlySpan<long> ids)
    {
        var text = new StringBuilder(ids.Length * 8 + 2).Append('[');
        for (int i = 0; i < ids.Length; i++)
        {
            if (i > 0)
                text.Append(',');
            text.Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }
        return text.Append(']').ToString();
    }

    /// <summary>Reads a 32-byte hash blob. (GetFieldValue&lt;byte[]&gt; is several times faster than GetBytes, which opens a blob stream.)</summary>
    internal static Hash256 ReadHash256(SqliteDataReader reader, int ordinal)
    {
        byte[] bytes = reader.GetFieldValue<byte[]>(ordinal);
        if (bytes.Length != Hash256.ByteLength)
            throw new BankStoreException(BankStoreErrorKind.Corrupt, $"A stored PDQ hash has {bytes.Length} bytes, not 32.");
        return Hash256.FromBytes(bytes);
    }

    /// <summary>
    /// Merges four cursors ordered by entry id (entries; regions, frames and payloads of those entries) into
    /// <see cref="BankEntry"/> records, one entry at a time, so a bank of any size streams in constant memory.
    /// </summary>
    private sealed class EntryAssembler : IDisposable
    {
        private readonly SqliteDataReader _entries, _regions, _frames, _payloads;
        private bool _regionPending, _framePending, _payloadPending;

        public EntryAssembler(SqliteCommand entries, SqliteCommand regions, SqliteCommand frames, SqliteCommand payloads)
        {
            _entries = entries.ExecuteReader();
            _regions = regions.ExecuteReader();
            _frames = frames.ExecuteReader();
            _payloads = payloads.ExecuteReader();
            _regionPending = _regions.Read();
            _framePending = _frames.Read();
            _payloadPending = _payloads.Read();
        }

        public BankEntry? Next()
        {
            if (!_entries.Read())
                return null;
            long id = _entries.GetInt64(0);
            BankHashType type = BankHashTypeExtensions.ParseStored(_entries.GetString(3));
            BankHash hash;
            try
            {
                // Video types keep a dedup digest in the hash column, not a hash (SqliteBankStore.EntryWriter.VideoDigest).
                hash = type.HashByteLength() == 0 ? BankHash.None(type) : BankHash.FromBytes(type, _entries.GetFieldValue<byte[]>(4));
            }
            catch (ArgumentException ex)
            {
                throw new BankStoreException(BankStoreErrorKind.Corrupt, $"Entry {id}: {ex.Message}", ex);
            }

            var regions = new List<EntryRegion>();
            while (_regionPending && _regions.GetInt64(0) <= id)
            {
                if (_regions.GetInt64(0) == id)
                {
                    regions.Add(new EntryRegion(_regions.GetString(1), _regions.GetInt32(2), _regions.GetInt32(3),
                        _regions.GetInt32(4), _regions.GetInt32(5), ReadHash256(_regions, 6), _regions.GetInt32(7)));
                }
                _regionPending = _regions.Read();
            }
            var frames = new List<EntryFrame>();
            while (_framePending && _frames.GetInt64(0) <= id)
            {
                if (_frames.GetInt64(0) == id)
                {
                    frames.Add(new EntryFrame(_frames.GetInt32(1), _frames.GetDouble(2), _frames.GetInt32(3),
                        ReadHash256(_frames, 4)));
                }
                _framePending = _frames.Read();
            }
            byte[]? payload = null;
            while (_payloadPending && _payloads.GetInt64(0) <= id)
            {
                if (_payloads.GetInt64(0) == id)
                    payload = _payloads.GetFieldValue<byte[]>(1);
                _payloadPending = _payloads.Read();
            }

            string content = _entries.GetString(6);
            return new BankEntry
            {
                Id = id,
                BankId = _entries.GetInt64(1),
                BankName = _entries.GetString(2),
                Hash = hash,
                Quality = _entries.IsDBNull(5) ? null : _entries.GetInt32(5),
                ContentId = content.Length == 0 ? null : content,
                Label = NullableString(_entries, 7),
                Tags = TagCodec.Decode(NullableString(_entries, 8)),
                Source = NullableString(_entries, 9),
                Campaign = NullableString(_entries, 10),
                AddedUtc = TimeCodec.FromMicros(_entries.GetInt64(11)),
                AddedSequence = _entries.GetInt64(12),
                RemovedSequence = _entries.IsDBNull(13) ? null : _entries.GetInt64(13),
                Regions = regions,
                Frames = frames,
                Payload = payload,
            };
        }

        public void Dispose()
        {
            _entries.Dispose();
            _regions.Dispose();
            _frames.Dispose();
            _payloads.Dispose();
        }

        private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
