namespace Fingerprint.Cli.Bench.Report;

/// <summary>Derived figures the report writers share: histograms rebuilt from results.json, and recall over a selection of groups.</summary>
internal static class ReportQueries
{
    public static AlgorithmResult Algorithm(RobustnessReport report, string name) => report.Algorithms.Single(a => a.Name == name);

    public static bool Has(RobustnessReport report, string algorithm) => report.Algorithms.Any(a => a.Name == algorithm);

    public static DistanceHistogram Negatives(AlgorithmResult a)
    {
        var h = new DistanceHistogram(a.Bits);
        for (int d = 0; d < a.NegativeHistogram.Length; d++)
            h.Add(d, a.NegativeHistogram[d]);
        h.Add(DistanceHistogram.NoDistance, a.NegativesUnmatchable);
        return h;
    }

    public static DistanceHistogram Positives(GroupResult g, int bits)
    {
        var h = new DistanceHistogram(bits);
        for (int d = 0; d < g.Histogram.Length; d++)
            h.Add(d, g.Histogram[d]);
        h.Add(DistanceHistogram.NoDistance, g.Unmatchable);
        return h;
    }

    /// <summary>The positives of the groups of <paramref name="algorithm"/> that <paramref name="select"/> picks (they must not overlap).</summary>
    public static DistanceHistogram Positives(RobustnessReport report, string algorithm, Func<GroupResult, bool> select)
    {
        AlgorithmResult a = Algorithm(report, algorithm);
        var h = new DistanceHistogram(a.Bits);
        foreach (GroupResult g in report.Groups.Where(g => g.Algorithm == algorithm && select(g)))
            h.Add(Positives(g, a.Bits));
        return h;
    }

    /// <summary>The threshold <paramref name="algorithm"/> uses at <paramref name="targetFpr"/>.</summary>
    public static ThresholdResult Threshold(RobustnessReport report, string algorithm, double targetFpr) =>
        Algorithm(report, algorithm).Thresholds.Single(t => t.TargetFpr == targetFpr);

    /// <summary>Recall of the selected groups at the algorithm's threshold for <paramref name="targetFpr"/>; null when nothing is selected.</summary>
    public static (double? Recall, long Count) Recall(RobustnessReport report, string algorithm, double targetFpr, Func<GroupResult, bool> select) =>
        RecallAt(report, algorithm, Threshold(report, algorithm, targetFpr).Threshold, select);

    /// <summary>Recall of the selected groups at the algorithm's standard threshold (PDQ 31, classic 10).</summary>
    public static (double? Recall, long Count) RecallAtStandard(RobustnessReport report, string algorithm, Func<GroupResult, bool> select) =>
        RecallAt(report, algorithm, Algorithm(report, algorithm).StandardThreshold, select);

    private static (double? Recall, long Count) RecallAt(RobustnessReport report, string algorithm, int threshold, Func<GroupResult, bool> select)
    {
        DistanceHistogram h = Positives(report, algorithm, select);
        if (h.Total == 0)
            return (null, 0);
        return (RobustnessMetrics.Recall(h, threshold), h.Total);
    }
}
