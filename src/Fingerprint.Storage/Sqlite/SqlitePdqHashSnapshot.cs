using System.Globalization;
using System.Runtime.CompilerServices;
using Fingerprint.Hashing;
using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage.Sqlite;

/// <summary>
/// <see cref="PdqHashSnapshot"/> over one read transaction. Three queries, each a sequential scan in primary-key order
/// with no temporary sort: entry-level PDQ hashes (table scan of <c>entries</c>), then region and frame hashes (their
/// tables in (entry id, ...) order, each row's entry looked up by id to drop removed entries and other banks).
/// </summary>
internal sealed class SqlitePdqHashSnapshot : PdqHashSnapshot
{
    private readonly ReadSession _session;
    private readonly Dictionary<long, string> _bankNames;
    private readonly string _bankIds;
    private bool _read;
    private bool _disposed;

    public SqlitePdqHashSnapshot(ReadSession session, long sequence, IReadOnlyList<Bank> banks)
    {
        _session = session;
        Sequence = sequence;
        Banks = banks;
        _bankNames = banks.ToDictionary(b => b.Id, b => b.Name);
        _bankIds = "[" + string.Join(',', banks.Select(b => b.Id.ToString(CultureInfo.InvariantCulture))) + "]";
    }

    public override long Sequence { get; }

    public override IReadOnlyList<Bank> Banks { get; }

    public override async IAsyncEnumerable<SearchableHash> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_read)
            throw new InvalidOperationException("A snapshot is read once; open another to read again.");
        _read = true;
        await Task.CompletedTask;
        if (Banks.Count == 0)
            yield break;

        // Entry-level hashes come from a rowid-order table scan ("NOT INDEXED"): it streams at disk speed and in id
        // order, where an index walk would fetch each row out of order. "+e.bank_id" keeps the joins below on primary keys.
        const string BankFilter = "e.removed_seq IS NULL AND +e.bank_id IN (SELECT value FROM json_each($banks))";
        using (SqliteCommand entries = Command(
            $"SELECT e.id, e.bank_id, e.hash, e.quality FROM entries e NOT INDEXED WHERE e.hash_type = 'pdq' AND {BankFilter} ORDER BY e.id"))
        using (SqliteDataReader reader = _session.ExecuteReader(entries))
        {
            while (_session.Read(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                long bankId = reader.GetInt64(1);
                yield return new SearchableHash(reader.GetInt64(0), bankId, _bankNames[bankId],
                    SqliteBankStore.ReadHash256(reader, 2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    SearchableHashKind.Entry);
            }
        }

        var regionNames = new Dictionary<string, string>(StringComparer.Ordinal);
        using (SqliteCommand regions = Command(
            "SELECT r.entry_id, e.bank_id, r.name, r.hash, r.quality FROM entry_regions r CROSS JOIN entries e ON e.id = r.entry_id " +
            $"WHERE {BankFilter} ORDER BY r.entry_id, r.ordinal"))
        using (SqliteDataReader reader = _session.ExecuteReader(regions))
        {
            while (_session.Read(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                long bankId = reader.GetInt64(1);
                string name = reader.GetString(2);
                if (!regionNames.TryGetValue(name, out string? shared))
                    regionNames[name] = shared = name;   // one string per distinct name, for an index that keeps them
                yield return new SearchableHash(reader.GetInt64(0), bankId, _bankNames[bankId],
                    SqliteBankStore.ReadHash256(reader, 3), reader.GetInt32(4), SearchableHashKind.Region, Region: shared);
            }
        }

        using (SqliteCommand frames = Command(
            "SELECT f.entry_id, e.bank_id, f.frame, f.timestamp_sec, f.hash, f.quality FROM entry_frames f " +
            $"CROSS JOIN entries e ON e.id = f.entry_id WHERE {BankFilter} ORDER BY f.entry_id, f.frame"))
        using (SqliteDataReader reader = _session.ExecuteReader(frames))
        {
            while (_session.Read(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                long bankId = reader.GetInt64(1);
                yield return new SearchableHash(reader.GetInt64(0), bankId, _bankNames[bankId],
                    SqliteBankStore.ReadHash256(reader, 4), reader.GetInt32(5), SearchableHashKind.Frame,
                    Frame: reader.GetInt32(2), TimestampSeconds: reader.GetDouble(3));
            }
        }
    }

    public override ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private SqliteCommand Command(string sql)
    {
        SqliteCommand command = _session.Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$banks", _bankIds);
        return command;
    }
}
