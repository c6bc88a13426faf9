using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Index;

/// <summary>The pieces of multi-index hashing: chunk layouts, probe plans (pigeonhole), neighbour enumeration.</summary>
public class MultiIndexTests
{
    public static TheoryData<int> ChunkCounts()
    {
        var data = new TheoryData<int>();
        for (int m = ChunkLayout.MinChunkCount; m <= ChunkLayout.MaxChunkCount; m++)
            data.Add(m);
        return data;
    }

    [Theory]
    [MemberData(nameof(ChunkCounts))]
    public void ChunkLayout_CoversAllBits_AndExtractMatchesGetBit(int m)
    {
        ChunkLayout layout = ChunkLayout.ForCount(m);
        Assert.Equal(m, layout.Count);
        int next = 0;
        for (int i = 0; i < m; i++)
        {
            Assert.Equal(next, layout.Start(i));
            Assert.InRange(layout.Width(i), 256 / m, 256 / m + 1);
            next += layout.Width(i);
        }
        Assert.Equal(256, next);

        var rng = new SplitMix64((ulong)m);
        for (int n = 0; n < 50; n++)
        {
            Hash256 h = SyntheticHashes.Random(rng);
            for (int i = 0; i < m; i++)
            {
                uint expected = 0;
                for (int b = 0; b < layout.Width(i); b++)
                    expected |= (h.GetBit(layout.Start(i) + b) ? 1u : 0u) << b;
                Assert.Equal(expected, layout.Extract(h, i));
            }
        }
    }

    [Fact]
    public void ChunkLayout_16Bits_IsTheReferenceSlotLayout()
    {
        // pdq/cpp/index/mih.h: slot i is the 16-bit word w[i], i.e. bits 16i..16i+15 (hex digits 63-4i-3..63-4i).
        ChunkLayout layout = ChunkLayout.ForBits(16);
        Hash256 h = Hash256.Parse("000f000e000d000c000b000a0009000800070006000500040003000200010000");
        for (int i = 0; i < 16; i++)
            Assert.Equal((uint)i, layout.Extract(h, i));
    }

    [Theory]
    [MemberData(nameof(ChunkCounts))]
    public void ProbePlan_EveryRadius_SatisfiesPigeonhole(int m)
    {
        ChunkLayout layout = ChunkLayout.ForCount(m);
        int[] someRadii = [0, 1, 15, 31, 32, 63, 64, 100, 200, 256];
        foreach (long rows in new long[] { 0, 1000, 10_000_000 })
        {
            bool everyRadius = rows == 1000 && m is 11 or 12 or 16 or 21 or 32;
            foreach (int r in everyRadius ? Enumerable.Range(0, 257) : someRadii)
            {
                ProbePlan? plan = ProbePlan.Create(layout, r, rows);
                if (plan is null)
                {
                    // Infeasible only when even the largest allowed balls cannot cover r + 1.
                    int most = Enumerable.Range(0, m).Sum(i => MaxRadius(layout.Width(i)) + 1);
                    Assert.True(most < r + 1, $"m={m} r={r}: no plan, yet balls allow {most}");
                    continue;
                }
                Assert.True(Enumerable.Range(0, m).Sum(i => plan.ChunkRadius[i] + 1) >= r + 1, $"m={m} r={r}");
                Assert.Equal(Enumerable.Range(0, m).Where(i => plan.ChunkRadius[i] >= 0), plan.Order);
                Assert.All(plan.Order, i => Assert.True(ProbePlan.BallSize(layout.Width(i), plan.ChunkRadius[i]) <= ProbePlan.MaxBallSize));
            }
        }
    }

    private static int MaxRadius(int width)
    {
        int t = -1;
        while (t < width && ProbePlan.BallSize(width, t + 1) <= ProbePlan.MaxBallSize)
            t++;
        return t;
    }

    [Theory]
    [InlineData(31, 1)]
    [InlineData(63, 3)]
    [InlineData(47, 2)]
    [InlineData(15, 0)]
    public void ProbePlan_16x16_IsTheReferencePlan(int radius, int flips)
    {
        // mih.h searches every slot within floor(d / 16) bits.
        ProbePlan plan = ProbePlan.Create(ChunkLayout.ForBits(16), radius, 1_000_000)!;
        Assert.All(plan.ChunkRadius, t => Assert.Equal(flips, t));
        Assert.Equal(16 * ProbePlan.BallSize(16, flips), plan.Probes);
    }

    [Fact]
    public void ProbePlan_RadiusZero_ProbesOneChunkExactly()
    {
        ProbePlan plan = ProbePlan.Create(ChunkLayout.ForBits(16), 0, 1_000_000)!;
        Assert.Single(plan.Order);
        Assert.Equal(1, plan.Probes);
    }

    [Theory]
    [InlineData(16, 0, 1)]
    [InlineData(16, 1, 17)]
    [InlineData(16, 2, 137)]
    [InlineData(16, 3, 697)]
    [InlineData(21, 2, 232)]
    [InlineData(8, 8, 256)]
    [InlineData(8, 20, 256)]
    public void BallSize_IsSumOfBinomials(int width, int radius, long expected) =>
        Assert.Equal(expected, ProbePlan.BallSize(width, radius));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(24)]
    public void NextCombination_EnumeratesEveryMaskOfEachPopCountOnce(int width)
    {
        uint limit = 1u << width;
        var seen = new HashSet<uint>();
        for (int flips = 0; flips <= width; flips++)
        {
            long count = 0;
            uint mask = flips == 0 ? 0 : (1u << flips) - 1;
            while (mask < limit)
            {
                Assert.Equal(flips, System.Numerics.BitOperations.PopCount(mask));
                Assert.True(seen.Add(mask));
                count++;
                if (mask == 0 || width > 16)
                    break;   // wide widths: checking the first of each popcount keeps this fast
                mask = HammingIndex.NextCombination(mask);
            }
            if (width <= 16)
                Assert.Equal(ProbePlan.BallSize(width, flips) - ProbePlan.BallSize(width, flips - 1), count);
        }
        if (width <= 16)
            Assert.Equal(1L << width, seen.Count);
    }

    [Fact]
    public void AutoLayout_GrowsChunksWithTheBank()
    {
        ChunkLayout? small = HammingIndex.AutoLayout(100_000, 31);
        ChunkLayout? large = HammingIndex.AutoLayout(10_000_000, 31);
        Assert.NotNull(small);
        Assert.NotNull(large);
        Assert.True(large!.NominalBits > small!.NominalBits, $"{large.NominalBits} vs {small.NominalBits}");
        Assert.Null(HammingIndex.AutoLayout(100, 31));   // a flat pass over 100 rows beats any plan
    }
}
