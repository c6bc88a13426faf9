namespace Fingerprint.Storage;

/// <summary>
/// An entry to add to a bank. Empty strings are stored as absent (null), so CSV round trips are exact. Limits and
/// rules are checked by the store (<see cref="EntryRules"/>); a bad entry fails the whole batch with an
/// <see cref="ArgumentException"/> naming its index.
/// </summary>
public sealed record NewEntry
{
    public NewEntry(BankHash hash) => Hash = hash;

    /// <summary>The entry-level hash and its type (empty for video types).</summary>
    public BankHash Hash { get; init; }

    /// <summary>Quality 0..100, or null when unknown (a plain hash list carries none).</summary>
    public int? Quality { get; init; }

    /// <summary>What the hash was computed from: the SHA-256 of the source file, or an exchange's external id.</summary>
    public string? ContentId { get; init; }

    public string? Label { get; init; }

    /// <summary>Tags in order; each non-empty, without ';', '|', control characters or surrounding spaces.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Path or URL of the source, as given.</summary>
    public string? Source { get; init; }

    public string? Campaign { get; init; }

    /// <summary>When it was added (stored in UTC, truncated to microseconds); null means the time of the call.</summary>
    public DateTimeOffset? AddedUtc { get; init; }

    /// <summary>Region hashes (PDQ), searchable with the entry.</summary>
    public IReadOnlyList<EntryRegion> Regions { get; init; } = [];

    /// <summary>Per-frame PDQ hashes of a video entry, by increasing frame number.</summary>
    public IReadOnlyList<EntryFrame> Frames { get; init; } = [];

    /// <summary>Opaque bytes kept with the entry (for example a .tmk file), or null.</summary>
    public byte[]? Payload { get; init; }
}
