namespace Fingerprint.Index;

/// <summary>
/// The cost model that picks a strategy per query and a chunk width per bank. Estimates are in nanoseconds on one
/// core; only their ratios matter. Constants were measured on this project's 2-core dev VM (AMD EPYC, AVX-512,
/// shared and noisy; see benchmarks/peers/index_README.md for the runs) with random banks of 1M rows:
/// <list type="bullet">
/// <item>a probe (one bucket looked up: two offsets read, neighbour value enumerated) costs about
/// <see cref="ProbeNs"/> when the offsets table stays in cache and <see cref="ProbeColdNs"/> when it does not;</item>
/// <item>a candidate (posting read, row fetched from a random place, full distance) about <see cref="CandidateNs"/>;</item>
/// <item>a flat pass costs <see cref="FlatRowNs"/> per row for one query (memory-bound beyond the caches) and
/// <see cref="FlatPairNs"/> per (row, query) pair when 2..8 queries share the pass.</item>
/// </list>
/// The expected number of candidates of a probe is N / 2^b (uniform hashes). Clustered banks have fuller buckets
/// near their families, so the model is optimistic there; it still only chooses between two exact strategies.
/// </summary>
internal static class MultiIndexCostModel
{
    public const double ProbeNs = 12;
    public const double ProbeColdNs = 45;
    public const double CandidateNs = 14;
    public const double FlatRowNs = 2.5;
    public const double FlatPairNs = 0.7;

    /// <summary>Offsets tables at most this large (bytes, all chunks together) are assumed to stay in cache.</summary>
    public const long WarmOffsetsBytes = 8L << 20;

    /// <summary>Radius a bank's chunk width is tuned for when the options do not say (the PDQ match threshold).</summary>
    public const int DefaultDesignRadius = 31;

    /// <summary>Below this many rows the automatic strategy builds no tables: a flat pass is a few microseconds.</summary>
    public const int AutoMultiIndexMinRows = 4096;

    public static double ProbeCost(ChunkLayout layout)
    {
        long offsetsBytes = 0;
        for (int i = 0; i < layout.Count; i++)
            offsetsBytes += ((1L << layout.Width(i)) + 1) * sizeof(uint);
        return offsetsBytes <= WarmOffsetsBytes ? ProbeNs : ProbeColdNs;
    }

    /// <summary>Estimated cost of one flat pass over <paramref name="rows"/> rows for <paramref name="queries"/> hashes (1..8).</summary>
    public static double FlatCost(long rows, int queries) =>
        queries <= 1 ? rows * FlatRowNs : rows * Math.Max(FlatRowNs, queries * FlatPairNs);
}
