using System.Globalization;
using Fingerprint.TestUtilities;
using Fingerprint.Video.Tmk;

namespace Fingerprint.Tests.Video.Tmk;

public class TmkScorerTests
{
    private static readonly string s_hashes = Path.Combine(RepoPaths.VideoConformance, "tmk-sample-hashes");

    public static TheoryData<string, string, string, string> ExpectedPairs()
    {
        var data = new TheoryData<string, string, string, string>();
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.VideoConformance, "expected", "tmk-pair-scores.txt"));
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(' ');
            data.Add(f[2], f[3], f[0], f[1]);
        }
        return data;
    }

    // tmk-two-level-score prints "%.6f"; every pair is demanded equal at that precision, and is. The six decimals cannot
    // tell the reference's sin(double) from sinf for the recurrence constants (they differ in 824 of 63,084 values and
    // both variants print the same 78 lines); TmkScorer uses sin(double), which is what g++ -std=c++14 resolves the
    // reference's unqualified sin(float) call to with its headers (checked by compiling an equivalent call).
    [Theory]
    [MemberData(nameof(ExpectedPairs))]
    public void Score_ReferencePair_MatchesReferenceToSixDecimals(string fileA, string fileB, string level1, string level2)
    {
        TmkFeatures a = Read(fileA);
        TmkFeatures b = Read(fileB);
        Assert.Equal(level1, TmkScorer.Level1(a, b).ToString("F6", CultureInfo.InvariantCulture));
        Assert.Equal(level2, TmkScorer.Level2(a, b).ToString("F6", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ExpectedPairs_AreAll78PairsOf13Files()
    {
        TheoryData<string, string, string, string> pairs = ExpectedPairs();

        Assert.Equal(78, pairs.Count);
    }

    [Theory]
    [InlineData("chair-19-sd-bar.tmk")]
    [InlineData("doorknob-hd-no-bar.tmk")]
    [InlineData("pattern-sd-grey-bar.tmk")]
    public void Scores_ReferenceFileWithItself_AreOne(string name)
    {
        TmkFeatures a = Read(name);

        Assert.Equal(1.0f, TmkScorer.Level1(a, a), 1e-6f);
        Assert.Equal(1.0f, TmkScorer.Level2(a, a), 1e-5f);
        Assert.All(TmkScorer.FindBestOffsets(a, a), o => Assert.Equal(0, o.Offset));
    }

    [Theory]
    [MemberData(nameof(ExpectedPairs))]
    public void Level1_FromPureAveragesAlone_EqualsLevel1OfTheFeatures(string fileA, string fileB, string level1, string level2)
    {
        _ = level2;
        TmkFeatures a = Read(fileA);
        TmkFeatures b = Read(fileB);

        float fromAverages = TmkScorer.Level1(a.PureAverage.ToArray(), b.PureAverage.ToArray());

        Assert.Equal(TmkScorer.Level1(a, b), fromAverages);
        Assert.Equal(level1, fromAverages.ToString("F6", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Level1_PureAveragesOfDifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => TmkScorer.Level1(new float[256], new float[255]));
    }

    [Fact]
    public void Level1_IsSymmetric()
    {
        TmkFeatures a = Read("chair-19-sd-bar.tmk"), b = Read("chair-22-sd-sepia-bar.tmk");

        Assert.Equal(TmkScorer.Level1(a, b), TmkScorer.Level1(b, a));
    }

    [Fact]
    public void Level2_Swapped_AgreesToFloatRounding()
    {
        // K_ba(delta) = K_ab(-delta) in exact arithmetic; the float recurrence differs in the last bits only.
        TmkFeatures a = Read("pattern-hd-no-bar.tmk"), b = Read("pattern-sd-with-small-logo-bar.tmk");

        Assert.Equal(TmkScorer.Level2(a, b), TmkScorer.Level2(b, a), 1e-5f);
    }

    [Fact]
    public void FindBestOffsets_ReturnsOneEntryPerPeriodAndItsMaximumGivesLevel2()
    {
        TmkFeatures a = Read("chair-19-sd-bar.tmk"), b = Read("chair-20-sd-bar.tmk");

        TmkPeriodOffset[] offsets = TmkScorer.FindBestOffsets(a, b);

        Assert.Equal([2731, 4391, 9767, 14653], offsets.Select(o => o.Period));
        Assert.All(offsets, o => Assert.InRange(o.Offset, 0, o.Period - 1));
        Assert.Equal(TmkScorer.Level2(a, b), offsets.Max(o => o.Value) / TmkParameters.Default.PairScoreNormalizer);
    }

    [Fact]
    public void Score_Level1BelowThreshold_SkipsLevel2()
    {
        TmkFeatures a = Read("doorknob-hd-no-bar.tmk"), b = Read("pattern-sd-with-large-logo-bar.tmk");   // level 1 -0.31

        TmkScore score = TmkScorer.Score(a, b);

        Assert.Equal(TmkScorer.Level1(a, b), score.Level1);
        Assert.Null(score.Level2);
        Assert.False(score.IsMatch);
    }

    [Fact]
    public void Score_ThresholdsExactlyAtTheScores_MatchBecauseComparisonsAreGreaterOrEqual()
    {
        TmkFeatures a = Read("chair-19-sd-bar.tmk"), b = Read("chair-20-sd-bar.tmk");
        float level1 = TmkScorer.Level1(a, b), level2 = TmkScorer.Level2(a, b);

        Assert.True(TmkScorer.Score(a, b, new TmkThresholds(level1, level2)).IsMatch);
        Assert.False(TmkScorer.Score(a, b, new TmkThresholds(level1, MathF.BitIncrement(level2))).IsMatch);
        TmkScore notReached = TmkScorer.Score(a, b, new TmkThresholds(MathF.BitIncrement(level1), 0));
        Assert.False(notReached.IsMatch);
        Assert.Null(notReached.Level2);
    }

    [Fact]
    public void Default_Thresholds_AreTheReferenceTools()
    {
        Assert.Equal(new TmkThresholds(0.7f, 0.7f), TmkThresholds.Default);
    }

    [Fact]
    public void Score_IncompatibleParameters_Throws()
    {
        TmkFeatures reference = Read("chair-19-sd-bar.tmk");
        var other = new TmkAccumulator(new TmkParameters(15, [2731, 4391, 9767, 14654], TmkParameters.PoullotFourierCoefficients, 256));
        other.Add(new float[256]);
        TmkFeatures different = other.Finish();

        ArgumentException ex = Assert.Throws<ArgumentException>(() => TmkScorer.Level1(reference, different));
        Assert.Contains("periods", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TmkScorer.Level2(reference, different));
        Assert.False(TmkScorer.AreCompatible(reference, different, out _));
    }

    [Fact]
    public void Level1_ZeroPureAverage_IsZeroNotNaN()
    {
        // The reference divides 0 by 0 when exactly one pure average is zero; we return 0 (no threshold passes either).
        TmkFeatures zero = new TmkAccumulator().Finish();
        TmkFeatures reference = Read("chair-19-sd-bar.tmk");

        Assert.Equal(0f, TmkScorer.Level1(zero, reference));
        Assert.Equal(0f, TmkScorer.Level1(zero, zero));
    }

    private static TmkFeatures Read(string name)
    {
        using FileStream stream = File.OpenRead(Path.Combine(s_hashes, name));
        return TmkFeatures.ReadFrom(stream);
    }
}
