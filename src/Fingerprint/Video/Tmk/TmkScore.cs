namespace Fingerprint.Video.Tmk;

/// <summary>
/// A two-level TMK comparison: <see cref="Level1"/> always, <see cref="Level2"/> only when level 1 reached its threshold
/// (null otherwise, as the reference tools skip it), and whether both thresholds were reached.
/// </summary>
public readonly record struct TmkScore(float Level1, float? Level2, bool IsMatch);
