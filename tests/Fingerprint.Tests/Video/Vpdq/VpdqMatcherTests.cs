using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.TestUtilities;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Tests.Video.Vpdq;

public class VpdqMatcherTests
{
    private static readonly Dictionary<string, VpdqFrameHash[]> s_files = new();

    public static TheoryData<string, string, string, string, string, string> ExpectedPairs()
    {
        var data = new TheoryData<string, string, string, string, string, string>();
        foreach (string line in File.ReadAllLines(Path.Combine(RepoPaths.VideoConformance, "expected", "vpdq-pair-matches.csv")).Skip(1))
        {
            string[] f = line.Split(',');
            data.Add(f[0], f[1], f[2], f[3], f[4], f[5]);
        }
        return data;
    }

    [Fact]
    public void ExpectedPairs_CoverAll240OrderedPairs()
    {
        Assert.Equal(240, ExpectedPairs().Count);
    }

    [Theory]
    [MemberData(nameof(ExpectedPairs))]
    public void Match_ReferencePair_BothModesMatchExpectedPercentages(string query, string target,
        string cppQuery, string cppTarget, string pytxQuery, string pytxTarget)
    {
        VpdqFrameHash[] q = Load(query), t = Load(target);

        VpdqMatchResult cpp = VpdqMatcher.Match(q, t, new VpdqMatchOptions { Mode = VpdqMatchMode.Cpp });
        VpdqMatchResult pytx = VpdqMatcher.Match(q, t, new VpdqMatchOptions { Mode = VpdqMatchMode.ThreatExchange });

        Assert.Equal(cppQuery, Format(cpp.QueryMatchPercent));
        Assert.Equal(cppTarget, Format(cpp.TargetMatchPercent));
        Assert.Equal(pytxQuery, Format(pytx.QueryMatchPercent));
        Assert.Equal(pytxTarget, Format(pytx.TargetMatchPercent));
    }

    [Fact]
    public void Match_DefaultOptions_AreThreatExchangeSemantics()
    {
        VpdqMatchOptions d = VpdqMatchOptions.Default;

        Assert.Equal(VpdqMatchMode.ThreatExchange, d.Mode);
        Assert.Equal(31, d.DistanceThreshold);
        Assert.Equal(50, d.QualityThreshold);
        Assert.Equal(80.0, d.QueryMatchThresholdPercent);
        Assert.Equal(0.0, d.TargetMatchThresholdPercent);
    }

    [Theory]
    [InlineData(VpdqMatchMode.ThreatExchange, 30, true)]
    [InlineData(VpdqMatchMode.ThreatExchange, 31, true)]
    [InlineData(VpdqMatchMode.ThreatExchange, 32, false)]
    [InlineData(VpdqMatchMode.Cpp, 30, true)]
    [InlineData(VpdqMatchMode.Cpp, 31, false)]
    public void Match_DistanceAtThreshold_FollowsTheModesComparison(VpdqMatchMode mode, int bits, bool expectedMatch)
    {
        var rng = new SplitMix64(0x5eed0001UL + (ulong)bits);
        Hash256 a = SyntheticHashes.Random(rng);
        Hash256 b = SyntheticHashes.FlipRandomBits(rng, a, bits);

        VpdqMatchResult r = VpdqMatcher.Match([Frame(0, 100, a)], [Frame(0, 100, b)], new VpdqMatchOptions { Mode = mode });

        Assert.Equal(expectedMatch ? 100.0 : 0.0, r.QueryMatchPercent);
        Assert.Equal(expectedMatch ? 100.0 : 0.0, r.TargetMatchPercent);
        Assert.Equal(expectedMatch, r.IsMatch);
    }

    [Fact]
    public void Match_DuplicateHashes_CountOnceOnlyInThreatExchangeMode()
    {
        var rng = new SplitMix64(0x5eed0002UL);
        Hash256 shared = SyntheticHashes.Random(rng);
        Hash256 other = SyntheticHashes.Random(rng);
        VpdqFrameHash[] query = [Frame(0, 100, shared), Frame(1, 100, shared), Frame(2, 100, shared), Frame(3, 100, other)];
        VpdqFrameHash[] target = [Frame(0, 100, shared)];

        VpdqMatchResult te = VpdqMatcher.Match(query, target);
        VpdqMatchResult cpp = VpdqMatcher.Match(query, target, new VpdqMatchOptions { Mode = VpdqMatchMode.Cpp });

        Assert.Equal((2, 1, 50.0), (te.QueryFramesCompared, te.QueryFramesMatched, te.QueryMatchPercent));
        Assert.Equal((4, 3, 75.0), (cpp.QueryFramesCompared, cpp.QueryFramesMatched, cpp.QueryMatchPercent));
        Assert.Equal(100.0, te.TargetMatchPercent);
        Assert.Equal(100.0, cpp.TargetMatchPercent);
    }

