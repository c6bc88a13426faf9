using System.Text;
using Fingerprint.Imaging;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.TestUtilities;
using Fingerprint.Video;

namespace Fingerprint.Media.Tests.Ffmpeg;

/// <summary>Bad input gives a clear typed error (or, for a cut-off stream, fewer frames with the errors reported); never a hang.</summary>
public partial class FfmpegFrameSourceTests
{
    [Theory]
    [InlineData(100)]          // inside the moov box
    [InlineData(20_000)]       // moov cut
    [InlineData(30_000)]       // moov whole, mdat barely started
    [InlineData(1_000_000)]    // about half the frames
    [InlineData(2_117_000)]    // the last packets: every video frame may still decode, but the cut is reported
    public async Task ReadFrames_TruncatedMp4_IsATypedErrorOrFewerFramesWithErrorsReported(int length)
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("cut.mp4");
        File.WriteAllBytes(path, File.ReadAllBytes(FfmpegTestEnvironment.Video("chair-19-sd-bar.mp4")).AsSpan(0, length).ToArray());

        long frames = 0;
        FfmpegRunReport? run = null;
        try
        {
            await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(path, FfmpegTestEnvironment.Tools);
            await foreach (VideoFrame frame in source.ReadFramesAsync(FrameSampling.Vpdq(0, 16, 16)))
            {
                frame.Dispose();
                frames++;
            }
            run = source.LastRun;
        }
        catch (VideoInputException ex)
        {
            Assert.NotEmpty(ex.Message);
            return;
        }

