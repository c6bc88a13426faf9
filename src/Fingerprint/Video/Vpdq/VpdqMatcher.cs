// Sources: facebook/ThreatExchange vpdq/cpp/vpdq/cpp/hashing/matchTwoHash.cpp (filterFeatures, findMatches,
// matchTwoHashBrute); python-threatexchange/threatexchange/extensions/vpdq/vpdq_brute_matcher.py
// (match_VPDQ_hash_brute, match_VPDQ_in_another) and vpdq_util.py (dedupe, quality_filter). SPEC.md §4.4.

using Fingerprint.Hashing;

namespace Fingerprint.Video.Vpdq;

/// <summary>
/// Brute-force vPDQ matching of two frame-hash lists, in either reference's semantics (<see cref="VpdqMatchMode"/>):
/// the share of query frames with a near frame in the target, and the share of target frames with a near frame in the
/// query. Percentages are <c>matched * 100.0 / compared</c> in double, as both references compute them. Thread-safe.
/// </summary>
public static class VpdqMatcher
{
    /// <summary>Matches <paramref name="query"/> against <paramref name="target"/> (default: <see cref="VpdqMatchOptions.Default"/>).</summary>
    public static VpdqMatchResult Match(ReadOnlySpan<VpdqFrameHash> query, ReadOnlySpan<VpdqFrameHash> target,
        VpdqMatchOptions? options = null)
    {
        options ??= VpdqMatchOptions.Default;
        if (options.DistanceThreshold < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.DistanceThreshold, "The distance threshold must not be negative.");

        Hash256[] q = Prepare(query, options);
        Hash256[] t = Prepare(target, options);

        // C++ returns 0 % on both sides when either side is empty after filtering; python-threatexchange would divide
        // by zero. Both percentages are 0 here, which is never a match for a positive query threshold.
        if (q.Length == 0 || t.Length == 0)
            return new VpdqMatchResult(0, 0, q.Length, t.Length, 0, 0, IsMatch(0, 0, options));

        // "< D" (C++) is "<= D - 1" on integer distances.
        int maxDistance = options.Mode == VpdqMatchMode.Cpp ? options.DistanceThreshold - 1 : options.DistanceThreshold;
        int queryMatched = CountMatched(q, t, maxDistance);
        int targetMatched = CountMatched(t, q, maxDistance);
        double queryPercent = queryMatched * 100.0 / q.Length;
        double targetPercent = targetMatched * 100.0 / t.Length;
        return new VpdqMatchResult(queryPercent, targetPercent, q.Length, t.Length, queryMatched, targetMatched,
            IsMatch(queryPercent, targetPercent, options));
    }

    private static bool IsMatch(double queryPercent, double targetPercent, VpdqMatchOptions options) =>
        queryPercent >= options.QueryMatchThresholdPercent && targetPercent >= options.TargetMatchThresholdPercent;

    /// <summary>
    /// ThreatExchange: dedupe by exact hash keeping the first occurrence, then the quality filter (the brute matcher's
    /// order). Cpp: the quality filter only.
    /// </summary>
    private static Hash256[] Prepare(ReadOnlySpan<VpdqFrameHash> frames, VpdqMatchOptions options)
    {
        var kept = new List<Hash256>(frames.Length);
        HashSet<Hash256>? seen = options.Mode == VpdqMatchMode.ThreatExchange ? new HashSet<Hash256>(frames.Length) : null;
        foreach (ref readonly VpdqFrameHash frame in frames)
        {
            if (seen is not null && !seen.Add(frame.Hash))
                continue;
            if (frame.Quality >= options.QualityThreshold)
                kept.Add(frame.Hash);
        }
        return kept.ToArray();
    }

    /// <summary>How many of <paramref name="needles"/> have some hash in <paramref name="haystack"/> within the distance.</summary>
    private static int CountMatched(Hash256[] needles, Hash256[] haystack, int maxDistance)
    {
        int matched = 0;
        foreach (Hash256 needle in needles)
        {
            foreach (Hash256 candidate in haystack)
            {
                if (needle.DistanceTo(candidate) <= maxDistance)
                {
                    matched++;
                    break;
                }
            }
        }
        return matched;
    }
}
