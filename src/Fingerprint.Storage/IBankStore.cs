namespace Fingerprint.Storage;

/// <summary>
/// The banks of record (DESIGN.md §2, §7): banks, entries with their region and frame hashes, and an append-only change
/// log with sequence numbers and tombstones. Implementations are thread-safe; every write is one transaction, so a
/// failed or cancelled call leaves the store as it was.
/// </summary>
public interface IBankStore : IAsyncDisposable
{
    /// <summary>Creates a bank. Throws <see cref="ArgumentException"/> for an invalid name (<see cref="BankNames"/>) and
    /// <see cref="BankAlreadyExistsException"/> when a live bank has that name.</summary>
    Task<Bank> CreateBankAsync(string name, string? description, CancellationToken cancellationToken = default);

    /// <summary>The live bank with that name (ignoring ASCII case), or null.</summary>
    Task<Bank?> GetBankAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Live banks by name.</summary>
    Task<IReadOnlyList<Bank>> ListBanksAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a bank: every live entry is tombstoned and one <see cref="ChangeKind.BankRemoved"/> row is logged.
    /// The name becomes free again. False when no live bank has that name.</summary>
    Task<bool> RemoveBankAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Counts for a bank; <see cref="BankNotFoundException"/> when it does not exist.</summary>
    Task<BankStats> GetStatsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Adds entries in one transaction (all or nothing). An entry equal to a live one in (bank, hash type,
    /// hash, content id) is counted as a duplicate and not added again.</summary>
    Task<AddResult> AddEntriesAsync(string bank, IEnumerable<NewEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Adds entries streamed from <paramref name="entries"/> in one transaction, reporting each outcome to
    /// <paramref name="onEntry"/> (called before the commit). An exception from the enumeration, the callback or
    /// cancellation rolls everything back.</summary>
    Task<AddResult> AddEntriesAsync(
        string bank, IAsyncEnumerable<NewEntry> entries, Action<EntryOutcome>? onEntry, CancellationToken cancellationToken = default);

    /// <summary>Tombstones a live entry and logs it. False when it does not exist or is already removed.</summary>
    Task<bool> RemoveEntryAsync(long entryId, CancellationToken cancellationToken = default);

    /// <summary>The entry (live or removed) with its tags, regions, frames and payload, or null.</summary>
    Task<BankEntry?> GetEntryAsync(long entryId, CancellationToken cancellationToken = default);

    /// <summary>The entries found among <paramref name="ids"/> (live or removed), keyed by id; missing ids are absent.</summary>
    Task<IReadOnlyDictionary<long, BankEntry>> GetEntriesAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default);

    /// <summary>Opens a consistent view of the searchable PDQ hashes of <paramref name="banks"/> (null: every live bank)
    /// and the sequence it reflects. <see cref="BankNotFoundException"/> for an unknown name.</summary>
    Task<PdqHashSnapshot> OpenPdqSnapshotAsync(IReadOnlyCollection<string>? banks, CancellationToken cancellationToken = default);

    /// <summary>Streams every searchable PDQ hash (entry-level, region and frame) of live entries of
    /// <paramref name="banks"/> (null: every live bank), from one consistent view.</summary>
    IAsyncEnumerable<SearchableHash> StreamPdqHashesAsync(IReadOnlyCollection<string>? banks, CancellationToken cancellationToken = default);

    /// <summary>Streams the live entries of a bank by id, from one consistent view.</summary>
    IAsyncEnumerable<BankEntry> StreamEntriesAsync(string bank, CancellationToken cancellationToken = default);

    /// <summary>The last committed change-log sequence (0 for an empty store).</summary>
    Task<long> GetCurrentSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams change-log rows with sequence greater than <paramref name="sequence"/>, in order.</summary>
    IAsyncEnumerable<ChangeRecord> GetChangesSinceAsync(long sequence, CancellationToken cancellationToken = default);
}
