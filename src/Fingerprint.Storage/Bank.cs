namespace Fingerprint.Storage;

/// <summary>A named bank of known hashes.</summary>
/// <param name="Id">Store-assigned id, never reused.</param>
/// <param name="Name">Unique among live banks, compared case-insensitively (<see cref="BankNames"/>).</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="CreatedUtc">Creation time, UTC, millisecond precision (as change-log times).</param>
/// <param name="CreatedSequence">The change-log sequence number of its creation.</param>
public sealed record Bank(long Id, string Name, string? Description, DateTimeOffset CreatedUtc, long CreatedSequence);
