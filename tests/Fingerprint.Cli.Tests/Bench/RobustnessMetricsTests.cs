using Fingerprint.Cli.Bench;

namespace Fingerprint.Cli.Tests.Bench;

/// <summary>Metric code on hand-made distance lists; every expected value is worked out in the comments.</summary>
public class RobustnessMetricsTests
{
    private const int None = DistanceHistogram.NoDistance;

    // N = 10 negatives; cumulative counts at d = 0..10: 0 0 1 1 1 3 3 4 4 7 8 (two unmatchable never count).
    private static readonly int[] s_negatives = [2, 5, 5, 7, 9, 9, 9, 10, None, None];

    [Theory]
    [InlineData(0.1, 4, 1, true)]      // floor(0.1 x 10) = 1 allowed: t = 4 (count 1), t = 5 has 3
    [InlineData(0.3, 6, 3, true)]      // 3 allowed: t = 6 (count 3), t = 7 has 4
    [InlineData(0.05, 1, 0, false)]    // 0 allowed: t = 1; 0.05 x 10 < 1, not resolvable
    [InlineData(1.0, 10, 8, true)]     // everything allowed: the largest distance, 8 matchable negatives
    [InlineData(0.0, 1, 0, false)]
    public void ThresholdAtFpr_HandMadeNegatives_IsTheLargestThresholdWithinTheRate(double rate, int threshold, long falsePositives, bool resolvable)
    {
        FprThreshold t = RobustnessMetrics.ThresholdAtFpr(Histogram(10, s_negatives), rate);
        Assert.Equal(threshold, t.Threshold);
        Assert.Equal(falsePositives, t.FalsePositives);
        Assert.Equal(10, t.Negatives);
        Assert.Equal(resolvable, t.Resolvable);
        Assert.Equal(falsePositives / 10.0, t.Fpr);
    }

    [Fact]
    public void ThresholdAtFpr_NegativeAtDistanceZero_GivesMinusOne()
    {
        FprThreshold t = RobustnessMetrics.ThresholdAtFpr(Histogram(10, [0, 3]), 0.1);   // 0 allowed, one at distance 0
        Assert.Equal(-1, t.Threshold);
        Assert.Equal(0, t.FalsePositives);
    }

    [Theory]
    [InlineData(10_000, 49, 1, true)]      // 1e-4 x 10000 = 1 (exactly, despite binary rounding): one negative allowed
    [InlineData(9_999, 2, 0, false)]       // 1e-4 x 9999 < 1: none allowed
    public void ThresholdAtFpr_OneInTenThousand_CountsExactly(int n, int threshold, long falsePositives, bool resolvable)
    {
        var h = new DistanceHistogram(64);
        h.Add(3);
        h.Add(50, n - 1);
        FprThreshold t = RobustnessMetrics.ThresholdAtFpr(h, 1e-4);
        Assert.Equal(threshold, t.Threshold);
        Assert.Equal(falsePositives, t.FalsePositives);
        Assert.Equal(resolvable, t.Resolvable);
    }

    [Fact]
    public void ThresholdAtFpr_NoNegatives_AllowsEverythingAndIsNotResolvable()
    {
        FprThreshold t = RobustnessMetrics.ThresholdAtFpr(new DistanceHistogram(31), 1e-3);
        Assert.Equal(31, t.Threshold);
        Assert.False(t.Resolvable);
    }