        Assert.InRange(frames, 0, 564);
        Assert.True(run!.HadErrors, "a cut-off stream must leave ffmpeg's errors in the report");
        Assert.True(run.LooksTruncated, run.StandardErrorTail);
    }

    [Fact]
    public async Task ReadFrames_TruncatedMp4WithFailOnDecodeErrors_ThrowsTruncatedAfterTheDecodableFrames()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("half.mp4");
        File.WriteAllBytes(path, File.ReadAllBytes(FfmpegTestEnvironment.Video("chair-19-sd-bar.mp4")).AsSpan(0, 1_000_000).ToArray());
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(path, FfmpegTestEnvironment.Tools,
            new FfmpegOptions { FailOnDecodeErrors = true });
        long frames = 0;

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(async () =>
        {
            await foreach (VideoFrame frame in source.ReadFramesAsync(FrameSampling.Vpdq(0, 16, 16)))
            {
                frame.Dispose();
                frames++;
            }
        });

        Assert.Equal(VideoInputError.Truncated, ex.Error);
        Assert.InRange(frames, 1, 563);
        Assert.Contains("partial file", ex.StandardErrorTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_RandomBytes_IsUnreadable()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("noise.mp4");
        byte[] bytes = new byte[64 * 1024];
        new SplitMix64(0xbad0001UL).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => FfmpegFrameSource.OpenAsync(path, FfmpegTestEnvironment.Tools));

        Assert.Equal(VideoInputError.Unreadable, ex.Error);
    }

    [Fact]
    public async Task Open_ZeroLength_IsEmpty()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("zero.mp4");
        File.WriteAllBytes(path, []);

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => FfmpegFrameSource.OpenAsync(path, FfmpegTestEnvironment.Tools));

        Assert.Equal(VideoInputError.Empty, ex.Error);
    }

    [Fact]
    public async Task Open_AudioOnly_IsAudioOnly()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("sine.mp4");
        FfmpegTestEnvironment.RunTool(FfmpegTestEnvironment.Tools.FfmpegPath, "-nostdin", "-hide_banner", "-loglevel", "error",
            "-f", "lavfi", "-i", "sine=frequency=1000:duration=2", "-c:a", "aac", path);

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => FfmpegFrameSource.OpenAsync(path, FfmpegTestEnvironment.Tools));

        Assert.Equal(VideoInputError.AudioOnly, ex.Error);
    }

    [Fact]
    public async Task Open_HugeDeclaredResolution_IsRefusedBeforeDecoding()
    {
        // A YUV4MPEG2 header declaring 16000x16000 (256 MP: below ffmpeg's own image-size check, far above ours) with
        // one tiny truncated frame: ffprobe reports the declared size, and nothing is decoded.
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("huge.y4m");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("YUV4MPEG2 W16000 H16000 F25:1 Ip A1:1 C420jpeg\nFRAME\n"), .. new byte[256]]);

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => FfmpegFrameSource.OpenAsync(path, FfmpegTestEnvironment.Tools));

        Assert.Equal(VideoInputError.TooLarge, ex.Error);
        Assert.Contains("16000x16000", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100_000L, 16_384, 6.0 * 3600, VideoInputError.TooLarge)]   // 480 x 720 = 345,600 pixels
    [InlineData(36_000_000L, 700, 6.0 * 3600, VideoInputError.TooLarge)]   // height 720
    [InlineData(36_000_000L, 16_384, 10.0, VideoInputError.TooLong)]        // 18.8 s
    public async Task Open_OverALimit_IsRefused(long maxPixels, int maxDimension, double maxSeconds, VideoInputError expected)
    {
        var options = new FfmpegOptions
        {
            Limits = new FfmpegLimits { MaxPixelsPerFrame = maxPixels, MaxDimension = maxDimension, MaxDuration = TimeSpan.FromSeconds(maxSeconds) },
        };

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() =>
            FfmpegFrameSource.OpenAsync(FfmpegTestEnvironment.Video("chair-19-sd-bar.mp4"), FfmpegTestEnvironment.Tools, options));

        Assert.Equal(expected, ex.Error);
    }

    [Fact]
    public async Task ReadFrames_MoreFramesThanTheLimit_StopsWithTooManyFrames()
    {
        var options = new FfmpegOptions { Limits = new FfmpegLimits { MaxFrames = 10 } };
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(
            FfmpegTestEnvironment.Video("doorknob-hd-no-bar.mp4"), FfmpegTestEnvironment.Tools, options);
        int frames = 0;

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(async () =>
        {
            await foreach (VideoFrame frame in source.ReadFramesAsync(FrameSampling.Vpdq(0, 8, 8)))
            {
                frame.Dispose();
                frames++;
            }
        });

        Assert.Equal(VideoInputError.TooManyFrames, ex.Error);
        Assert.Equal(10, frames);
        Assert.False(FfmpegTestEnvironment.ProcessExists(source.LastRun!.ProcessId));
    }

    [Fact]
    public async Task ReadFrames_FileNameWithShellAndFfmpegMetacharacters_IsReadAsAFile()
    {
        // Arguments go through ArgumentList (no shell) and the input is a file: URL (no protocol or option parsing).
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("a b;$(touch pwned) 'q' \"d\" |x| -i concat:y.mp4");
        File.Copy(FfmpegTestEnvironment.Video("doorknob-hd-no-bar.mp4"), path);
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(path, FfmpegTestEnvironment.Tools);
        int frames = 0;

        await foreach (VideoFrame frame in source.ReadFramesAsync(FrameSampling.Vpdq(1.0, 8, 8)))
        {
            frame.Dispose();
            frames++;
        }

        Assert.Equal(4, frames);
        Assert.False(File.Exists(dir.File("pwned")));
        Assert.False(File.Exists("pwned"));
    }

    [Fact]
    public async Task Open_HangingFfprobe_IsKilledAtTheProbeTimeout()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffprobe", $"echo $$ > '{dir.File("pid")}'\nexec sleep 600");
        var options = new FfmpegOptions { ProbeTimeout = TimeSpan.FromSeconds(1) };

        FfmpegTimeoutException ex = await Assert.ThrowsAsync<FfmpegTimeoutException>(() =>
            FfmpegFrameSource.OpenAsync(FfmpegTestEnvironment.Video("doorknob-hd-no-bar.mp4"),
                new FfmpegTools(FfmpegTestEnvironment.Tools.FfmpegPath, fake), options));

        Assert.Equal(TimeSpan.FromSeconds(1), ex.Limit);
        Assert.False(FfmpegTestEnvironment.ProcessExists(FfmpegTestEnvironment.ReadPid(dir.File("pid"), TimeSpan.FromSeconds(5))));
    }

    public static TheoryData<FrameSampling> BadSamplings() =>
    [
        new FrameSampling { SecondsPerFrame = 1, FramesPerSecond = 15 },
        new FrameSampling { Width = 64 },
        new FrameSampling { Width = -1, Height = -1 },
        new FrameSampling { SecondsPerFrame = double.NaN },
        new FrameSampling { FramesPerSecond = -15 },
        new FrameSampling { Format = PixelFormat.Rgba32 },
        new FrameSampling { Width = 100_000, Height = 100_000 },
    ];

    [Theory]
    [MemberData(nameof(BadSamplings))]
    public async Task ReadFrames_BadSampling_ThrowsArgumentExceptionBeforeStartingFfmpeg(FrameSampling sampling)
    {
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(
            FfmpegTestEnvironment.Video("test-padded-dimensions.mp4"), FfmpegTestEnvironment.Tools);

        Assert.ThrowsAny<ArgumentException>(() => source.ReadFramesAsync(sampling));
        Assert.Null(source.LastRun);
    }
}
