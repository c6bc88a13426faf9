using System.Buffers.Binary;
using Fingerprint.Imaging;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.TestUtilities;
using Fingerprint.Video;

namespace Fingerprint.Media.Tests.Ffmpeg;

/// <summary>Frames, counts and bytes against the reference tools and data (the reference decode paths are described on FfmpegArguments).</summary>
public partial class FfmpegFrameSourceTests
{
    [Fact]
    public async Task ReadFrames_Chair19EveryFrameNativeSize_Gives564FramesOf480x720()
    {
        await using FfmpegFrameSource source = await Open("chair-19-sd-bar.mp4");
        long count = 0;

        await foreach (VideoFrame frame in source.ReadFramesAsync(FrameSampling.Vpdq(0)))
        {
            using (frame)
            {
                Assert.Equal(count, frame.Index);
                Assert.Equal(count / 30.0, frame.TimestampSeconds);
                Assert.Equal((480, 720, PixelFormat.Rgb24), (frame.Pixels.Width, frame.Pixels.Height, frame.Pixels.Format));
                Assert.Equal(480 * 720 * 3, frame.Pixels.Length);
            }
            count++;
        }

        Assert.Equal(564, count);
        Assert.Equal(new FfmpegRunReport(source.LastRun!.ProcessId, 564, true, 0, "", source.LastRun.Elapsed), source.LastRun);
        Assert.False(FfmpegTestEnvironment.ProcessExists(source.LastRun.ProcessId));
    }

    public static TheoryData<string> VideosWithRecomputedVpdq()
    {
        var data = new TheoryData<string>();
        foreach (string video in FfmpegTestEnvironment.SampleVideoNames())
            data.Add(Path.GetFileNameWithoutExtension(video));
        return data;
    }

    [Theory]
    [MemberData(nameof(VideosWithRecomputedVpdq))]
    public async Task ReadFrames_EveryFrame_FrameNumbersEqualTheReferenceVpdqOutput(string name)
    {
        // recomputed-vpdq-ffmpeg5.1/ is vpdq-hash-video -r 0 with these ffmpeg libraries: one line per decoded frame.
        int[] expected = File.ReadAllLines(Path.Combine(RepoPaths.VideoConformance, "recomputed-vpdq-ffmpeg5.1", name + ".txt"))
            .Select(l => int.Parse(l.AsSpan(0, l.IndexOf(',', StringComparison.Ordinal)), provider: null))
            .ToArray();
        await using FfmpegFrameSource source = await Open(name + ".mp4");

        List<long> indices = await Indices(source, FrameSampling.Vpdq(0, 16, 16));

        Assert.Equal(expected.Select(n => (long)n), indices);
    }

    [Fact]
    public async Task ReadFrames_OneSecondPerHash_DeliversEveryThirtiethFrameByteForByte()
    {
        // frameMod = (int)(1.0 * 30) = 30: frames 0, 30, 60, ... of the decoded stream (vpdq filehasher.cpp). Selection
        // runs inside ffmpeg; the frames must equal those picked by counter from an every-frame read.
        await using FfmpegFrameSource source = await Open("doorknob-hd-no-bar.mp4");
        List<(long Index, byte[] Pixels)> all = await Frames(source, FrameSampling.Vpdq(0, 40, 24));
        List<(long Index, byte[] Pixels)> sampled = await Frames(source, FrameSampling.Vpdq(1.0, 40, 24));

        Assert.Equal(120, all.Count);
        Assert.Equal([0, 30, 60, 90], sampled.Select(f => f.Index));
        foreach ((long index, byte[] pixels) in sampled)
            Assert.Equal(all[(int)index].Pixels, pixels);
    }

    [Fact]
    public async Task ReadFrames_VpdqDefault_UsesNativeSizeAndTimestampsFromFrameNumbers()
    {
        await using FfmpegFrameSource source = await Open("test-padded-dimensions.mp4");
        var seen = new List<(long, double, int, int)>();

        await foreach (VideoFrame frame in source.ReadFramesAsync(FrameSampling.VpdqDefault))
        {
            using (frame)
                seen.Add((frame.Index, frame.TimestampSeconds, frame.Pixels.Width, frame.Pixels.Height));
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(k => ((long)(30 * k), k * 30 / 30.0, 1080, 1080)), seen);
    }

    public static TheoryData<string> VideosWithTmk()
    {
        var data = new TheoryData<string>();
        foreach (string video in FfmpegTestEnvironment.SampleVideoNames())
        {
            string name = Path.GetFileNameWithoutExtension(video);
            if (File.Exists(FfmpegTestEnvironment.TmkFile(name + ".tmk")))
                data.Add(name);
        }
        return data;
    }

    [Fact]
    public void VideosWithTmk_AreSevenOfTheEight()
    {
        Assert.Equal(7, VideosWithTmk().Count);   // test-padded-dimensions has no reference .tmk
    }

