using System.Diagnostics;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.Video;

namespace Fingerprint.Media.Tests.Ffmpeg;

/// <summary>
/// The process wrapper against fake ffmpegs (shell scripts selected like the real one): hangs, trickles, partial frames,
/// failures and stderr floods. Each must end in a typed error within its timeout, with the process killed and reaped.
/// </summary>
public partial class FfmpegFrameSourceTests
{
    // test-padded-dimensions.mp4 is probed by the real ffprobe; the fake ffmpeg is asked for 4x4 RGB frames (48 bytes).
    private const int TinyFrameBytes = 4 * 4 * 3;
    private static readonly FrameSampling s_tiny = FrameSampling.Vpdq(0, 4, 4);

    [Fact]
    public async Task ReadFrames_HangingFfmpegFromEnvironmentVariable_IsKilledAtTheStallTimeoutAndReaped()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", $"echo $$ > '{dir.File("pid")}'\nexec sleep 600");
        FfmpegTools tools = FfmpegLocator.Locate(null, null,
            name => name == FfmpegLocator.FfmpegVariable ? fake : null, Environment.GetEnvironmentVariable("PATH"));
        Assert.Equal(fake, tools.FfmpegPath);
        var options = new FfmpegOptions { StallTimeout = TimeSpan.FromSeconds(1) };
        await using FfmpegFrameSource source = await OpenFake(tools, options);
        var clock = Stopwatch.StartNew();

        FfmpegTimeoutException ex = await Assert.ThrowsAsync<FfmpegTimeoutException>(() => Drain(source, s_tiny));

