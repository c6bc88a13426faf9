namespace Fingerprint.Video.Vpdq;

/// <summary>
/// The result of matching two vPDQ fingerprints: for each side, how many frames took part (after de-duplication in
/// ThreatExchange mode and the quality filter), how many of them found a match on the other side, the percentage
/// (matched × 100 / compared; 0 on both sides when either side has no frame left), and whether the percentages reached
/// the thresholds of the <see cref="VpdqMatchOptions"/> used.
/// </summary>
public readonly record struct VpdqMatchResult(
    double QueryMatchPercent,
    double TargetMatchPercent,
    int QueryFramesCompared,
    int TargetFramesCompared,
    int QueryFramesMatched,
    int TargetFramesMatched,
    bool IsMatch);
