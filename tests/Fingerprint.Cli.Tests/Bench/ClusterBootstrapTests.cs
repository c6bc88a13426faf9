using Fingerprint.Cli.Bench;

namespace Fingerprint.Cli.Tests.Bench;

public class ClusterBootstrapTests
{
    [Fact]
    public void Thresholds_IdenticalQueries_EveryResampleGivesTheFullSampleThreshold()
    {
        // 20 queries, each with negatives at 5 and 50: any resample is the same histogram (x20), so the threshold is
        // the full sample's: FPR 0.05 of 40 allows 2, and 20 sit at 5, so t = 4.
        DistanceHistogram[] queries = Enumerable.Range(0, 20).Select(_ => RobustnessMetricsTests.Histogram(64, [5, 50])).ToArray();
        int[][] t = ClusterBootstrap.Thresholds(queries, [0.05, 0.6], 30, seed: 7);
        Assert.All(t[0], v => Assert.Equal(4, v));
        Assert.All(t[1], v => Assert.Equal(49, v));   // 0.6 x 40 = 24 allowed: all 20 at 5, not the 20 at 50
        Assert.Equal(30, t[0].Length);
    }

    [Fact]
    public void Thresholds_SameSeed_SameResamples()
    {
        DistanceHistogram[] queries = Enumerable.Range(0, 40)
            .Select(i => RobustnessMetricsTests.Histogram(64, [i % 7, 10 + i % 13, 40 + i % 5])).ToArray();
        int[][] a = ClusterBootstrap.Thresholds(queries, [0.01, 0.1], 50, seed: 99);
        int[][] b = ClusterBootstrap.Thresholds(queries, [0.01, 0.1], 50, seed: 99);
        Assert.Equal(a, b);
    }

    [Fact]
    public void RecallInterval_AllFoundOrNoneFound_IsDegenerate()
    {
        int[] thresholds = Enumerable.Repeat(5, 100).ToArray();
        Assert.Equal((1.0, 1.0), ClusterBootstrap.RecallInterval([0, 1, 5], thresholds, seed: 3));
        Assert.Equal((0.0, 0.0), ClusterBootstrap.RecallInterval([6, DistanceHistogram.NoDistance], thresholds, seed: 3));
        (double low, double high) = ClusterBootstrap.RecallInterval([], thresholds, seed: 3);
        Assert.True(double.IsNaN(low) && double.IsNaN(high));
    }

    [Fact]
    public void RecallInterval_MixedSample_ContainsThePointEstimateAndIsReproducible()
    {
        int[] distances = [1, 2, 3, 40, 41, 2, 3, 50, 1, 0];     // 7 of 10 at <= 10
        int[] thresholds = Enumerable.Repeat(10, 200).ToArray();
        (double low, double high) = ClusterBootstrap.RecallInterval(distances, thresholds, seed: 11);
        Assert.InRange(0.7, low, high);
        Assert.True(low < 0.7 && high > 0.7);
        Assert.Equal((low, high), ClusterBootstrap.RecallInterval(distances, thresholds, seed: 11));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 3.0)]
    [InlineData(1.0, 5.0)]
    [InlineData(0.025, 1.0)]     // rank round(0.1) = 0
    [InlineData(0.975, 5.0)]     // rank round(3.9) = 4
    public void Percentile_NearestRank(double p, double expected) =>
        Assert.Equal(expected, ClusterBootstrap.Percentile([1, 2, 3, 4, 5], p));

    [Fact]
    public void BenchRandom_SeedZero_GivesSplitMix64ReferenceSequence()
    {
        // Vigna's splitmix64.c seeded with 0: first outputs 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
        var rng = new BenchRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
    }

    [Fact]
    public void BenchRandom_Next_StaysInRange()
    {
        var rng = new BenchRandom(BenchRandom.Derive(1, "range"));
        for (int i = 0; i < 10_000; i++)
            Assert.InRange(rng.Next(7), 0, 6);
        Assert.NotEqual(BenchRandom.Derive(1, "a"), BenchRandom.Derive(1, "b"));
        Assert.NotEqual(BenchRandom.Derive(1, "a"), BenchRandom.Derive(2, "a"));
    }
}
