namespace Fingerprint.Matching;

/// <summary>
/// Thresholds of a match (DESIGN.md §3): distance &lt;= <see cref="MaxDistance"/> (31, pdq/README.md and
/// python-threatexchange's PDQ_CONFIDENT_MATCH_THRESHOLD, compared with &lt;=), and hashes of quality below
/// <see cref="MinQuality"/> (50, python-threatexchange signal.py) are not matched unless <see cref="MatchLowQuality"/>.
/// </summary>
public sealed record MatchOptions
{
    public const int DefaultMaxDistance = 31;
    public const int DefaultMinQuality = 50;

    public static MatchOptions Default { get; } = new();

    /// <summary>Largest Hamming distance (bits, inclusive) that counts as a match.</summary>
    public int MaxDistance { get; init; } = DefaultMaxDistance;

    /// <summary>Quality gate for query hashes (and frames): below it, nothing is matched unless <see cref="MatchLowQuality"/>.</summary>
    public int MinQuality { get; init; } = DefaultMinQuality;

    /// <summary>Match low-quality queries anyway (their matches are flagged).</summary>
    public bool MatchLowQuality { get; init; }

    /// <summary>Query all 8 dihedral variants (mirrored/rotated re-uploads); otherwise only the original orientation.</summary>
    public bool Dihedral { get; init; } = true;

    /// <summary>At most this many entries reported per input (closest first).</summary>
    public int MaxMatchesPerInput { get; init; } = 50;
}
