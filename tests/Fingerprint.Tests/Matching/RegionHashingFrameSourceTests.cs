using System.Runtime.CompilerServices;
using Fingerprint.Hashing;
using Fingerprint.Imaging;
using Fingerprint.Imaging.Regions;
using Fingerprint.Matching;
using Fingerprint.Tests.Imaging.Regions;
using Fingerprint.Video;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Tests.Matching;

public class RegionHashingFrameSourceTests
{
    [Fact]
    public async Task ReadFramesAsync_LetterboxedFrame_CollectsItsTrimmedRegionAndPassesEveryFrameOn()
    {
        const double rate = 25;
        (SyntheticCanvas letterboxed, RegionRect picture) = SyntheticMemes.Padded(51, 400, 240, (0, 60, 0, 60),
            [SyntheticMemes.Black, SyntheticMemes.Black, SyntheticMemes.Black, SyntheticMemes.Black]);
        SyntheticCanvas plain = SyntheticMemes.Photo(52, 400, 360);
        var inner = new ListFrameSource(rate, [(0, plain), (25, letterboxed), (50, plain)]);
        var pdq = new PdqHasher();
        var tap = new RegionHashingFrameSource(inner, new RegionHasher(pdq), RegionScope.Query);

        IReadOnlyList<VpdqFrameHash> frames = await VpdqHasher.HashAsync(tap, FrameSampling.Vpdq(0), pdq);

        Assert.Equal([0, 25, 50], frames.Select(f => f.FrameNumber));
        Assert.Equal(pdq.Hash(letterboxed.View).Hash, frames[1].Hash);   // whole frames still hashed as before
        FrameRegion region = Assert.Single(tap.Regions);
        Assert.Equal(25, region.FrameNumber);
        Assert.Equal(VpdqFrameHash.ReferenceTimestamp(25, rate), region.TimestampSeconds);
        Assert.Equal("trimmed", region.Region.Name);
        Assert.Equal(picture, region.Region.Rect);
        Assert.Equal(rate, tap.FrameRate);
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public async Task ReadFramesAsync_FramesOfUnevenDelays_RegionsTimedAsTheirVpdqFrames()
    {
        // An animation at an average 2 fps whose frames last 0.25, 0.75 and 1 s: the second and third frames' times are
        // not index / rate, so vPDQ keeps their own times (VpdqHasher.Timestamp); their regions must carry the same.
        (SyntheticCanvas letterboxed, _) = SyntheticMemes.Padded(53, 400, 240, (0, 60, 0, 60),
            [SyntheticMemes.Black, SyntheticMemes.Black, SyntheticMemes.Black, SyntheticMemes.Black]);
        var inner = new ListFrameSource(2, [(0, letterboxed), (1, letterboxed), (2, letterboxed)], times: [0, 0.25, 1.0]);
        var pdq = new PdqHasher();
        var tap = new RegionHashingFrameSource(inner, new RegionHasher(pdq), RegionScope.Trimmed);

        IReadOnlyList<VpdqFrameHash> frames = await VpdqHasher.HashAsync(tap, FrameSampling.Vpdq(0), pdq);

        Assert.Equal([0.0, 0.25, 1.0], frames.Select(f => f.TimestampSeconds));
        Assert.Equal(frames.Select(f => (f.FrameNumber, f.TimestampSeconds)), tap.Regions.Select(r => (r.FrameNumber, r.TimestampSeconds)));
    }

    [Fact]
    public async Task DisposeAsync_LeavesTheInnerSourceToTheCaller()
    {
        var inner = new ListFrameSource(0, []);
        await using (var tap = new RegionHashingFrameSource(inner, new RegionHasher(new PdqHasher()), RegionScope.Trimmed))
        {
            await foreach (VideoFrame _ in tap.ReadFramesAsync(FrameSampling.Vpdq(0)))
            {
            }
        }
        Assert.False(inner.Disposed);
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        var inner = new ListFrameSource(0, []);
        Assert.Throws<ArgumentNullException>(() => new RegionHashingFrameSource(null!, new RegionHasher(new PdqHasher()), RegionScope.Trimmed));
        Assert.Throws<ArgumentNullException>(() => new RegionHashingFrameSource(inner, null!, RegionScope.Trimmed));
    }

    /// <summary>
    /// Frames from canvases, at the given frame indexes; timestamps <paramref name="times"/>, or index / rate (or index / 25).
    /// </summary>
    private sealed class ListFrameSource(double rate, IReadOnlyList<(long Index, SyntheticCanvas Canvas)> frames, IReadOnlyList<double>? times = null)
        : IFrameSource
    {
        public int Reads { get; private set; }
        public bool Disposed { get; private set; }

        public double FrameRate => rate;

        public async IAsyncEnumerable<VideoFrame> ReadFramesAsync(FrameSampling sampling, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Reads++;
            for (int i = 0; i < frames.Count; i++)
            {
                (long index, SyntheticCanvas canvas) = frames[i];
                await Task.Yield();
                var pixels = new PixelBuffer(canvas.Width, canvas.Height, PixelFormat.Rgb24);
                canvas.Rgb.CopyTo(pixels.Span);
                yield return new VideoFrame(index, times?[i] ?? index / (rate > 0 ? rate : 25), pixels);
            }
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
