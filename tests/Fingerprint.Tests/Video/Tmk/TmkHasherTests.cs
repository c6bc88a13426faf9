using Fingerprint.Hashing;
using Fingerprint.Imaging;
using Fingerprint.Video;
using Fingerprint.Video.Tmk;

namespace Fingerprint.Tests.Video.Tmk;

/// <summary>
/// TmkHasher's composition (frame -> PDQF -> accumulator, frame t = position in the stream). Conformance against the
/// reference .tmk files from real videos is in Fingerprint.Media.Tests (Video/TmkHasherConformanceTests).
/// </summary>
public class TmkHasherTests
{
    private static VideoTestFrameSource Source(int count, int size = 64, ulong seed = 1) =>
        new(15, Enumerable.Range(0, count)
            .Select(i => ((long)i, i / 15.0, SyntheticImages.Smooth(seed + (ulong)i, size, size, PixelFormat.Rgb24)))
            .ToList());

    [Fact]
    public async Task HashAsync_AsksForTheReferenceSampling()
    {
        VideoTestFrameSource source = Source(3);

        await TmkHasher.HashAsync(source, new PdqHasher());

        Assert.Equal(FrameSampling.Tmk, source.RequestedSampling);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public async Task HashAsync_EqualsPdqfOfEachFrameAccumulatedInStreamOrder(int frames)
    {
        VideoTestFrameSource source = Source(frames, seed: (ulong)frames * 31);
        var expected = new TmkAccumulator();
        var pdq = new PdqHasher();
        float[] feature = new float[256];
        for (int i = 0; i < frames; i++)
        {
            pdq.ComputeFloat(SyntheticImages.Smooth((ulong)frames * 31 + (ulong)i, 64, 64, PixelFormat.Rgb24).View, feature);
            expected.Add(feature);
        }

        TmkFeatures actual = await TmkHasher.HashAsync(source, new PdqHasher());

        Assert.Equal(expected.Finish().ToBytes(), actual.ToBytes());
        Assert.Equal(frames, actual.FrameFeatureCount);
    }

    [Fact]
    public async Task HashAsync_FramesInAnotherOrder_GiveOtherLevel2FeaturesButTheSamePureAverage()
    {
        // Frame t's phase depends on its position: reversing the stream keeps the average, changes the cos/sin terms.
        var images = Enumerable.Range(0, 12).Select(i => SyntheticImages.Smooth(100 + (ulong)i, 64, 64, PixelFormat.Rgb24)).ToList();
        var forward = new VideoTestFrameSource(15, images.Select((im, i) => ((long)i, i / 15.0, im)).ToList());
        var backward = new VideoTestFrameSource(15, images.AsEnumerable().Reverse().Select((im, i) => ((long)i, i / 15.0, im)).ToList());

        TmkFeatures a = await TmkHasher.HashAsync(forward, new PdqHasher());
        TmkFeatures b = await TmkHasher.HashAsync(backward, new PdqHasher());

        Assert.Equal(a.PureAverage.ToArray(), b.PureAverage.ToArray(), (x, y) => MathF.Abs(x - y) <= 1e-3f * MathF.Max(1, MathF.Abs(x)));
        Assert.False(a.CosFeatures.SequenceEqual(b.CosFeatures) && a.SinFeatures.SequenceEqual(b.SinFeatures));
    }

    [Fact]
    public async Task HashAsync_DisposesEveryFrame()
    {
        VideoTestFrameSource source = Source(5);

        await TmkHasher.HashAsync(source, new PdqHasher());

        Assert.Equal(5, source.DeliveredCount);
        Assert.Equal(5, source.DisposedCount);
    }

    [Fact]
    public async Task HashAsync_NoFrames_GivesAnEmptyFingerprint()
    {
        TmkFeatures features = await TmkHasher.HashAsync(Source(0), new PdqHasher());

        Assert.Equal(0, features.FrameFeatureCount);
        Assert.All(features.PureAverage.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(features.CosFeatures.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task HashAsync_LargerFrames_AreFilteredDownByPdqf()
    {
        // Not the reference's input (it always gets 64x64), but accepted: PDQF runs its Jarosz filter first.
        var image = SyntheticImages.Smooth(9, 200, 120, PixelFormat.Rgb24);
        var source = new VideoTestFrameSource(15, [(0, 0, image)]);
        var expected = new TmkAccumulator();
        expected.Add(new PdqHasher().ComputeFloat(image.View).Coefficients);

        TmkFeatures actual = await TmkHasher.HashAsync(source, FrameSampling.Tmk with { Width = 0, Height = 0 }, new PdqHasher(), TmkParameters.Default);

        Assert.Equal(expected.Finish().ToBytes(), actual.ToBytes());
    }

    [Fact]
    public async Task HashAsync_SamplingAtAnotherRate_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            TmkHasher.HashAsync(Source(1), FrameSampling.Tmk with { FramesPerSecond = 30 }, new PdqHasher(), TmkParameters.Default));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            TmkHasher.HashAsync(Source(1), FrameSampling.Vpdq(1.0), new PdqHasher(), TmkParameters.Default));
    }

    [Fact]
    public async Task HashAsync_Canceled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TmkHasher.HashAsync(Source(3), new PdqHasher(), cts.Token));
    }
}
