namespace Fingerprint.Storage;

/// <summary>One row of the append-only change log.</summary>
/// <param name="Sequence">Strictly increasing in commit order; never reused.</param>
/// <param name="Kind">What changed.</param>
/// <param name="BankId">The bank concerned.</param>
/// <param name="BankName">Its name.</param>
/// <param name="EntryId">The entry concerned, for entry changes.</param>
/// <param name="TimeUtc">When the change was made (UTC, millisecond precision; one time for all rows of one call).</param>
public sealed record ChangeRecord(long Sequence, ChangeKind Kind, long BankId, string BankName, long? EntryId, DateTimeOffset TimeUtc);