        Assert.True(ex.Stalled);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 30);
        int pid = FfmpegTestEnvironment.ReadPid(dir.File("pid"), TimeSpan.FromSeconds(5));
        Assert.Equal(pid, source.LastRun!.ProcessId);
        Assert.False(FfmpegTestEnvironment.ProcessExists(pid), $"ffmpeg {pid} was left behind (zombie or alive)");
        Assert.False(source.LastRun.Completed);
    }

    [Fact]
    public async Task ReadFrames_HangingFfmpegWithAChild_KillsTheWholeTree()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg",
            $"sleep 600 &\necho $! > '{dir.File("child")}'\necho $$ > '{dir.File("pid")}'\nwait");
        var options = new FfmpegOptions { StallTimeout = TimeSpan.FromSeconds(1) };
        await using FfmpegFrameSource source = await OpenFake(new FfmpegTools(fake, FfmpegTestEnvironment.Tools.FfprobePath), options);

        await Assert.ThrowsAsync<FfmpegTimeoutException>(() => Drain(source, s_tiny));

        int pid = FfmpegTestEnvironment.ReadPid(dir.File("pid"), TimeSpan.FromSeconds(5));
        int child = FfmpegTestEnvironment.ReadPid(dir.File("child"), TimeSpan.FromSeconds(5));
        Assert.False(FfmpegTestEnvironment.ProcessExists(pid), $"ffmpeg {pid} was left behind");
        // The grandchild is killed with the tree; it is re-parented to init, which reaps it in its own time.
        Assert.True(FfmpegTestEnvironment.IsDead(child) || FfmpegTestEnvironment.WaitUntilGone(child, TimeSpan.FromSeconds(5)),
            $"child {child} of the fake ffmpeg is still running");
    }

    [Fact]
    public async Task ReadFrames_TricklingFfmpeg_IsKilledAtTheOverallTimeout()
    {
        // One byte every 0.1 s: never stalls for the 2 s stall timeout (ample on a loaded host), but never finishes a
        // 64x64 frame before the 4 s overall timeout either.
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", "while true; do printf x; sleep 0.1; done");
        var options = new FfmpegOptions { StallTimeout = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(4) };
        await using FfmpegFrameSource source = await OpenFake(new FfmpegTools(fake, FfmpegTestEnvironment.Tools.FfprobePath), options);
        var clock = Stopwatch.StartNew();

        FfmpegTimeoutException ex = await Assert.ThrowsAsync<FfmpegTimeoutException>(() => Drain(source, FrameSampling.Vpdq(0, 64, 64)));

        Assert.False(ex.Stalled);
        Assert.Equal(TimeSpan.FromSeconds(4), ex.Limit);
        Assert.InRange(clock.Elapsed.TotalSeconds, 3.9, 60);
        Assert.False(FfmpegTestEnvironment.ProcessExists(source.LastRun!.ProcessId));
    }

    [Fact]
    public async Task ReadFrames_CallerCancels_ThrowsOperationCanceledAndReaps()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", "exec sleep 600");
        await using FfmpegFrameSource source = await OpenFake(new FfmpegTools(fake, FfmpegTestEnvironment.Tools.FfprobePath), FfmpegOptions.Default);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Drain(source, s_tiny, cancellationToken: cts.Token));

        Assert.False(FfmpegTestEnvironment.ProcessExists(source.LastRun!.ProcessId));
    }

    [Fact]
    public async Task ReadFrames_OutputEndsInsideAFrame_IsTruncated()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", $"head -c {TinyFrameBytes * 2 + 5} /dev/zero\nexit 0");
        await using FfmpegFrameSource source = await OpenFake(new FfmpegTools(fake, FfmpegTestEnvironment.Tools.FfprobePath), FfmpegOptions.Default);
        int frames = 0;

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => Drain(source, s_tiny, onFrame: () => frames++));

        Assert.Equal(VideoInputError.Truncated, ex.Error);
        Assert.Equal(2, frames);
        Assert.Contains("5 of 48 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFrames_NonZeroExit_IsDecodeFailedWithStderrTail()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg",
            $"head -c {TinyFrameBytes} /dev/zero\necho 'Error while decoding stream #0:0: boom' >&2\nexit 3");
        await using FfmpegFrameSource source = await OpenFake(new FfmpegTools(fake, FfmpegTestEnvironment.Tools.FfprobePath), FfmpegOptions.Default);
        int frames = 0;

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => Drain(source, s_tiny, onFrame: () => frames++));

        Assert.Equal(VideoInputError.DecodeFailed, ex.Error);
        Assert.Equal(3, ex.ExitCode);
        Assert.Contains("boom", ex.StandardErrorTail, StringComparison.Ordinal);
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, frames);
        Assert.Equal(3, source.LastRun!.ExitCode);
    }

    [Fact]
    public async Task ReadFrames_StderrFlood_IsDrainedAndTheTailStaysBounded()
    {
        // 4 MiB of stderr in one line before any frame: without a concurrent drain ffmpeg would block on the full pipe
        // (a stall); the tail keeps at most 8 KiB of that line and then the lines after it.
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg",
            $"head -c 4194304 /dev/zero | tr '\\0' 'e' >&2\necho >&2\necho last line >&2\nhead -c {TinyFrameBytes * 3} /dev/zero\nexit 0");
        var options = new FfmpegOptions { StallTimeout = TimeSpan.FromSeconds(20) };
        await using FfmpegFrameSource source = await OpenFake(new FfmpegTools(fake, FfmpegTestEnvironment.Tools.FfprobePath), options);

        await Drain(source, s_tiny);

        FfmpegRunReport run = source.LastRun!;
        Assert.Equal(3, run.FramesDelivered);
        Assert.True(run.Completed);
        Assert.True(run.HadErrors);
        Assert.EndsWith("last line", run.StandardErrorTail, StringComparison.Ordinal);
        Assert.InRange(run.StandardErrorTail.Length, 1, 8 * 1024 + 64);
    }

    [Fact]
    public async Task ReadFrames_MissingFfmpegExecutable_IsFfmpegNotFound()
    {
        await using FfmpegFrameSource source = await OpenFake(
            new FfmpegTools("/nonexistent/ffmpeg", FfmpegTestEnvironment.Tools.FfprobePath), FfmpegOptions.Default);

        await Assert.ThrowsAsync<FfmpegNotFoundException>(() => Drain(source, s_tiny));
    }

    private static Task<FfmpegFrameSource> OpenFake(FfmpegTools tools, FfmpegOptions options) =>
        FfmpegFrameSource.OpenAsync(FfmpegTestEnvironment.Video("test-padded-dimensions.mp4"), tools, options);

    private static async Task Drain(FfmpegFrameSource source, FrameSampling sampling, Action? onFrame = null,
        CancellationToken cancellationToken = default)
    {
        await foreach (VideoFrame frame in source.ReadFramesAsync(sampling, cancellationToken))
        {
            frame.Dispose();
            onFrame?.Invoke();
        }
    }
}
