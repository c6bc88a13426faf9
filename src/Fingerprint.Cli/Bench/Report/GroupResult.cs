namespace Fingerprint.Cli.Bench.Report;

/// <summary>One algorithm on one group of positive pairs (all edits, a family, a family and strength, or a variant).</summary>
internal sealed class GroupResult
{
    public required string Algorithm { get; init; }

    /// <summary>all, family, strength (family + strength) or variant.</summary>
    public required string Level { get; init; }
    public required string Family { get; init; }
    public string? Strength { get; init; }
    public string? Variant { get; init; }

    public int Positives { get; init; }
    public int Unmatchable { get; init; }

    public required List<RecallResult> Recall { get; init; }

    public int StandardThreshold { get; init; }
    public double RecallAtStandard { get; init; }

    /// <summary>Smallest threshold that finds 95% of the group; null when none does.</summary>
    public int? ThresholdFor95 { get; init; }

    /// <summary>The false-positive rate on all negatives at <see cref="ThresholdFor95"/>.</summary>
    public double? FprAtThresholdFor95 { get; init; }

    public int? MedianDistance { get; init; }
    public double? Auc { get; init; }

    /// <summary>Meme-aware algorithms: positives found at the strictest target FPR through a region (trimmed, panel, entry region).</summary>
    public int? FoundViaRegion { get; init; }

    /// <summary>Positive pairs per distance 0..bits.</summary>
    public required long[] Histogram { get; init; }
}
