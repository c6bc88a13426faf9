namespace Fingerprint.Storage;

/// <summary>Counts for one bank.</summary>
public sealed record BankStats
{
    public const int QualityBucketWidth = 10;

    public required Bank Bank { get; init; }

    /// <summary>Live (not removed) entries.</summary>
    public required long LiveEntries { get; init; }

    /// <summary>Removed entries (tombstones).</summary>
    public required long RemovedEntries { get; init; }

    /// <summary>Live entries by hash type (types with no entries are absent).</summary>
    public required IReadOnlyDictionary<BankHashType, long> LiveEntriesByType { get; init; }

    /// <summary>Region hashes of live entries.</summary>
    public required long LiveRegions { get; init; }

    /// <summary>Frame hashes of live entries.</summary>
    public required long LiveFrames { get; init; }

    /// <summary>All searchable PDQ hashes of live entries: entry-level PDQ + regions + frames.</summary>
    public long SearchablePdqHashes =>
        (LiveEntriesByType.TryGetValue(BankHashType.Pdq, out long pdq) ? pdq : 0) + LiveRegions + LiveFrames;

    /// <summary>
    /// Live entries by entry-level quality: bucket i counts quality in [10i, 10i + 9], and bucket 9 also holds 100.
    /// </summary>
    public required IReadOnlyList<long> QualityHistogram { get; init; }

    /// <summary>Live entries without a quality.</summary>
    public required long UnknownQuality { get; init; }

    /// <summary>The last change-log sequence that concerned this bank.</summary>
    public required long LastSequence { get; init; }
}
