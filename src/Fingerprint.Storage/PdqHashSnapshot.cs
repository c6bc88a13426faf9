namespace Fingerprint.Storage;

/// <summary>
/// A consistent read view of the searchable PDQ hashes of some banks, taken at change-log sequence
/// <see cref="Sequence"/>: build an index from <see cref="ReadAllAsync"/>, then tail the log with
/// <see cref="IBankStore.GetChangesSinceAsync"/> from <see cref="Sequence"/> and nothing is missed or seen twice.
/// Holding it open pins that view (and one database connection): dispose it as soon as the index is built.
/// </summary>
public abstract class PdqHashSnapshot : IAsyncDisposable
{
    /// <summary>The change-log sequence the view reflects: every change up to and including it, none after.</summary>
    public abstract long Sequence { get; }

    /// <summary>The banks the view covers.</summary>
    public abstract IReadOnlyList<Bank> Banks { get; }

    /// <summary>
    /// Streams every searchable PDQ hash of live entries of <see cref="Banks"/>: entry-level hashes of
    /// <see cref="BankHashType.Pdq"/> entries by entry id, then region hashes by (entry id, region order), then frame
    /// hashes by (entry id, frame number). May be called once.
    /// </summary>
    public abstract IAsyncEnumerable<SearchableHash> ReadAllAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}
