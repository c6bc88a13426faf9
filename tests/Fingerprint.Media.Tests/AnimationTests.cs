using Fingerprint.Imaging;
using Fingerprint.Media.Tests.TestSupport;
using Fingerprint.Video;

namespace Fingerprint.Media.Tests;

/// <summary>
/// Animated GIF and WebP through <see cref="ImageDecoder.OpenAnimation"/>. Composited frames are compared with
/// ImageMagick's <c>-coalesce</c> (alpha everywhere; colour where opaque: ImageMagick keeps stale colour under cleared,
/// fully transparent pixels while we clear them to transparent black). Timestamps and sampling are checked against
/// values worked out by hand from the frame delays.
/// </summary>
public sealed class AnimationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Offsets, a transparent pixel, and all three disposals (none, background, previous).</summary>
    private string MakeGif()
    {
        return ImageMagick.Make(_dir.File("anim.gif"),
            "-delay", "10", "-dispose", "None", "-size", "20x16", "gradient:red-yellow",
            "-delay", "20", "-dispose", "Background", "-page", "+5+4", "(", "-size", "8x6", "xc:blue", "-fill", "none", "-draw", "point 1,1", ")",
            "-delay", "30", "-dispose", "Previous", "-page", "+2+2", "(", "-size", "6x6", "xc:green", ")",
            "-delay", "0", "-dispose", "None", "-page", "+10+8", "(", "-size", "5x5", "xc:white", ")",
            "-loop", "0");
    }

    private string MakeWebP()
    {
        return ImageMagick.Make(_dir.File("anim.webp"),
            "-delay", "10", "-size", "20x16", "gradient:red-yellow",
            "-delay", "20", "(", "-size", "20x16", "xc:none", "-fill", "blue", "-draw", "rectangle 4,3 12,9", ")",
            "-delay", "5", "(", "-size", "20x16", "xc:green", ")",
            "-define", "webp:lossless=true", "-loop", "0");
    }

    private static async Task<List<VideoFrame>> ReadAll(IFrameSource source, FrameSampling sampling)
    {
        var frames = new List<VideoFrame>();
        await foreach (VideoFrame f in source.ReadFramesAsync(sampling))
            frames.Add(f);
        return frames;
    }

    private static void AssertMatchesCoalesce(string file, List<VideoFrame> frames, int width, int height)
    {
        byte[] expected = ImageMagick.Run(file, "-coalesce", "-depth", "8", "rgba:-");
        int frameBytes = width * height * 4;
        Assert.Equal(expected.Length / frameBytes, frames.Count);
        for (int n = 0; n < frames.Count; n++)
        {
            byte[] got = ImageMagick.Packed(frames[n].Pixels);
            for (int p = 0; p < width * height; p++)
            {
                int e = n * frameBytes + p * 4, g = p * 4;
                Assert.True(expected[e + 3] == got[g + 3], $"frame {n} pixel ({p % width},{p / width}): alpha {got[g + 3]}, IM {expected[e + 3]}");
                if (expected[e + 3] == 255)
                {
                    Assert.True(expected.AsSpan(e, 3).SequenceEqual(got.AsSpan(g, 3)),
                        $"frame {n} pixel ({p % width},{p / width}): rgb {got[g]},{got[g + 1]},{got[g + 2]}, IM {expected[e]},{expected[e + 1]},{expected[e + 2]}");
                }
            }
        }
    }

    [Fact]
    public async Task Gif_CompositedFrames_MatchImageMagickCoalesce()
    {
        string file = MakeGif();
        using var decoder = new ImageDecoder();
        await using IFrameSource source = decoder.OpenAnimation(File.ReadAllBytes(file), DecodeOptions.Default);
        List<VideoFrame> frames = await ReadAll(source, new FrameSampling { Format = PixelFormat.Rgba32 });
        AssertMatchesCoalesce(file, frames, 20, 16);
        frames.ForEach(f => f.Dispose());
    }

    [Fact]
    public async Task WebP_CompositedFrames_MatchImageMagickCoalesce()
    {
        string file = MakeWebP();
        using var decoder = new ImageDecoder();
        await using IFrameSource source = decoder.OpenAnimation(File.ReadAllBytes(file), DecodeOptions.Default);
        List<VideoFrame> frames = await ReadAll(source, new FrameSampling { Format = PixelFormat.Rgba32 });
        AssertMatchesCoalesce(file, frames, 20, 16);
        frames.ForEach(f => f.Dispose());
    }

    [Fact]
    public async Task Gif_TimestampsAndSampling_FollowTheDelays()
    {
        // Delays 10, 20, 30, 0 cs; 0 plays as 10 cs. Starts 0, 0.1, 0.3, 0.6; total 0.7 s; native rate 4 / 0.7.
        using var decoder = new ImageDecoder();
        byte[] data = File.ReadAllBytes(MakeGif());
        await using IFrameSource source = decoder.OpenAnimation(data, DecodeOptions.Default);
        Assert.Equal(4 / 0.7, source.FrameRate, 9);

        List<VideoFrame> all = await ReadAll(source, new FrameSampling());
        Assert.Equal([0L, 1, 2, 3], all.Select(f => f.Index));
        Assert.Equal([0.0, 0.1, 0.3, 0.6], all.Select(f => Math.Round(f.TimestampSeconds, 9)));
        Assert.All(all, f => Assert.Equal(PixelFormat.Rgb24, f.Pixels.Format));

        // vPDQ rule: frameMod = (int)(0.5 s x 5.714 fps) = 2 -> frames 0 and 2.
        List<VideoFrame> vpdq = await ReadAll(source, new FrameSampling { SecondsPerFrame = 0.5 });
        Assert.Equal([0L, 2], vpdq.Select(f => f.Index));
        Assert.Equal("same", Same(all[2], vpdq[1]));

        // 10 fps resample: frame n covers outputs [round(10 start(n)), round(10 start(n+1))): 0 | 1,2 | 3,4,5 | 6.
        List<VideoFrame> fps = await ReadAll(source, new FrameSampling { FramesPerSecond = 10 });
        Assert.Equal([0L, 1, 2, 3, 4, 5, 6], fps.Select(f => f.Index));
        Assert.Equal([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6], fps.Select(f => Math.Round(f.TimestampSeconds, 9)));
        int[] shows = [0, 1, 1, 2, 2, 2, 3];
        for (int k = 0; k < fps.Count; k++)
            Assert.Equal("same", Same(all[shows[k]], fps[k]));

        foreach (VideoFrame f in all.Concat(vpdq).Concat(fps))
            f.Dispose();
    }

    private static string Same(VideoFrame a, VideoFrame b) =>
        ImageMagick.Packed(a.Pixels).AsSpan().SequenceEqual(ImageMagick.Packed(b.Pixels)) ? "same" : $"frames {a.Index} and {b.Index} differ";

    [Fact]
    public async Task WebP_FirstFrameStill_EqualsFirstAnimationFrame()
    {
        // ImageMagick 6.9.11 writes WebP frame durations shifted by one frame (200, 50, 125 ms here), so the test sets
        // them itself: 100, 5 (plays as 100) and 300 ms -> starts 0, 0.1, 0.2.
        byte[] data = SetWebPDurations(File.ReadAllBytes(MakeWebP()), [100, 5, 300]);
        using var decoder = new ImageDecoder();
        await using IFrameSource source = decoder.OpenAnimation(data, DecodeOptions.Default);
        List<VideoFrame> frames = await ReadAll(source, new FrameSampling());
        using DecodedImage still = decoder.Decode(data, DecodeOptions.Reference);
        Assert.Equal(ImageMagick.Packed(frames[0].Pixels), ImageMagick.Packed(still.Pixels));
        Assert.Equal(3, frames.Count);
        Assert.Equal([0.0, 0.1, 0.2], frames.Select(f => Math.Round(f.TimestampSeconds, 9)));
        Assert.Equal(3 / 0.5, source.FrameRate, 9);
        frames.ForEach(f => f.Dispose());
    }

    [Fact]
    public void IsAnimated_DistinguishesMultiFrameFiles()
    {
        Assert.True(ImageDecoder.IsAnimated(File.ReadAllBytes(MakeGif())));
        Assert.True(ImageDecoder.IsAnimated(File.ReadAllBytes(MakeWebP())));
        Assert.False(ImageDecoder.IsAnimated(File.ReadAllBytes(ImageMagick.Make(_dir.File("still.gif"), "-size", "9x9", "xc:red"))));
        Assert.False(ImageDecoder.IsAnimated(File.ReadAllBytes(ImageMagick.Make(_dir.File("still.webp"), "-size", "9x9", "xc:red"))));
        Assert.False(ImageDecoder.IsAnimated(File.ReadAllBytes(ImageMagick.Make(_dir.File("still.png"), "-size", "9x9", "xc:red"))));
        Assert.False(ImageDecoder.IsAnimated([]));
    }

    [Fact]
    public async Task Gif_TenThousandFrames_AllDeliveredWithinLimits()
    {
        byte[] gif = TinyGif(10_000);
        Assert.True(ImageDecoder.IsAnimated(gif));
        using var decoder = new ImageDecoder();
        await using IFrameSource source = decoder.OpenAnimation(gif, DecodeOptions.Default);
        int count = 0;
        double last = -1;
        await foreach (VideoFrame f in source.ReadFramesAsync(new FrameSampling()))
        {
            Assert.Equal(count, f.Index);
            Assert.True(f.TimestampSeconds > last);
            last = f.TimestampSeconds;
            Assert.Equal(count % 2 == 0 ? 0 : 255, f.Pixels.Span[0]);
            f.Dispose();
            count++;
        }
        Assert.Equal(10_000, count);
        using DecodedImage still = decoder.Decode(gif, DecodeOptions.Default);
        Assert.Equal((1, 1), (still.Pixels.Width, still.Pixels.Height));
    }

    [Fact]
    public void Gif_MoreFramesThanMaxFrames_IsLimitExceeded()
    {
        using var decoder = new ImageDecoder();
        var ex = Assert.Throws<MediaException>(() => decoder.OpenAnimation(TinyGif(10_001), DecodeOptions.Default));
        Assert.Equal(MediaErrorCode.LimitExceeded, ex.Code);
        Assert.Contains("MaxFrames", ex.Message, StringComparison.Ordinal);
        var small = new DecodeOptions { Limits = new MediaLimits { MaxFrames = 3 } };
        Assert.Equal(MediaErrorCode.LimitExceeded, Assert.Throws<MediaException>(() => decoder.OpenAnimation(File.ReadAllBytes(MakeGif()), small)).Code);
    }

    [Fact]
    public async Task ReadFrames_UnsupportedSampling_Throws()
    {
        using var decoder = new ImageDecoder();
        await using IFrameSource source = decoder.OpenAnimation(File.ReadAllBytes(MakeGif()), DecodeOptions.Default);
        Assert.Throws<NotSupportedException>(() => source.ReadFramesAsync(FrameSampling.Tmk));
        Assert.Throws<NotSupportedException>(() => source.ReadFramesAsync(new FrameSampling { Format = PixelFormat.Gray8 }));
        Assert.Throws<ArgumentException>(() => source.ReadFramesAsync(new FrameSampling { SecondsPerFrame = 1, FramesPerSecond = 2 }));
    }

    [Fact]
    public async Task ReadFrames_Canceled_Stops()
    {
        using var decoder = new ImageDecoder();
        await using IFrameSource source = decoder.OpenAnimation(TinyGif(500), DecodeOptions.Default);
        using var cts = new CancellationTokenSource();
        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (VideoFrame f in source.ReadFramesAsync(new FrameSampling(), cts.Token))
            {
                f.Dispose();
                if (++seen == 10)
                    await cts.CancelAsync();
            }
        });
        Assert.Equal(10, seen);
    }

    [Fact]
    public void OpenAnimation_NotGifOrWebP_IsUnsupported()
    {
        using var decoder = new ImageDecoder();
        byte[] png = File.ReadAllBytes(ImageMagick.Make(_dir.File("x.png"), "-size", "4x4", "xc:red"));
        Assert.Equal(MediaErrorCode.UnsupportedFormat, Assert.Throws<MediaException>(() => decoder.OpenAnimation(png, DecodeOptions.Default)).Code);
    }

    /// <summary>Overwrites the 24-bit duration (payload offset 12) of each ANMF chunk, in order (WebP container spec).</summary>
    private static byte[] SetWebPDurations(byte[] webp, int[] durationsMs)
    {
        int i = 12, n = 0;
        while (i + 8 <= webp.Length)
        {
            int size = BitConverter.ToInt32(webp, i + 4);
            if (webp.AsSpan(i, 4).SequenceEqual("ANMF"u8))
            {
                int d = durationsMs[n++];
                webp[i + 8 + 12] = (byte)d;
                webp[i + 8 + 13] = (byte)(d >> 8);
                webp[i + 8 + 14] = (byte)(d >> 16);
            }
            i += 8 + size + (size & 1);
        }
        Assert.Equal(durationsMs.Length, n);
        return webp;
    }

    /// <summary>
    /// A GIF89a of <paramref name="frames"/> 1x1 frames alternating black and white (global palette of 2), each with a
    /// Graphic Control Extension of 3 cs. LZW data for one pixel of index v with minimum code size 2: codes clear (4),
    /// v, end (5) in 3-bit codes, LSB first = bytes (0x04 | v &lt;&lt; 3 | 5 &lt;&lt; 6) and 0x01.
    /// </summary>
    internal static byte[] TinyGif(int frames)
    {
        using var ms = new MemoryStream();
        ms.Write("GIF89a"u8);
        ms.Write([1, 0, 1, 0, 0x80, 0, 0]);           // 1x1 screen, global table of 2 entries
        ms.Write([0, 0, 0, 255, 255, 255]);
        for (int i = 0; i < frames; i++)
        {
            int v = i % 2;
            ms.Write([0x21, 0xF9, 4, 0, 3, 0, 0, 0]);  // GCE: no disposal, delay 3 cs, no transparency
            ms.Write([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
            ms.Write([2, 2, (byte)(0x04 | (v << 3) | (5 << 6)), 0x01, 0]);
        }
        ms.WriteByte(0x3B);
        return ms.ToArray();
    }
}
