namespace Fingerprint.Matching;

/// <summary>
/// What one row of a <see cref="MatchIndex"/> is: which bank entry it belongs to and which part of it (the whole
/// entry, a region of it, or a video frame of it). The core knows nothing of databases; a store fills these.
/// </summary>
/// <param name="EntryId">The bank entry's id.</param>
/// <param name="Bank">The bank's name.</param>
/// <param name="Quality">The row hash's quality, when known.</param>
/// <param name="Region">Region name (e.g. trimmed, panel-1) when the row is a region of the entry.</param>
/// <param name="Frame">Frame number when the row is a frame of a video entry.</param>
/// <param name="TimestampSeconds">That frame's time.</param>
public readonly record struct IndexedHash(
    long EntryId,
    string Bank,
    int? Quality = null,
    string? Region = null,
    int? Frame = null,
    double? TimestampSeconds = null);
