using Fingerprint.Hashing;
using Fingerprint.Imaging;
using Fingerprint.Video;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Tests.Video.Vpdq;

/// <summary>
/// VpdqHasher over in-memory frames. Conformance against the reference's output from real videos (every frame and the
/// frameMod sampling) is in Fingerprint.Media.Tests (Video/VpdqHasherConformanceTests).
/// </summary>
public class VpdqHasherTests
{
    [Fact]
    public async Task HashAsync_EachFrameGetsPdqOfItsPixelsAndItsNumber()
    {
        var images = new[] { SyntheticImages.Smooth(1, 90, 60), SyntheticImages.Smooth(2, 64, 64), SyntheticImages.Smooth(3, 33, 200) };
        var source = new VideoTestFrameSource(30, [(0, 0, images[0]), (30, 1, images[1]), (60, 2, images[2])]);
        var pdq = new PdqHasher();

        IReadOnlyList<VpdqFrameHash> frames = await VpdqHasher.HashAsync(source, FrameSampling.Vpdq(1.0), new PdqHasher());

        Assert.Equal(FrameSampling.Vpdq(1.0), source.RequestedSampling);
        Assert.Equal([0, 30, 60], frames.Select(f => f.FrameNumber));
        for (int i = 0; i < 3; i++)
        {
            HashResult expected = pdq.Hash(images[i].View);
            Assert.Equal((expected.Hash, expected.Quality), (frames[i].Hash, frames[i].Quality));
        }
        Assert.Equal(3, source.DisposedCount);
    }

    [Theory]
    [InlineData(1, 30.0)]
    [InlineData(7, 29.97002997002997)]
    [InlineData(1001, 23.976023976023978)]
    [InlineData(123456, 60.0)]
    public async Task HashAsync_KnownFrameRate_TimestampIsTheReferencesFloatDivision(long index, double rate)
    {
        // hasher.h: timestamp = (float)frameNumber / (float)frameRate, evaluated in float, for a constant-rate frame
        // (its own time is index / rate in double, as ffmpeg frames have).
        var source = new VideoTestFrameSource(rate, [(index, index / rate, SyntheticImages.Smooth(4, 16, 16))]);

        IReadOnlyList<VpdqFrameHash> frames = await VpdqHasher.HashAsync(source, FrameSampling.Vpdq(0), new PdqHasher());

        Assert.Equal((double)((float)index / (float)rate), frames[0].TimestampSeconds);
    }

    [Fact]
    public async Task HashAsync_FramesOffTheAverageRate_KeepTheirOwnTime()
    {
        // An animated GIF with delays 0.5, 0.5, 2.0, 0.5 s: average rate 4 / 3.5 s, frame 2 starts at 1.0 s, not 1.75 s.
        double rate = 4 / 3.5;
        var source = new VideoTestFrameSource(rate,
        [
            (0, 0.0, SyntheticImages.Smooth(10, 16, 16)), (1, 0.5, SyntheticImages.Smooth(11, 16, 16)),
            (2, 1.0, SyntheticImages.Smooth(12, 16, 16)), (3, 3.0, SyntheticImages.Smooth(13, 16, 16)),
        ]);

        IReadOnlyList<VpdqFrameHash> frames = await VpdqHasher.HashAsync(source, FrameSampling.Vpdq(0), new PdqHasher());

        Assert.Equal([0.0, 0.5, 1.0, 3.0], frames.Select(f => f.TimestampSeconds));
    }

    [Fact]
    public async Task HashAsync_UnknownFrameRate_KeepsTheFramesOwnTime()
    {
        // Animations: frames have individual delays, so the source's presentation time is kept.
        var source = new VideoTestFrameSource(0, [(0, 0, SyntheticImages.Smooth(5, 16, 16)), (1, 0.37, SyntheticImages.Smooth(6, 16, 16))]);

        IReadOnlyList<VpdqFrameHash> frames = await VpdqHasher.HashAsync(source, FrameSampling.Vpdq(0), new PdqHasher());

        Assert.Equal([0.0, 0.37], frames.Select(f => f.TimestampSeconds));
    }

    [Fact]
    public async Task HashAsync_TinyFrame_HashesToZeroWithQualityZero()
    {
        var source = new VideoTestFrameSource(25, [(0, 0, SyntheticImages.Smooth(7, 4, 4, PixelFormat.Rgb24))]);

        IReadOnlyList<VpdqFrameHash> frames = await VpdqHasher.HashAsync(source, FrameSampling.Vpdq(0), new PdqHasher());

        Assert.Equal((Hash256.Zero, 0), (frames[0].Hash, frames[0].Quality));
    }

    [Fact]
    public async Task HashAsync_FrameNumberBeyondInt_Throws()
    {
        var source = new VideoTestFrameSource(30, [((long)int.MaxValue + 1, 0, SyntheticImages.Smooth(8, 16, 16))]);

        await Assert.ThrowsAsync<OverflowException>(() => VpdqHasher.HashAsync(source, FrameSampling.Vpdq(0), new PdqHasher()));
    }
}
