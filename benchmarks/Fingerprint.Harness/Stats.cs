namespace Fingerprint.Harness;

/// <summary>Summary statistics of a sample: count, mean, nearest-rank percentiles, max.</summary>
internal static class Stats
{
    public static double Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? double.NaN : values.Average();

    public static double Mean(IReadOnlyCollection<int> values) => values.Count == 0 ? double.NaN : values.Average();

    /// <summary>Nearest-rank percentile (the smallest value with at least p% of the sample at or below it).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        int rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Percentile(IEnumerable<int> values, double p) => Percentile(values.Select(v => (double)v), p);
}
