// Source: facebook/ThreatExchange tmk/cpp/bin/tmk_default_thresholds.h (DEFAULT_LEVEL_1_THRESHOLD 0.7,
// DEFAULT_LEVEL_2_THRESHOLD 0.7); comparisons with >= (tmk/cpp/bin/tmk-query.cpp, tmk-two-level-score.cpp).

namespace Fingerprint.Video.Tmk;

/// <summary>
/// TMK match thresholds, both compared with &gt;=. The defaults are the reference tools' (0.7 and 0.7);
/// tmk/README.md suggests level 2 ≥ 0.9 when looking for exact copies. For an exhaustive listing use −1 and 0.
/// </summary>
public sealed record TmkThresholds(float Level1 = TmkThresholds.DefaultLevel1, float Level2 = TmkThresholds.DefaultLevel2)
{
    public const float DefaultLevel1 = 0.7f;
    public const float DefaultLevel2 = 0.7f;

    public static TmkThresholds Default { get; } = new();
}