    [Fact]
    public void Match_ThreatExchangeMode_DedupesBeforeTheQualityFilter()
    {
        // python-threatexchange's brute matcher runs quality_filter(dedupe(x)): a low-quality first occurrence removes
        // a later high-quality copy of the same hash.
        var rng = new SplitMix64(0x5eed0003UL);
        Hash256 h = SyntheticHashes.Random(rng);
        Hash256 other = SyntheticHashes.Random(rng);
        VpdqFrameHash[] query = [Frame(0, 10, h), Frame(1, 90, h), Frame(2, 90, other)];

        VpdqMatchResult r = VpdqMatcher.Match(query, [Frame(0, 90, h)]);

        Assert.Equal(1, r.QueryFramesCompared);
        Assert.Equal(0, r.QueryFramesMatched);
    }

    [Fact]
    public void Match_QualityBelowThreshold_IsIgnored()
    {
        var rng = new SplitMix64(0x5eed0004UL);
        Hash256 h = SyntheticHashes.Random(rng);

        VpdqMatchResult r = VpdqMatcher.Match([Frame(0, 49, h), Frame(1, 50, SyntheticHashes.Random(rng))], [Frame(0, 100, h)]);

        Assert.Equal(1, r.QueryFramesCompared);
        Assert.Equal(0.0, r.QueryMatchPercent);
        Assert.Equal(0.0, r.TargetMatchPercent);
    }

    [Theory]
    [InlineData(VpdqMatchMode.ThreatExchange)]
    [InlineData(VpdqMatchMode.Cpp)]
    public void Match_EmptySideAfterFiltering_IsZeroBothWays(VpdqMatchMode mode)
    {
        var rng = new SplitMix64(0x5eed0005UL);
        Hash256 h = SyntheticHashes.Random(rng);

        VpdqMatchResult r = VpdqMatcher.Match([Frame(0, 100, h)], [Frame(0, 0, h)], new VpdqMatchOptions { Mode = mode });

        Assert.Equal(new VpdqMatchResult(0, 0, 1, 0, 0, 0, false), r);
        Assert.False(VpdqMatcher.Match([], [], new VpdqMatchOptions { Mode = mode }).IsMatch);
    }

    [Fact]
    public void Match_IsMatch_UsesBothPercentThresholdsWithGreaterOrEqual()
    {
        var rng = new SplitMix64(0x5eed0006UL);
        Hash256[] hashes = SyntheticHashes.Random(rng, 5);
        VpdqFrameHash[] query = hashes.Select((h, i) => Frame(i, 100, h)).ToArray();       // 5 frames
        VpdqFrameHash[] target = query.Take(4).ToArray();                                   // 4 of them: query 80 %

        Assert.True(VpdqMatcher.Match(query, target).IsMatch);
        Assert.False(VpdqMatcher.Match(query, target.AsSpan(0, 3)).IsMatch);                        // 60 %
        var strict = new VpdqMatchOptions { QueryMatchThresholdPercent = 80, TargetMatchThresholdPercent = 100.0001 };
        Assert.False(VpdqMatcher.Match(query, target, strict).IsMatch);
    }

    [Fact]
    public void Match_SelfMatch_IsHundredPercentForFramesAboveTheQualityGate()
    {
        VpdqFrameHash[] frames = Load("doorknob-hd-no-bar.txt");

        VpdqMatchResult r = VpdqMatcher.Match(frames, frames, new VpdqMatchOptions { Mode = VpdqMatchMode.Cpp });

        Assert.Equal(frames.Count(f => f.Quality >= 50), r.QueryFramesCompared);
        Assert.Equal(100.0, r.QueryMatchPercent);
        Assert.Equal(100.0, r.TargetMatchPercent);
    }

    private static VpdqFrameHash Frame(int n, int quality, Hash256 hash) => new(n, quality, hash, n / 30.0);

    private static string Format(double percent) => percent.ToString("F2", CultureInfo.InvariantCulture);

    private static VpdqFrameHash[] Load(string name)
    {
        lock (s_files)
        {
            if (!s_files.TryGetValue(name, out VpdqFrameHash[]? frames))
            {
                frames = VpdqHashFile.Parse(File.ReadAllText(Path.Combine(RepoPaths.VideoConformance, "vpdq-sample-hashes", name)));
                s_files.Add(name, frames);
            }
            return frames;
        }
    }
}
