namespace Fingerprint.Cli.Bench;

/// <summary>
/// Percentile bootstrap intervals for "recall at the threshold fixed for a target FPR" (Efron and Tibshirani 1993, An
/// Introduction to the Bootstrap, ch. 13). Both the threshold and the recall are re-estimated in each resample: the
/// negatives are resampled by query (a query's pairs against all originals move together, since they share the
/// query's hashes: a cluster bootstrap), the positives of a group by pair. Reproducible: every stream is seeded from
/// --seed and a name (<see cref="BenchRandom.Derive"/>).
/// </summary>
internal static class ClusterBootstrap
{
    /// <summary>
    /// <paramref name="resamples"/> bootstrap thresholds per target rate: result[t][b] is the threshold at
    /// <paramref name="targets"/>[t] on the b-th resample of the queries.
    /// </summary>
    public static int[][] Thresholds(IReadOnlyList<DistanceHistogram> byQuery, IReadOnlyList<double> targets, int resamples, ulong seed)
    {
        var result = new int[targets.Count][];
        for (int t = 0; t < targets.Count; t++)
            result[t] = new int[resamples];
        if (byQuery.Count == 0 || resamples == 0)
            return result;
        var rng = new BenchRandom(seed);
        int max = byQuery[0].MaxDistance;
        for (int b = 0; b < resamples; b++)
        {
            var sample = new DistanceHistogram(max);
            for (int i = 0; i < byQuery.Count; i++)
                sample.Add(byQuery[rng.Next(byQuery.Count)]);
            for (int t = 0; t < targets.Count; t++)
                result[t][b] = RobustnessMetrics.ThresholdAtFpr(sample, targets[t]).Threshold;
        }
        return result;
    }

    /// <summary>
    /// The 2.5th and 97.5th percentiles of the recall of <paramref name="distances"/> resampled with replacement, the
    /// b-th resample scored at <paramref name="thresholds"/>[b]. (NaN, NaN) when there are no distances or thresholds.
    /// </summary>
    public static (double Low, double High) RecallInterval(IReadOnlyList<int> distances, IReadOnlyList<int> thresholds, ulong seed)
    {
        int n = distances.Count, resamples = thresholds.Count;
        if (n == 0 || resamples == 0)
            return (double.NaN, double.NaN);
        var rng = new BenchRandom(seed);
        var recalls = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            int hits = 0;
            for (int i = 0; i < n; i++)
            {
                int d = distances[rng.Next(n)];
                if (d <= thresholds[b])
                    hits++;
            }
            recalls[b] = (double)hits / n;
        }
        Array.Sort(recalls);
        return (Percentile(recalls, 0.025), Percentile(recalls, 0.975));
    }

    /// <summary>The sorted sample's value at rank round(p x (n - 1)) (nearest rank).</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted[(int)Math.Round(p * (sorted.Length - 1), MidpointRounding.AwayFromZero)];
}
