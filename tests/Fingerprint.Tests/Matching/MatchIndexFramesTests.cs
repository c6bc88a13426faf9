using Fingerprint.Hashing;
using Fingerprint.Matching;
using Fingerprint.TestUtilities;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Tests.Matching;

/// <summary>
/// <see cref="MatchIndex.MatchFrames(IReadOnlyList{VpdqFrameHash}, IReadOnlyList{ValueTuple{string, VpdqFrameHash}}, MatchOptions)"/>:
/// whole frames and the named regions of frames are one body of evidence per entry. Hashes are random (far apart: two
/// random hashes differ by about 128 bits) with bits flipped at known distances from the banked one.
/// </summary>
public class MatchIndexFramesTests
{
    private static readonly MatchOptions s_options = new();

    /// <summary>An index of two entries (ids 1 and 2) with one random hash each; <paramref name="banked"/> is entry 1's.</summary>
    private static MatchIndex OneEntry(ulong seed, out Hash256 banked, out SplitMix64 rng)
    {
        rng = new SplitMix64(seed);
        banked = SyntheticHashes.Random(rng);
        Hash256 other = SyntheticHashes.Random(rng);
        return MatchIndex.Create([banked, other], [new IndexedHash(1, "b", 100), new IndexedHash(2, "b", 100)]);
    }

    private static VpdqFrameHash Frame(int number, Hash256 hash, int quality = 100) => new(number, quality, hash, number / 25.0);

    [Fact]
    public void MatchFrames_MemeInsideBorders_NamesTheRegionAndCountsItsFrames()
    {
        using MatchIndex index = OneEntry(1, out Hash256 banked, out SplitMix64 rng);
        // Whole frames are far from the entry; the trimmed regions of frames 200 and 225 are near it.
        VpdqFrameHash[] frames = [Frame(175, SyntheticHashes.Random(rng)), Frame(200, SyntheticHashes.Random(rng)), Frame(225, SyntheticHashes.Random(rng))];
        (string, VpdqFrameHash)[] regions =
        [
            ("trimmed", Frame(200, SyntheticHashes.FlipRandomBits(rng, banked, 12))),
            ("trimmed", Frame(225, SyntheticHashes.FlipRandomBits(rng, banked, 9))),
        ];

        EntryMatch match = Assert.Single(index.MatchFrames(frames, regions, s_options));

        Assert.Equal(1, match.EntryId);
        Assert.Equal(9, match.Distance);
        Assert.Equal("trimmed", match.QueryRegion);
        Assert.Equal(225, match.QueryFrame);
        Assert.Equal(8.0, match.QueryTimestampSeconds);
        Assert.Equal(9.0, match.QueryLastTimestampSeconds);
        Assert.Equal(2, match.FramesMatched);
    }

    [Fact]
    public void MatchFrames_WholeFrameAndRegionEquallyClose_TheWholeFrameIsTheEvidence()
    {
        using MatchIndex index = OneEntry(2, out Hash256 banked, out SplitMix64 rng);
        VpdqFrameHash[] frames = [Frame(0, SyntheticHashes.FlipRandomBits(rng, banked, 5))];
        (string, VpdqFrameHash)[] regions =
        [
            ("panel-0", Frame(25, SyntheticHashes.FlipRandomBits(rng, banked, 5))),
            ("trimmed", Frame(50, SyntheticHashes.FlipRandomBits(rng, banked, 20))),
        ];

        EntryMatch match = Assert.Single(index.MatchFrames(frames, regions, s_options));

        Assert.Equal(5, match.Distance);
        Assert.Null(match.QueryRegion);
        Assert.Equal(0, match.QueryFrame);
        Assert.Equal(3, match.FramesMatched);   // distinct frames, whole or through a region
        Assert.Equal(0.0, match.QueryTimestampSeconds);
        Assert.Equal(2.0, match.QueryLastTimestampSeconds);
    }

    [Fact]
    public void MatchFrames_TheSameFrameWholeAndThroughARegion_CountsOnce()
    {
        using MatchIndex index = OneEntry(3, out Hash256 banked, out SplitMix64 rng);
        VpdqFrameHash[] frames = [Frame(10, SyntheticHashes.FlipRandomBits(rng, banked, 20))];
        (string, VpdqFrameHash)[] regions = [("trimmed", Frame(10, SyntheticHashes.FlipRandomBits(rng, banked, 4)))];

        EntryMatch match = Assert.Single(index.MatchFrames(frames, regions, s_options));

        Assert.Equal(4, match.Distance);
        Assert.Equal("trimmed", match.QueryRegion);
        Assert.Equal(1, match.FramesMatched);
    }

    [Fact]
    public void MatchFrames_LowQualityRegion_SkippedUnlessAllowed()
    {
        using MatchIndex index = OneEntry(4, out Hash256 banked, out SplitMix64 rng);
        VpdqFrameHash[] frames = [Frame(0, SyntheticHashes.Random(rng))];
        (string, VpdqFrameHash)[] regions = [("trimmed", Frame(0, SyntheticHashes.FlipRandomBits(rng, banked, 3), quality: 20))];

        Assert.Empty(index.MatchFrames(frames, regions, s_options));
        EntryMatch low = Assert.Single(index.MatchFrames(frames, regions, s_options with { MatchLowQuality = true }));
        Assert.True(low.LowQuality);
        Assert.Equal("trimmed", low.QueryRegion);
    }

    [Fact]
    public void MatchFrames_NoRegions_SameAsTheFramesOnlyOverload()
    {
        using MatchIndex index = OneEntry(5, out Hash256 banked, out SplitMix64 rng);
        VpdqFrameHash[] frames = [Frame(0, SyntheticHashes.FlipRandomBits(rng, banked, 7)), Frame(25, SyntheticHashes.FlipRandomBits(rng, banked, 30))];

        EntryMatch withNull = Assert.Single(index.MatchFrames(frames, null, s_options));
        EntryMatch framesOnly = Assert.Single(index.MatchFrames(frames, s_options));

        Assert.Equal(framesOnly, withNull);
        Assert.Equal(7, framesOnly.Distance);
        Assert.Equal(2, framesOnly.FramesMatched);
        Assert.Null(framesOnly.QueryRegion);
    }
}
