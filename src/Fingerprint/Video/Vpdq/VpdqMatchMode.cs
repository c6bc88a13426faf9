// Sources: facebook/ThreatExchange vpdq/cpp/vpdq/cpp/hashing/matchTwoHash.cpp (matchTwoHashBrute) and
// python-threatexchange/threatexchange/extensions/vpdq/vpdq_brute_matcher.py, vpdq_util.py (dedupe, quality_filter).

namespace Fingerprint.Video.Vpdq;

/// <summary>Which reference's vPDQ matching semantics to reproduce (they disagree on 44 of the 240 sample pairs).</summary>
public enum VpdqMatchMode
{
    /// <summary>
    /// python-threatexchange (what HMA deploys), the default: drop frames whose hash repeats an earlier frame's
    /// exactly, then keep frames with quality ≥ the quality threshold; a frame matches when some frame on the other side
    /// is at Hamming distance <b>≤</b> the distance threshold (31, the PDQ convention).
    /// </summary>
    ThreatExchange = 0,

    /// <summary>
    /// The C++ reference <c>match-hashes-brute</c>: keep frames with quality ≥ the quality threshold, no
    /// de-duplication; a frame matches when some frame on the other side is at distance <b>&lt;</b> the threshold.
    /// </summary>
    Cpp = 1,
}
