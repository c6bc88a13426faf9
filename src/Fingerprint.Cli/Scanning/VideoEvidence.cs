using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Scanning;

/// <summary>
/// How a video or animation upload compares with one video entry as a whole: vPDQ's two match percentages in the
/// scan's semantics (null when the entry holds no frames), and the two-level TMK score (null without scan --tmk or
/// without TMK features on both sides).
/// </summary>
internal sealed record VideoEvidence(VpdqMatchResult? Vpdq, VpdqMatchMode Mode, TmkScore? Tmk);
