// Sources: python-threatexchange/threatexchange/extensions/vpdq/vpdq_util.py (VPDQ_QUALITY_THRESHOLD 50,
// VPDQ_DISTANCE_THRESHOLD 31, VPDQ_QUERY_MATCH_THRESHOLD_PERCENT 80, VPDQ_INDEX_MATCH_THRESHOLD_PERCENT 0),
// vpdq/README.md. SPEC.md §4.4.

namespace Fingerprint.Video.Vpdq;

/// <summary>
/// vPDQ matching parameters. The defaults are python-threatexchange's, which HMA deploys:
/// <see cref="VpdqMatchMode.ThreatExchange"/> semantics, distance ≤ 31 (the PDQ match convention), quality ≥ 50, and a
/// video match when at least 80 % of the query's frames and at least 0 % of the target's frames found a match.
/// </summary>
public sealed record VpdqMatchOptions
{
    public const int DefaultDistanceThreshold = 31;
    public const int DefaultQualityThreshold = 50;
    public const double DefaultQueryMatchThresholdPercent = 80.0;
    public const double DefaultTargetMatchThresholdPercent = 0.0;

    public static VpdqMatchOptions Default { get; } = new();

    public VpdqMatchMode Mode { get; init; } = VpdqMatchMode.ThreatExchange;

    /// <summary>Hamming distance threshold in bits: ≤ in ThreatExchange mode, &lt; in Cpp mode.</summary>
    public int DistanceThreshold { get; init; } = DefaultDistanceThreshold;

    /// <summary>Frames with quality below this are ignored on both sides (≥ keeps).</summary>
    public int QualityThreshold { get; init; } = DefaultQualityThreshold;

    /// <summary>The share of the query's frames that must match for a video match (≥).</summary>
    public double QueryMatchThresholdPercent { get; init; } = DefaultQueryMatchThresholdPercent;

    /// <summary>The share of the target's frames that must match for a video match (≥).</summary>
    public double TargetMatchThresholdPercent { get; init; } = DefaultTargetMatchThresholdPercent;
}
