using Fingerprint.Hashing;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.Media.Tests.Ffmpeg;
using Fingerprint.Video;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Media.Tests.Video;

/// <summary>
/// vPDQ from real frames against <c>recomputed-vpdq-ffmpeg5.1/</c>: <c>vpdq-hash-video -r 0 -s 0 -t 1</c> made with the
/// same ffmpeg 5.1.9 libraries as the ffmpeg here. The upstream regression test (vpdq/cpp/regtest.py) accepts the same
/// frame count and numbers and, per frame, distance &lt; 31 where both qualities are &gt;= 50; that tolerance is asserted
/// as the conformance bar, and exactness (every hash, quality and the file text) separately, so a failure says which
/// of the two broke. Measured: all 1,883 frames of the 8 videos exact (max distance 0), files byte-identical.
/// All 8 videos run by default: hashing every frame of all of them takes about 12 s on the shared 2-core machine.
/// </summary>
public class VpdqHasherConformanceTests
{
    public static TheoryData<string> AllVideos() => VideoConformanceData.Names(VideoConformanceData.VideoNames());

    [Theory]
    [MemberData(nameof(AllVideos))]
    public async Task Hash_EveryFrame_SameFramesAndTimestampsAndWithinTheRegressionTolerance(string name)
    {
        VpdqFrameHash[] expected = VpdqHashFile.Parse(await File.ReadAllTextAsync(VideoConformanceData.RecomputedVpdqPath(name)));

        IReadOnlyList<VpdqFrameHash> ours = await VideoConformanceData.VpdqEveryFrameAsync(name);

        Assert.Equal(expected.Length, ours.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].FrameNumber, ours[i].FrameNumber);
            // The file holds 3 decimals; ours is the reference's float frameNumber / frameRate.
            Assert.Equal(expected[i].TimestampSeconds, Math.Round(ours[i].TimestampSeconds, 3, MidpointRounding.ToEven), 9);
            if (expected[i].Quality >= 50 && ours[i].Quality >= 50)
            {
                int distance = expected[i].Hash.DistanceTo(ours[i].Hash);
                Assert.True(distance < 31, $"{name} frame {expected[i].FrameNumber}: distance {distance}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllVideos))]
    public async Task Hash_EveryFrame_EqualsTheReferenceExactly(string name)
    {
        string expectedText = await File.ReadAllTextAsync(VideoConformanceData.RecomputedVpdqPath(name));
        VpdqFrameHash[] expected = VpdqHashFile.Parse(expectedText);

        IReadOnlyList<VpdqFrameHash> ours = await VideoConformanceData.VpdqEveryFrameAsync(name);

        int exact = 0, maxDistance = 0;
        for (int i = 0; i < Math.Min(expected.Length, ours.Count); i++)
        {
            int d = expected[i].Hash.DistanceTo(ours[i].Hash);
            maxDistance = Math.Max(maxDistance, d);
            if (d == 0 && expected[i].Quality == ours[i].Quality)
                exact++;
        }
        Assert.True(exact == expected.Length, $"{name}: {exact} of {expected.Length} frames exact, max distance {maxDistance}");
        Assert.Equal(expectedText, VpdqHashFile.Format(ours));
    }

    [Fact]
    public async Task Hash_PaddedDimensions_1080x1080EveryFrameEqualsTheReference()
    {
        // test-padded-dimensions.mp4 (1080x1080, coded with padding to 1088 rows): the padding rows must not leak in.
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(VideoConformanceData.VideoPath("test-padded-dimensions"), FfmpegTestEnvironment.Tools);
        Assert.Equal((1080, 1080), (source.StreamInfo.Width, source.StreamInfo.Height));

        IReadOnlyList<VpdqFrameHash> ours = await VideoConformanceData.VpdqEveryFrameAsync("test-padded-dimensions");

        Assert.Equal(150, ours.Count);
        Assert.Equal(await File.ReadAllTextAsync(VideoConformanceData.RecomputedVpdqPath("test-padded-dimensions")), VpdqHashFile.Format(ours));
    }

    [Theory]
    [InlineData("doorknob-hd-no-bar", 1.0, 30)]
    [InlineData("pattern-sd-grey-bar", 1.0, 30)]
    [InlineData("chair-19-sd-bar", 0.5, 15)]
    [InlineData("test-padded-dimensions", 2.0, 60)]
    public async Task Hash_SecondsPerHash_SelectsEveryFrameModThFrameWithTheReferenceHashes(string name, double secondsPerHash, int frameMod)
    {
        // filehasher.cpp: frameMod = (int)(secondsPerHash * avg_frame_rate); frame n is hashed iff n % frameMod == 0.
        // The sample videos are 30 fps, so the hashes must be exactly the every-frame reference lines at those frames.
        VpdqFrameHash[] everyFrame = VpdqHashFile.Parse(await File.ReadAllTextAsync(VideoConformanceData.RecomputedVpdqPath(name)));
        VpdqFrameHash[] expected = everyFrame.Where(f => f.FrameNumber % frameMod == 0).ToArray();
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(VideoConformanceData.VideoPath(name), FfmpegTestEnvironment.Tools);
        Assert.Equal(frameMod, FrameSampling.Vpdq(secondsPerHash).FrameModFor(source.FrameRate));

        IReadOnlyList<VpdqFrameHash> ours = await VpdqHasher.HashAsync(source, FrameSampling.Vpdq(secondsPerHash),
            new PdqHasher(new PdqHasherOptions { Pipeline = PdqPipeline.FullRes }));

        Assert.Equal(VpdqHashFile.Format(expected), VpdqHashFile.Format(ours));
    }
}
