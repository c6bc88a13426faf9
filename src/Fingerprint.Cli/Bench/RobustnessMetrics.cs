namespace Fingerprint.Cli.Bench;

/// <summary>
/// Detection metrics over distance histograms: a pair matches when its distance is &lt;= the threshold. Positives are
/// (edit, its original) pairs, negatives (query, another original) pairs (see <see cref="PairDistances"/>). Rates are
/// exact ratios of counts; nothing is interpolated.
/// </summary>
internal static class RobustnessMetrics
{
    // Guards floor/ceil of products such as 1e-4 x 10000 against binary rounding (1.0000000000000002 or 0.9999999999999999).
    private const double Epsilon = 1e-9;

    /// <summary>
    /// The largest threshold t (-1..MaxDistance) at which at most floor(<paramref name="targetFpr"/> x N) of the N
    /// negatives have distance &lt;= t. -1 when the negatives at distance 0 already exceed that. With no negatives, the
    /// largest distance (and not resolvable).
    /// </summary>
    public static FprThreshold ThresholdAtFpr(DistanceHistogram negatives, double targetFpr)
    {
        ArgumentNullException.ThrowIfNull(negatives);
        if (!(targetFpr is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(targetFpr), targetFpr, "A rate is in 0..1.");
        long n = negatives.Total;
        if (n == 0)
            return new FprThreshold(targetFpr, negatives.MaxDistance, 0, 0, Resolvable: false);
        long allowed = (long)Math.Floor(targetFpr * n + Epsilon);
        int threshold = -1;
        long falsePositives = 0, sum = 0;
        for (int d = 0; d <= negatives.MaxDistance; d++)
        {
            sum += negatives[d];
            if (sum > allowed)
                break;
            threshold = d;
            falsePositives = sum;
        }
        return new FprThreshold(targetFpr, threshold, falsePositives, n, Resolvable: targetFpr * n >= 1 - Epsilon);
    }

    /// <summary>Share of <paramref name="positives"/> at distance &lt;= <paramref name="threshold"/> (0 when empty).</summary>
    public static double Recall(DistanceHistogram positives, int threshold) => positives.RateAtOrBelow(threshold);

    /// <summary>
    /// The smallest threshold at which at least a share <paramref name="recall"/> of the positives match; null when no
    /// threshold reaches it (too many unmatchable positives) or there are no positives.
    /// </summary>
    public static int? ThresholdForRecall(DistanceHistogram positives, double recall)
    {
        ArgumentNullException.ThrowIfNull(positives);
        if (!(recall is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(recall), recall, "A recall is in (0, 1].");
        return positives.Total == 0 ? null : positives.Quantile(recall);
    }

    /// <summary>The ROC curve: one point per threshold -1..MaxDistance (FPR and TPR both non-decreasing).</summary>
    public static RocPoint[] Roc(DistanceHistogram positives, DistanceHistogram negatives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        if (positives.MaxDistance != negatives.MaxDistance)
            throw new ArgumentException("Histograms of different widths.", nameof(negatives));
        var points = new RocPoint[positives.MaxDistance + 2];
        long tp = 0, fp = 0;
        points[0] = new RocPoint(-1, 0, 0);
        for (int d = 0; d <= positives.MaxDistance; d++)
        {
            tp += positives[d];
            fp += negatives[d];
            points[d + 1] = new RocPoint(d, Ratio(fp, negatives.Total), Ratio(tp, positives.Total));
        }
        return points;
    }

    /// <summary>
    /// Area under the ROC curve: the probability that a random positive is closer than a random negative, ties counted
    /// half (unmatchable pairs are farther than any distance, and tie with each other). NaN when a side is empty.
    /// </summary>
    public static double Auc(DistanceHistogram positives, DistanceHistogram negatives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        if (positives.MaxDistance != negatives.MaxDistance)
            throw new ArgumentException("Histograms of different widths.", nameof(negatives));
        if (positives.Total == 0 || negatives.Total == 0)
            return double.NaN;
        double wins = 0;
        long negativesFarther = negatives.Total;   // negatives at distance > d - 1
        for (int d = 0; d <= positives.MaxDistance; d++)
        {
            negativesFarther -= negatives[d];      // now: negatives at distance > d (unmatchable included)
            wins += positives[d] * (negativesFarther + 0.5 * negatives[d]);
        }
        wins += positives.Unmatchable * 0.5 * negatives.Unmatchable;
        return wins / ((double)positives.Total * negatives.Total);
    }

    private static double Ratio(long count, long total) => total == 0 ? 0 : (double)count / total;
}