    [Theory]
    [MemberData(nameof(VideosWithTmk))]
    public async Task ReadFrames_Tmk_EqualsTheReferenceCommandAndTheTmkFrameCount(string name)
    {
        // The exact command of tmk/cpp/hashing/filehasher.cpp (SPEC.md §3.1), run here as the independent reference.
        byte[] reference = FfmpegTestEnvironment.RunTool(FfmpegTestEnvironment.Tools.FfmpegPath,
            "-loglevel", "warning", "-hide_banner", "-stats", "-nostdin", "-i", FfmpegTestEnvironment.Video(name + ".mp4"),
            "-s", "64:64", "-an", "-f", "rawvideo", "-c:v", "rawvideo", "-pix_fmt", "rgb24", "-r", "15", "pipe:1");
        int headerCount = BinaryPrimitives.ReadInt32LittleEndian(File.ReadAllBytes(FfmpegTestEnvironment.TmkFile(name + ".tmk")).AsSpan(28));
        await using FfmpegFrameSource source = await Open(name + ".mp4");

        List<(long Index, byte[] Pixels)> frames = await Frames(source, FrameSampling.Tmk);

        Assert.Equal(headerCount, frames.Count);
        Assert.Equal(Enumerable.Range(0, headerCount).Select(t => (long)t), frames.Select(f => f.Index));
        Assert.Equal(reference, frames.SelectMany(f => f.Pixels).ToArray());
    }

    [Fact]
    public async Task ReadFrames_Tmk_TimestampsAreFrameOverFifteen()
    {
        await using FfmpegFrameSource source = await Open("doorknob-hd-no-bar.mp4");
        var timestamps = new List<double>();

        await foreach (VideoFrame frame in source.ReadFramesAsync(FrameSampling.Tmk))
        {
            using (frame)
                timestamps.Add(frame.TimestampSeconds);
        }

        Assert.Equal(Enumerable.Range(0, timestamps.Count).Select(t => t / 15.0), timestamps);
    }

    [Fact]
    public async Task ReadFrames_Gray8_DeliversOneBytePerPixel()
    {
        await using FfmpegFrameSource source = await Open("doorknob-hd-no-bar.mp4");
        var sampling = FrameSampling.Vpdq(1.0, 64, 36) with { Format = PixelFormat.Gray8 };

        List<(long Index, byte[] Pixels)> frames = await Frames(source, sampling);

        Assert.Equal(4, frames.Count);
        Assert.All(frames, f => Assert.Equal(64 * 36, f.Pixels.Length));
    }

    [Fact]
    public async Task ReadFrames_ConsumerStopsEarly_KillsAndReapsFfmpeg()
    {
        await using FfmpegFrameSource source = await Open("chair-19-sd-bar.mp4");
        int taken = 0;

        await foreach (VideoFrame frame in source.ReadFramesAsync(FrameSampling.Vpdq(0)))
        {
            frame.Dispose();
            if (++taken == 3)
                break;
        }

        FfmpegRunReport run = source.LastRun!;
        Assert.Equal(3, run.FramesDelivered);
        Assert.False(run.Completed);
        Assert.Null(run.ExitCode);
        Assert.False(FfmpegTestEnvironment.ProcessExists(run.ProcessId));
    }

    [Fact]
    public async Task ReadFrames_TwiceOnOneSource_GivesTheSameFrames()
    {
        await using FfmpegFrameSource source = await Open("doorknob-hd-no-bar.mp4");

        List<(long Index, byte[] Pixels)> first = await Frames(source, FrameSampling.Vpdq(1.0, 8, 8));
        List<(long Index, byte[] Pixels)> second = await Frames(source, FrameSampling.Vpdq(1.0, 8, 8));

        Assert.Equal(first.Select(f => f.Index), second.Select(f => f.Index));
        Assert.Equal(first.SelectMany(f => f.Pixels), second.SelectMany(f => f.Pixels));
    }

    private static Task<FfmpegFrameSource> Open(string video, FfmpegOptions? options = null) =>
        FfmpegFrameSource.OpenAsync(FfmpegTestEnvironment.Video(video), FfmpegTestEnvironment.Tools, options);

    private static async Task<List<long>> Indices(FfmpegFrameSource source, FrameSampling sampling)
    {
        var indices = new List<long>();
        await foreach (VideoFrame frame in source.ReadFramesAsync(sampling))
        {
            indices.Add(frame.Index);
            frame.Dispose();
        }
        return indices;
    }

    private static async Task<List<(long Index, byte[] Pixels)>> Frames(FfmpegFrameSource source, FrameSampling sampling)
    {
        var frames = new List<(long, byte[])>();
        await foreach (VideoFrame frame in source.ReadFramesAsync(sampling))
        {
            using (frame)
                frames.Add((frame.Index, frame.Pixels.Span.ToArray()));
        }
        return frames;
    }
}
