using System.Diagnostics;
using Fingerprint.Hashing;

namespace Fingerprint.Index;

/// <summary>
/// Which chunks a multi-index query probes, and how far. Source: Norouzi et al., "Fast Exact Search in Hamming Space
/// with Multi-Index Hashing" (TPAMI 2014), Proposition 1 and its generalisation: if the hash is split into disjoint
/// chunks and chunk i is searched within radius t_i, every row within r of the query is found as long as
/// sum_i (t_i + 1) >= r + 1 (were every chunk distance d_i >= t_i + 1, the total would exceed r). The uniform choice
/// t_i = floor(r / m) is the paper's (and pdq/cpp/index/mih.h's: 16 chunks x 16 bits, floor(r / 16) flips); here a
/// small dynamic programme picks the t_i (-1 = chunk not probed) that minimise the modelled cost, so r = 31 over 16
/// chunks gives t = 1 everywhere, and r = 0 probes a single chunk exactly.
/// <para>
/// Duplicate suppression (exact, stateless, thread-safe): a row found through the k-th probed chunk is reported only
/// if no earlier probed chunk j has chunk distance &lt;= t_j; otherwise that earlier chunk's probe already reported it.
/// This replaces the per-query candidate bitset of the paper; duplicates among non-matching candidates are merely
/// re-verified (rare for uniform data: a non-match rarely lands in two probed buckets).
/// </para>
/// </summary>
internal sealed class ProbePlan
{
    /// <summary>Largest neighbour ball enumerated in one chunk; plans needing more are infeasible (flat instead).</summary>
    public const long MaxBallSize = 1 << 16;

    private ProbePlan(int radius, int[] chunkRadius, int[] order, long probes, double candidates, double cost)
    {
        Radius = radius;
        ChunkRadius = chunkRadius;
        Order = order;
        Probes = probes;
        ExpectedCandidates = candidates;
        Cost = cost;
    }

    /// <summary>Query radius r (inclusive) this plan answers.</summary>
    public int Radius { get; }

    /// <summary>Search radius t_i per chunk; -1 = not probed.</summary>
    public int[] ChunkRadius { get; }

    /// <summary>Chunks with t_i >= 0, in probe order.</summary>
    public int[] Order { get; }

    /// <summary>Buckets looked up per query hash.</summary>
    public long Probes { get; }

    /// <summary>Expected candidates per query hash for uniform hashes.</summary>
    public double ExpectedCandidates { get; }

    /// <summary>Modelled cost per query hash (ns, see <see cref="MultiIndexCostModel"/>).</summary>
    public double Cost { get; }

    /// <summary>The cheapest exact plan for radius <paramref name="radius"/>, or null when none keeps every ball within <see cref="MaxBallSize"/>.</summary>
    public static ProbePlan? Create(ChunkLayout layout, int radius, long rowCount)
    {
        Debug.Assert(radius is >= 0 and <= Hash256.BitCount);
        int m = layout.Count;
        int need = radius + 1;
        double probeNs = MultiIndexCostModel.ProbeCost(layout);

        // best[i, s]: least cost of chunks 0..i-1 whose sum of (t + 1) is s (s capped at need); choice[i, s]: t of chunk i-1.
        var best = new double[m + 1, need + 1];
        var choice = new int[m + 1, need + 1];
        var from = new int[m + 1, need + 1];
        for (int s = 0; s <= need; s++)
            best[0, s] = double.PositiveInfinity;
        best[0, 0] = 0;
        Span<long> balls = stackalloc long[ChunkLayout.MaxChunkBits + 2];
        for (int i = 0; i < m; i++)
        {
            int width = layout.Width(i);
            double perProbe = probeNs + MultiIndexCostModel.CandidateNs * rowCount / (double)(1L << width);
            // Ball sizes for t = 0, 1, ... while within MaxBallSize (t = -1, chunk skipped, costs nothing).
            balls.Clear();
            int maxT = -1;
            while (maxT < width && BallSize(width, maxT + 1) <= MaxBallSize)
            {
                maxT++;
                balls[maxT] = BallSize(width, maxT);
            }
            for (int s = 0; s <= need; s++)
                best[i + 1, s] = double.PositiveInfinity;
            for (int s = 0; s <= need; s++)
            {
                if (double.IsPositiveInfinity(best[i, s]))
                    continue;
                for (int t = -1; t <= maxT; t++)
                {
                    int next = Math.Min(need, s + t + 1);
                    double cost = best[i, s] + (t < 0 ? 0 : balls[t] * perProbe);
                    if (cost < best[i + 1, next])
                    {
                        best[i + 1, next] = cost;
                        choice[i + 1, next] = t;
                        from[i + 1, next] = s;
                    }
                    if (next == need)
                        break;
                }
            }
        }
        if (double.IsPositiveInfinity(best[m, need]))
            return null;

        var chunkRadius = new int[m];
        int sum = need;
        for (int i = m; i > 0; i--)
        {
            chunkRadius[i - 1] = choice[i, sum];
            sum = from[i, sum];
        }
        Debug.Assert(sum == 0);

        var order = new List<int>(m);
        long probes = 0;
        double candidates = 0;
        for (int i = 0; i < m; i++)
        {
            if (chunkRadius[i] < 0)
                continue;
            order.Add(i);
            long ball = BallSize(layout.Width(i), chunkRadius[i]);
            probes += ball;
            candidates += ball * (double)rowCount / (1L << layout.Width(i));
        }
        return new ProbePlan(radius, chunkRadius, [.. order], probes, candidates, best[m, need]);
    }

    /// <summary>Number of values within <paramref name="radius"/> bits of a <paramref name="width"/>-bit value: sum of C(width, j), j = 0..radius.</summary>
    public static long BallSize(int width, int radius)
    {
        long total = 0, term = 1;
        for (int j = 0; j <= radius && j <= width; j++)
        {
            total += term;
            term = term * (width - j) / (j + 1);
        }
        return total;
    }
}
