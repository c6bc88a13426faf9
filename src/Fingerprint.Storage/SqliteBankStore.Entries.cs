using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Fingerprint.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage;

public sealed partial class SqliteBankStore
{
    public Task<AddResult> AddEntriesAsync(string bank, IEnumerable<NewEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return AddEntriesAsync(bank, ToAsync(entries, cancellationToken), null, cancellationToken);
    }

    public Task<AddResult> AddEntriesAsync(
        string bank, IAsyncEnumerable<NewEntry> entries, Action<EntryOutcome>? onEntry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(entries);
        return WriteAsync(async connection =>
        {
            Bank target = FindBank(connection, bank) ?? throw new BankNotFoundException(bank);
            using var writer = new EntryWriter(
                connection, target.Id, LastSequenceForWrite(connection), HighWaterMark(connection, "entries"), TimeCodec.NowMicros());
            int index = 0, added = 0, duplicates = 0;
            long first = 0;
            await foreach (NewEntry entry in entries.WithCancellation(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                EntryRules.ThrowIfInvalid(entry, index, nameof(entries));
                (long id, bool isNew) = writer.Add(entry);
                if (isNew)
                {
                    added++;
                    if (first == 0)
                        first = writer.LastSequence;
                }
                else
                {
                    duplicates++;
                }
                onEntry?.Invoke(new EntryOutcome(index, id, !isNew));
                index++;
            }
            cancellationToken.ThrowIfCancellationRequested();
            writer.LogAdditions(LogTimeMicros());
            return new AddResult(added, duplicates, first, added == 0 ? 0 : writer.LastSequence);
        }, cancellationToken);
    }

    public Task<bool> RemoveEntryAsync(long entryId, CancellationToken cancellationToken = default) =>
        WriteAsync(connection =>
        {
            using SqliteCommand find = Command(connection, "SELECT bank_id FROM entries WHERE id = $id AND removed_seq IS NULL");
            find.Parameters.AddWithValue("$id", entryId);
            object? bankId = find.ExecuteScalar();
            if (bankId is null)
                return Task.FromResult(false);
            long sequence = LastSequenceForWrite(connection) + 1;
            using SqliteCommand update = Command(connection, "UPDATE entries SET removed_seq = $seq WHERE id = $id");
            update.Parameters.AddWithValue("$seq", sequence);
            update.Parameters.AddWithValue("$id", entryId);
            update.ExecuteNonQuery();
            AppendChange(connection, sequence, ChangeKind.EntryRemoved, (long)bankId, entryId, LogTimeMicros());
            return Task.FromResult(true);
        }, cancellationToken);

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (T item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
        await Task.CompletedTask;
    }

    /// <summary>
    /// Prepared statements for a batch of additions inside one write transaction. The writer holds the write lock, so
    /// it numbers new entries and their sequence numbers itself from the AUTOINCREMENT high-water marks (no RETURNING
    /// reader per row), and writes the batch's change-log rows at the end with one INSERT ... SELECT over the new ids.
    /// Measured through Microsoft.Data.Sqlite: a RETURNING clause costs ~3 us per row, each extra command ~2.5 us, and
    /// an AFTER INSERT trigger ~11 us; the bulk log insert costs well under 1 us per row.
    /// </summary>
    private sealed class EntryWriter : IDisposable
    {
        private readonly SqliteCommand _insert, _findDuplicate, _region, _frame, _payload;
        private readonly long _nowMicros;
        private readonly byte[] _hash32 = new byte[32], _hash8 = new byte[8], _digest = new byte[32];
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly SqliteParameter _id, _type, _hash, _quality, _seq, _added, _content, _label, _tags, _source, _campaign;
        private readonly SqliteConnection _connection;
        private readonly long _firstId;
        private long _sequence;
        private long _lastId;

        public EntryWriter(SqliteConnection connection, long bankId, long lastSequence, long lastId, long nowMicros)
        {
            _connection = connection;
            _sequence = lastSequence;
            _lastId = lastId;
            _firstId = lastId + 1;
            _nowMicros = nowMicros;
            _insert = Command(connection,
                "INSERT INTO entries (id, bank_id, hash_type, hash, quality, added_seq, added_us, content_id, label, tags, source, campaign) " +
                "VALUES ($id, $bank, $type, $hash, $quality, $seq, $added, $content, $label, $tags, $source, $campaign) " +
                "ON CONFLICT DO NOTHING");
            _insert.Parameters.AddWithValue("$bank", bankId);
            _id = _insert.Parameters.Add("$id", SqliteType.Integer);
            _type = _insert.Parameters.Add("$type", SqliteType.Text);
            _hash = _insert.Parameters.Add("$hash", SqliteType.Blob);
            _quality = _insert.Parameters.Add("$quality", SqliteType.Integer);
            _seq = _insert.Parameters.Add("$seq", SqliteType.Integer);
            _added = _insert.Parameters.Add("$added", SqliteType.Integer);
            _content = _insert.Parameters.Add("$content", SqliteType.Text);
            _label = _insert.Parameters.Add("$label", SqliteType.Text);
            _tags = _insert.Parameters.Add("$tags", SqliteType.Text);
            _source = _insert.Parameters.Add("$source", SqliteType.Text);
            _campaign = _insert.Parameters.Add("$campaign", SqliteType.Text);
            _findDuplicate = Command(connection,
                "SELECT id FROM entries WHERE bank_id = $bank AND hash_type = $type AND hash = $hash AND content_id = $content " +
                "AND removed_seq IS NULL");
            _findDuplicate.Parameters.AddWithValue("$bank", bankId);
            foreach (string name in (string[])["$type", "$hash", "$content"])
                _findDuplicate.Parameters.Add(new SqliteParameter { ParameterName = name });
            _region = Command(connection,
                "INSERT INTO entry_regions (entry_id, ordinal, name, x, y, width, height, quality, hash) " +
                "VALUES ($entry, $ordinal, $name, $x, $y, $w, $h, $quality, $hash)");
            _frame = Command(connection,
                "INSERT INTO entry_frames (entry_id, frame, timestamp_sec, quality, hash) VALUES ($entry, $frame, $ts, $quality, $hash)");
            _payload = Command(connection, "INSERT INTO entry_payloads (entry_id, data) VALUES ($entry, $data)");
            foreach (string name in (string[])["$entry", "$ordinal", "$name", "$x", "$y", "$w", "$h", "$quality", "$hash"])
                _region.Parameters.Add(new SqliteParameter { ParameterName = name });
            foreach (string name in (string[])["$entry", "$frame", "$ts", "$quality", "$hash"])
                _frame.Parameters.Add(new SqliteParameter { ParameterName = name });
            foreach (string name in (string[])["$entry", "$data"])
                _payload.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        public long LastSequence => _sequence;

        /// <summary>Writes one EntryAdded change-log row per entry added by this writer (sequence = the entry's added_seq).</summary>
        public void LogAdditions(long timeMicros)
        {
            if (_lastId < _firstId)
                return;
            using SqliteCommand log = Command(_connection,
                $"INSERT INTO change_log (seq, kind, bank_id, entry_id, time_us) SELECT added_seq, {(int)ChangeKind.EntryAdded}, bank_id, id, $time " +
                "FROM entries WHERE id >= $first ORDER BY id");
            log.Parameters.AddWithValue("$time", timeMicros);
            log.Parameters.AddWithValue("$first", _firstId);
            int written = log.ExecuteNonQuery();
            if (written != _lastId - _firstId + 1)
                throw new BankStoreException(BankStoreErrorKind.Corrupt, $"Logged {written} additions for {_lastId - _firstId + 1} new entries.");
        }

        /// <summary>Adds <paramref name="entry"/>; returns its new id, or the id of the live entry it duplicates.</summary>
        public (long Id, bool IsNew) Add(NewEntry entry)
        {
            byte[] hash = entry.Hash.ByteLength switch { 32 => _hash32, 8 => _hash8, _ => _digest };
            if (entry.Hash.IsEmpty)
                VideoDigest(entry, _digest);
            else
                entry.Hash.WriteBytes(hash);
            string type = entry.Hash.Type.ToName();
            string content = entry.ContentId ?? string.Empty;
            long id = _lastId + 1;
            _id.Value = id;
            _type.Value = type;
            _hash.Value = hash;
            _quality.Value = entry.Quality.HasValue ? entry.Quality.Value : DBNull.Value;
            _seq.Value = _sequence + 1;
            _added.Value = entry.AddedUtc.HasValue ? TimeCodec.ToMicros(entry.AddedUtc.Value) : _nowMicros;
            _content.Value = content;
            _label.Value = DbText(entry.Label);
            _tags.Value = (object?)TagCodec.Encode(entry.Tags) ?? DBNull.Value;
            _source.Value = DbText(entry.Source);
            _campaign.Value = DbText(entry.Campaign);
            if (_insert.ExecuteNonQuery() == 0)
            {
                SqliteParameterCollection d = _findDuplicate.Parameters;
                d["$type"].Value = type;
                d["$hash"].Value = hash;
                d["$content"].Value = content;
                return _findDuplicate.ExecuteScalar() is long existing
                    ? (existing, false)
                    : throw new BankStoreException(BankStoreErrorKind.Corrupt,
                        $"Entry id {id} was refused although no live entry duplicates it; the id sequence is damaged.");
            }

            _lastId = id;
            _sequence++;
            AddRegions(id, entry.Regions);
            AddFrames(id, entry.Frames);
            if (entry.Payload is { Length: > 0 } payload)
            {
                _payload.Parameters["$entry"].Value = id;
                _payload.Parameters["$data"].Value = payload;
                _payload.ExecuteNonQuery();
            }
            return (id, true);
        }

        public void Dispose()
        {
            _sha256.Dispose();
            _insert.Dispose();
            _findDuplicate.Dispose();
            _region.Dispose();
            _frame.Dispose();
            _payload.Dispose();
        }

        private void AddRegions(long id, IReadOnlyList<EntryRegion> regions)
        {
            SqliteParameterCollection p = _region.Parameters;
            p["$entry"].Value = id;
            for (int i = 0; i < regions.Count; i++)
            {
                EntryRegion r = regions[i];
                r.Hash.WriteBytes(_hash32);
                p["$ordinal"].Value = i;
                p["$name"].Value = r.Name;
                p["$x"].Value = r.X;
                p["$y"].Value = r.Y;
                p["$w"].Value = r.Width;
                p["$h"].Value = r.Height;
                p["$quality"].Value = r.Quality;
                p["$hash"].Value = _hash32;
                _region.ExecuteNonQuery();
            }
        }

        private void AddFrames(long id, IReadOnlyList<EntryFrame> frames)
        {
            SqliteParameterCollection p = _frame.Parameters;
            p["$entry"].Value = id;
            foreach (EntryFrame f in frames)
            {
                f.Hash.WriteBytes(_hash32);
                p["$frame"].Value = f.FrameNumber;
                p["$ts"].Value = f.TimestampSeconds;
                p["$quality"].Value = f.Quality;
                p["$hash"].Value = _hash32;
                _frame.ExecuteNonQuery();
            }
        }

        /// <summary>
        /// Video entries have no entry-level hash; their <c>hash</c> column holds the SHA-256 of what identifies them
        /// (each frame as number, timestamp bits, quality little-endian and the 32 hash bytes; then the payload), so the
        /// same video is a duplicate and two different videos are not.
        /// </summary>
        private void VideoDigest(NewEntry entry, byte[] destination)
        {
            Span<byte> frame = stackalloc byte[48];
            foreach (EntryFrame f in entry.Frames)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame, f.FrameNumber);
                BinaryPrimitives.WriteInt64LittleEndian(frame[4..], BitConverter.DoubleToInt64Bits(f.TimestampSeconds));
                BinaryPrimitives.WriteInt32LittleEndian(frame[12..], f.Quality);
                f.Hash.WriteBytes(frame[16..]);
                _sha256.AppendData(frame);
            }
            if (entry.Payload is not null)
                _sha256.AppendData(entry.Payload);
            _sha256.GetHashAndReset(destination);
        }

        private static object DbText(string? value) => string.IsNullOrEmpty(value) ? DBNull.Value : value;
    }
}