    [Fact]
    public void ThresholdAtFpr_RateOutsideZeroToOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RobustnessMetrics.ThresholdAtFpr(new DistanceHistogram(8), 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RobustnessMetrics.ThresholdAtFpr(new DistanceHistogram(8), double.NaN));
    }

    // Positives: N = 6, cumulative at d = 0..10: 1 3 3 4 4 4 4 4 5 5 5 (one unmatchable).
    private static readonly int[] s_positives = [0, 1, 1, 3, 8, None];

    [Theory]
    [InlineData(-1, 0.0)]
    [InlineData(0, 1 / 6.0)]
    [InlineData(1, 0.5)]
    [InlineData(7, 4 / 6.0)]
    [InlineData(10, 5 / 6.0)]
    public void Recall_HandMadePositives_IsTheShareAtOrBelow(int threshold, double recall) =>
        Assert.Equal(recall, RobustnessMetrics.Recall(Histogram(10, s_positives), threshold), 12);

    [Theory]
    [InlineData(0.5, 1)]      // need ceil(3) = 3: cumulative 3 at d = 1
    [InlineData(0.8, 8)]      // need ceil(4.8) = 5: at d = 8
    [InlineData(1 / 6.0, 0)]  // need 1: d = 0
    public void ThresholdForRecall_HandMadePositives_IsTheSmallestThatFindsTheShare(double recall, int threshold) =>
        Assert.Equal(threshold, RobustnessMetrics.ThresholdForRecall(Histogram(10, s_positives), recall));

    [Fact]
    public void ThresholdForRecall_UnreachableOrEmpty_IsNull()
    {
        Assert.Null(RobustnessMetrics.ThresholdForRecall(Histogram(10, s_positives), 0.95));  // needs 6: one is unmatchable
        Assert.Null(RobustnessMetrics.ThresholdForRecall(new DistanceHistogram(10), 0.95));
    }

    [Fact]
    public void Roc_TwoPositivesTwoNegatives_StepsAtEachDistance()
    {
        RocPoint[] roc = RobustnessMetrics.Roc(Histogram(5, [1, 3]), Histogram(5, [2, 4]));
        RocPoint[] expected =
        [
            new(-1, 0, 0), new(0, 0, 0), new(1, 0, 0.5), new(2, 0.5, 0.5), new(3, 0.5, 1), new(4, 1, 1), new(5, 1, 1),
        ];
        Assert.Equal(expected, roc);
    }

    [Theory]
    [InlineData(new[] { 1, 3 }, new[] { 2, 4 }, 0.75)]     // (1,2) (1,4) (3,4) won, (3,2) lost: 3 of 4
    [InlineData(new[] { 2 }, new[] { 2 }, 0.5)]            // a tie counts half
    [InlineData(new[] { 1 }, new[] { None }, 1.0)]         // unmatchable negatives are farther than anything
    [InlineData(new[] { None }, new[] { 1 }, 0.0)]
    [InlineData(new[] { None }, new[] { None }, 0.5)]      // two unmatchables tie
    [InlineData(new[] { 0, 0, 5 }, new[] { 5, 9 }, 5.5 / 6)] // 0,0 beat both (4); 5 ties 5 (0.5) and beats 9 (1)
    public void Auc_HandMadeLists_IsTheProbabilityAPositiveIsCloser(int[] positives, int[] negatives, double auc) =>
        Assert.Equal(auc, RobustnessMetrics.Auc(Histogram(10, positives), Histogram(10, negatives)), 12);

    [Fact]
    public void Auc_EmptySide_IsNaN() =>
        Assert.True(double.IsNaN(RobustnessMetrics.Auc(new DistanceHistogram(4), Histogram(4, [1]))));

    [Fact]
    public void DistanceHistogram_CountsAndQuantiles()
    {
        DistanceHistogram h = Histogram(10, s_negatives);
        Assert.Equal(10, h.Total);
        Assert.Equal(2, h.Unmatchable);
        Assert.Equal(3, h[9]);
        Assert.Equal(0, h.CountAtOrBelow(-1));
        Assert.Equal(3, h.CountAtOrBelow(5));
        Assert.Equal(8, h.CountAtOrBelow(1000));
        Assert.Equal(5, h.Quantile(0.3));     // 3 of 10 at <= 5
        Assert.Equal(9, h.Quantile(0.5));     // 5 of 10 needs d = 9 (cumulative 7)
        Assert.Null(h.Quantile(0.9));         // the 9th value is unmatchable
        var sum = new DistanceHistogram(10);
        sum.Add(h);
        sum.Add(h);
        Assert.Equal(20, sum.Total);
        Assert.Equal(6, sum[9]);
        Assert.Throws<ArgumentException>(() => sum.Add(new DistanceHistogram(11)));
    }

    internal static DistanceHistogram Histogram(int max, IEnumerable<int> distances)
    {
        var h = new DistanceHistogram(max);
        foreach (int d in distances)
            h.Add(d);
        return h;
    }
}
