using System.Runtime.CompilerServices;
using Fingerprint.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage;

public sealed partial class SqliteBankStore
{
    public Task<long> GetCurrentSequenceAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(CurrentSequence, cancellationToken);

    public async IAsyncEnumerable<ChangeRecord> GetChangesSinceAsync(long sequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using ReadSession session = await BeginReadAsync(cancellationToken);
        // change_log outer by its primary key (sequence order), banks looked up by id.
        using SqliteCommand command = Command(session.Connection,
            "SELECT c.seq, c.kind, c.bank_id, b.name, c.entry_id, c.time_us FROM change_log c CROSS JOIN banks b ON b.id = c.bank_id " +
            "WHERE c.seq > $seq ORDER BY c.seq");
        command.Parameters.AddWithValue("$seq", sequence);
        using SqliteDataReader reader = session.ExecuteReader(command);
        var names = new Dictionary<long, string>();
        while (session.Read(reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            long bankId = reader.GetInt64(2);
            if (!names.TryGetValue(bankId, out string? name))
                names[bankId] = name = reader.GetString(3);
            yield return new ChangeRecord(
                reader.GetInt64(0),
                (ChangeKind)reader.GetInt32(1),
                bankId,
                name,
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                TimeCodec.FromMicros(reader.GetInt64(5)));
        }
    }

    public async Task<PdqHashSnapshot> OpenPdqSnapshotAsync(IReadOnlyCollection<string>? banks, CancellationToken cancellationToken = default)
    {
        ReadSession session = await BeginReadAsync(cancellationToken);
        try
        {
            // The first read fixes the WAL snapshot: the sequence and the hashes below come from the same state.
            long sequence = session.Run(CurrentSequence);
            IReadOnlyList<Bank> selected = session.Run(connection =>
            {
                if (banks is null)
                    return ListLiveBanks(connection);
                var list = new List<Bank>(banks.Count);
                foreach (string name in banks)
                {
                    Bank bank = FindBank(connection, name) ?? throw new BankNotFoundException(name);
                    if (!list.Exists(b => b.Id == bank.Id))
                        list.Add(bank);
                }
                return list;
            });
            return new SqlitePdqHashSnapshot(session, sequence, selected);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<SearchableHash> StreamPdqHashesAsync(
        IReadOnlyCollection<string>? banks, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using PdqHashSnapshot snapshot = await OpenPdqSnapshotAsync(banks, cancellationToken);
        await foreach (SearchableHash hash in snapshot.ReadAllAsync(cancellationToken))
            yield return hash;
    }

    private static long CurrentSequence(SqliteConnection connection)
    {
        using SqliteCommand command = Command(connection, "SELECT COALESCE(max(seq), 0) FROM change_log");
        return (long)command.ExecuteScalar()!;
    }
}
