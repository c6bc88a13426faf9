using Fingerprint.Hashing;

namespace Fingerprint.Matching;

/// <summary>
/// One bank entry an input matched, with its evidence (DESIGN.md §4): the closest distance, the threshold and margin,
/// which dihedral variant of the input matched, which region of the input and of the entry, and for video inputs the
/// first and last matching times and how many sampled frames matched.
/// </summary>
public sealed record EntryMatch
{
    public required long EntryId { get; init; }
    public required string Bank { get; init; }
    public required int Distance { get; init; }
    public required int Threshold { get; init; }

    /// <summary>Threshold minus distance, in bits: 0 means at the edge.</summary>
    public int Margin => Threshold - Distance;

    /// <summary>The dihedral variant of the input that matched (Orig when not mirrored/rotated).</summary>
    public DihedralVariant Variant { get; init; }

    /// <summary>The input's region that matched (null: the whole image).</summary>
    public string? QueryRegion { get; init; }

    /// <summary>The entry's region that matched (null: the whole entry).</summary>
    public string? EntryRegion { get; init; }

    public int? EntryQuality { get; init; }

    /// <summary>The entry's video frame that matched (video entries).</summary>
    public int? EntryFrame { get; init; }
    public double? EntryTimestampSeconds { get; init; }

    /// <summary>The input's first matching frame (video/animation inputs).</summary>
    public int? QueryFrame { get; init; }
    public double? QueryTimestampSeconds { get; init; }
    public double? QueryLastTimestampSeconds { get; init; }

    /// <summary>Input frames that matched this entry (video/animation inputs; 0 for stills).</summary>
    public int FramesMatched { get; init; }

    /// <summary>True when the input hash was below the quality gate and matched only because low quality was allowed.</summary>
    public bool LowQuality { get; init; }
}
