using Fingerprint.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage;

public sealed partial class SqliteBankStore
{
    public const int MaxDescriptionLength = 4096;

    private const string BankColumns = "id, name, description, created_us, created_seq";

    public Task<Bank> CreateBankAsync(string name, string? description, CancellationToken cancellationToken = default)
    {
        BankNames.ThrowIfInvalid(name, nameof(name));
        if (description is { Length: > MaxDescriptionLength })
            throw new ArgumentException($"A bank description has at most {MaxDescriptionLength} characters.", nameof(description));
        if (description is not null && description.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("A bank description cannot contain NUL characters.", nameof(description));
        description = string.IsNullOrEmpty(description) ? null : description;
        return WriteAsync(connection =>
        {
            if (FindBank(connection, name) is not null)
                throw new BankAlreadyExistsException(name);
            long sequence = LastSequenceForWrite(connection) + 1;
            long now = LogTimeMicros();
            using SqliteCommand insert = Command(connection,
                "INSERT INTO banks (name, description, created_us, created_seq) VALUES ($name, $description, $created, $seq) RETURNING id");
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$description", (object?)description ?? DBNull.Value);
            insert.Parameters.AddWithValue("$created", now);
            insert.Parameters.AddWithValue("$seq", sequence);
            long id = (long)insert.ExecuteScalar()!;
            AppendChange(connection, sequence, ChangeKind.BankCreated, id, null, now);
            return Task.FromResult(new Bank(id, name, description, TimeCodec.FromMicros(now), sequence));
        }, cancellationToken);
    }

    public Task<Bank?> GetBankAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ReadAsync(connection => FindBank(connection, name), cancellationToken);
    }

    public Task<IReadOnlyList<Bank>> ListBanksAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(ListLiveBanks, cancellationToken);

    public Task<bool> RemoveBankAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return WriteAsync(connection =>
        {
            Bank? bank = FindBank(connection, name);
            if (bank is null)
                return Task.FromResult(false);
            long sequence = LastSequenceForWrite(connection) + 1;
            using (SqliteCommand update = Command(connection, "UPDATE banks SET removed_seq = $seq WHERE id = $id"))
            {
                update.Parameters.AddWithValue("$seq", sequence);
                update.Parameters.AddWithValue("$id", bank.Id);
                update.ExecuteNonQuery();
            }
            using (SqliteCommand tombstone = Command(connection,
                "UPDATE entries SET removed_seq = $seq WHERE bank_id = $id AND removed_seq IS NULL"))
            {
                tombstone.Parameters.AddWithValue("$seq", sequence);
                tombstone.Parameters.AddWithValue("$id", bank.Id);
                tombstone.ExecuteNonQuery();
            }
            AppendChange(connection, sequence, ChangeKind.BankRemoved, bank.Id, null, LogTimeMicros());
            return Task.FromResult(true);
        }, cancellationToken);
    }

    public Task<BankStats> GetStatsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ReadAsync(connection =>
        {
            Bank bank = FindBank(connection, name) ?? throw new BankNotFoundException(name);
            var byType = new Dictionary<BankHashType, long>();
            long removed = 0, unknownQuality = 0;
            using (SqliteCommand counts = Command(connection,
                "SELECT hash_type, removed_seq IS NULL, count(*), sum(quality IS NULL) FROM entries WHERE bank_id = $id GROUP BY 1, 2"))
            {
                counts.Parameters.AddWithValue("$id", bank.Id);
                using SqliteDataReader reader = counts.ExecuteReader();
                while (reader.Read())
                {
                    long count = reader.GetInt64(2);
                    if (reader.GetBoolean(1))
                    {
                        BankHashType type = BankHashTypeExtensions.ParseStored(reader.GetString(0));
                        byType[type] = byType.GetValueOrDefault(type) + count;
                        unknownQuality += reader.GetInt64(3);
                    }
                    else
                    {
                        removed += count;
                    }
                }
            }

            long[] histogram = new long[10];
            using (SqliteCommand quality = Command(connection,
                "SELECT min(quality / 10, 9), count(*) FROM entries WHERE bank_id = $id AND removed_seq IS NULL AND quality IS NOT NULL GROUP BY 1"))
            {
                quality.Parameters.AddWithValue("$id", bank.Id);
                using SqliteDataReader reader = quality.ExecuteReader();
                while (reader.Read())
                    histogram[reader.GetInt32(0)] = reader.GetInt64(1);
            }

            return new BankStats
            {
                Bank = bank,
                LiveEntries = byType.Values.Sum(),
                RemovedEntries = removed,
                LiveEntriesByType = byType,
                LiveRegions = CountLive(connection, "entry_regions", bank.Id),
                LiveFrames = CountLive(connection, "entry_frames", bank.Id),
                QualityHistogram = histogram,
                UnknownQuality = unknownQuality,
                LastSequence = LongScalar(connection, "SELECT COALESCE(max(seq), 0) FROM change_log WHERE bank_id = $id", bank.Id),
            };
        }, cancellationToken);
    }

    /// <summary>The live bank named <paramref name="name"/> (ASCII case ignored), or null.</summary>
    private static Bank? FindBank(SqliteConnection connection, string name)
    {
        using SqliteCommand command = Command(connection,
            $"SELECT {BankColumns} FROM banks WHERE name = $name AND removed_seq IS NULL");
        command.Parameters.AddWithValue("$name", name);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadBank(reader) : null;
    }

    private static IReadOnlyList<Bank> ListLiveBanks(SqliteConnection connection)
    {
        using SqliteCommand command = Command(connection,
            $"SELECT {BankColumns} FROM banks WHERE removed_seq IS NULL ORDER BY name");
        using SqliteDataReader reader = command.ExecuteReader();
        var banks = new List<Bank>();
        while (reader.Read())
            banks.Add(ReadBank(reader));
        return banks;
    }

    private static Bank ReadBank(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        TimeCodec.FromMicros(reader.GetInt64(3)),
        reader.GetInt64(4));

    private static long CountLive(SqliteConnection connection, string table, long bankId) => LongScalar(connection,
        $"SELECT count(*) FROM {table} t JOIN entries e ON e.id = t.entry_id WHERE e.bank_id = $id AND e.removed_seq IS NULL", bankId);

    private static long LongScalar(SqliteConnection connection, string sql, long id)
    {
        using SqliteCommand command = Command(connection, sql);
        command.Parameters.AddWithValue("$id", id);
        return (long)command.ExecuteScalar()!;
    }
}
