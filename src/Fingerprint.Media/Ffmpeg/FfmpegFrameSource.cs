using System.Diagnostics;
using System.Runtime.CompilerServices;
using Fingerprint.Imaging;
using Fingerprint.Video;

namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// Decoded frames of a video file, through an <c>ffmpeg</c> subprocess writing raw frames to a pipe (the role FFMpegCore
/// would play; DESIGN.md §5). Open with <see cref="OpenAsync"/>, which runs ffprobe and refuses inputs over the
/// <see cref="FfmpegLimits"/> before anything is decoded. Each <see cref="ReadFramesAsync"/> enumeration runs one ffmpeg
/// process; the filters (frame selection, scaling, pixel format) run inside ffmpeg so that only the frames asked for
/// cross the pipe, and each frame is read exactly (width x height x bytes per pixel).
/// <para>Frame numbering (<see cref="VideoFrame.Index"/>) and timestamps follow <see cref="FrameSampling"/>: with
/// frame-counter sampling (vPDQ) frame n is the n-th decoded frame and its timestamp n / <see cref="FrameRate"/>; with
/// resampling (TMK) frame t is the t-th frame of the resampled stream and its timestamp t / fps. See
/// <see cref="FfmpegArguments"/> for how each reproduces its reference.</para>
/// <para>Failure handling: stderr is drained concurrently (a bounded tail is kept); the process tree is killed on
/// cancellation, on the overall timeout and when no frame bytes arrive for the stall timeout, and always reaped; a
/// non-zero exit becomes a <see cref="VideoInputException"/> carrying stderr's tail; a stream that ends inside a frame is
/// reported as <see cref="VideoInputError.Truncated"/>. What each run saw is in <see cref="LastRun"/>.</para>
/// One enumeration at a time per source; frames belong to the consumer, who disposes them.
/// </summary>
public sealed class FfmpegFrameSource : IFrameSource
{
    private readonly FfmpegTools _tools;
    private readonly FfmpegOptions _options;
    private int _running;
    private bool _disposed;

    private FfmpegFrameSource(string fullPath, FfprobeStreamInfo streamInfo, FfmpegTools tools, FfmpegOptions options)
    {
        FullPath = fullPath;
        StreamInfo = streamInfo;
        _tools = tools;
        _options = options;
    }

    /// <summary>The absolute path of the video file.</summary>
    public string FullPath { get; }

    /// <summary>What ffprobe declared about the video stream.</summary>
    public FfprobeStreamInfo StreamInfo { get; }

    /// <summary>avg_frame_rate, or r_frame_rate when the average is unknown (as vPDQ's reference); 0 when neither is known.</summary>
    public double FrameRate => StreamInfo.FrameRate;

    /// <summary>What the last finished <see cref="ReadFramesAsync"/> run saw; null before the first one ends.</summary>
    public FfmpegRunReport? LastRun { get; private set; }

    /// <summary>
    /// Probes <paramref name="path"/> and checks it against <see cref="FfmpegOptions.Limits"/>. The tools default to
    /// <see cref="FfmpegLocator.Locate(string?, string?)"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="VideoInputException">Not a usable video, or over the limits.</exception>
    /// <exception cref="FfmpegNotFoundException">ffmpeg or ffprobe is missing.</exception>
    /// <exception cref="FfmpegTimeoutException">ffprobe stalled or ran too long.</exception>
    public static async Task<FfmpegFrameSource> OpenAsync(string path, FfmpegTools? tools = null, FfmpegOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        tools ??= FfmpegLocator.Locate();
        options ??= FfmpegOptions.Default;
        string fullPath = Path.GetFullPath(path);
        FfprobeStreamInfo info = await FfprobeStreamInfo.ProbeAsync(fullPath, tools, options, cancellationToken);
        CheckLimits(fullPath, info, options.Limits);
        return new FfmpegFrameSource(fullPath, info, tools, options);
    }

    /// <summary>Decodes the video once, delivering the frames <paramref name="sampling"/> selects.</summary>
    /// <exception cref="ArgumentException">The sampling is inconsistent, or asks for another pixel format than Rgb24/Gray8.</exception>
    /// <exception cref="VideoInputException">ffmpeg failed on the input, the stream was truncated, or too many frames came.</exception>
    /// <exception cref="FfmpegTimeoutException">ffmpeg stalled or ran too long (it was killed).</exception>
    /// <exception cref="OperationCanceledException">Cancelled (ffmpeg was killed).</exception>
    public IAsyncEnumerable<VideoFrame> ReadFramesAsync(FrameSampling sampling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        ObjectDisposedException.ThrowIf(_disposed, this);
        sampling.Validate();
        if (sampling.Format is not (PixelFormat.Rgb24 or PixelFormat.Gray8))
            throw new ArgumentException($"ffmpeg frames are delivered as Rgb24 or Gray8, not {sampling.Format}.", nameof(sampling));
        if (!sampling.IsNativeSize && (long)sampling.Width * sampling.Height > _options.Limits.MaxPixelsPerFrame)
            throw new ArgumentException($"{sampling.Width}x{sampling.Height} frames exceed the pixel limit.", nameof(sampling));
        if (sampling.FramesPerSecond == 0 && sampling.SecondsPerFrame > 0 && FrameRate <= 0)
        {
            throw new VideoInputException(VideoInputError.InvalidStream,
                $"{FullPath}: the frame rate is unknown, so seconds-per-frame sampling cannot choose frames.");
        }
        return ReadFramesCoreAsync(sampling, cancellationToken);
    }

    /// <summary>
    /// The ffmpeg arguments a <see cref="ReadFramesAsync"/> with <paramref name="sampling"/> runs (ffmpeg's own name not
    /// included), for logs and for side-by-side benchmarks that time ffmpeg alone on the same decode and filters.
    /// </summary>
    /// <exception cref="ArgumentException">The sampling is inconsistent.</exception>
    public IReadOnlyList<string> GetArguments(FrameSampling sampling)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        sampling.Validate();
        int frameMod = sampling.FramesPerSecond > 0 ? 1 : sampling.FrameModFor(FrameRate);
        return FfmpegArguments.ForFrames(FullPath, StreamInfo, sampling, frameMod, out _, out _);
    }

    public ValueTask DisposeAsync()
    {
        // Each enumeration owns its process and kills it when disposed; nothing else is held.
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<VideoFrame> ReadFramesCoreAsync(FrameSampling sampling,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
            throw new InvalidOperationException("This source is already being read; open another for concurrent reads.");
        try
        {
            int frameMod = sampling.FramesPerSecond > 0 ? 1 : sampling.FrameModFor(FrameRate);
            List<string> arguments = FfmpegArguments.ForFrames(FullPath, StreamInfo, sampling, frameMod, out int width, out int height);
            int frameBytes = checked(width * height * sampling.Format.BytesPerPixel());
            var clock = Stopwatch.StartNew();
            long delivered = 0;
            int? exitCode = null;
            string tail = "";
            bool completed = false;
            FfmpegRunReport report;

            cancellationToken.ThrowIfCancellationRequested();
            FfmpegProcess process = FfmpegProcess.Start(_tools.FfmpegPath, arguments);
            try
            {
                using var watchdog = new FfmpegWatchdog(process, _options.Timeout, _options.StallTimeout, cancellationToken);
                Stream stdout = process.StandardOutput;
                while (true)
                {
                    var buffer = new PixelBuffer(width, height, sampling.Format);
                    int read;
                    try
                    {
                        read = await ReadFrameAsync(stdout, buffer.Array.AsMemory(0, frameBytes), watchdog);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or IOException && watchdog.Fired)
                    {
                        buffer.Dispose();
                        watchdog.ThrowIfFired(process.StandardErrorTail, ex);
                        throw;
                    }
                    catch
                    {
                        buffer.Dispose();
                        throw;
                    }

                    if (read < frameBytes)
                    {
                        buffer.Dispose();
                        watchdog.ThrowIfFired(process.StandardErrorTail);
                        if (read > 0)
                        {
                            // Wait for the exit so the report carries ffmpeg's own words, then report the cut frame.
                            exitCode = await WaitForExitAsync(process, watchdog);
                            tail = process.StandardErrorTail;
                            throw new VideoInputException(VideoInputError.Truncated,
                                $"{FullPath}: ffmpeg's output ended inside frame {delivered} ({read} of {frameBytes} bytes).",
                                exitCode, tail);
                        }
                        break;
                    }

                    if (delivered >= _options.Limits.MaxFrames)
                    {
                        buffer.Dispose();
                        throw new VideoInputException(VideoInputError.TooManyFrames,
                            $"{FullPath}: more than {_options.Limits.MaxFrames} frames; stopped.");
                    }
                    long index = sampling.FramesPerSecond > 0 ? delivered : delivered * frameMod;
                    double timestamp = sampling.FramesPerSecond > 0
                        ? delivered / sampling.FramesPerSecond
                        : (FrameRate > 0 ? index / FrameRate : 0);
                    delivered++;
                    yield return new VideoFrame(index, timestamp, buffer);
                }

                exitCode = await WaitForExitAsync(process, watchdog);
                tail = process.StandardErrorTail;
                if (exitCode != 0)
                {
                    throw new VideoInputException(VideoInputError.DecodeFailed,
                        $"{FullPath}: ffmpeg exited with code {exitCode} after {delivered} frames.", exitCode, tail);
                }
                completed = true;
            }
            finally
            {
                await process.DisposeAsync();
                if (tail.Length == 0)
                    tail = process.StandardErrorTail;
                report = new FfmpegRunReport(process.ProcessId, delivered, completed, exitCode, tail, clock.Elapsed);
                LastRun = report;
            }

            if (_options.FailOnDecodeErrors && report.HadErrors)
            {
                throw new VideoInputException(report.LooksTruncated ? VideoInputError.Truncated : VideoInputError.DecodeFailed,
                    $"{FullPath}: ffmpeg reported errors while decoding ({delivered} frames delivered).", exitCode, tail);
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Reads one frame exactly; returns fewer bytes only at the end of the stream. The stall timer is re-armed on every
    /// chunk, so it measures time without any bytes, and disarmed before the frame goes to the consumer.
    /// </summary>
    private static async Task<int> ReadFrameAsync(Stream stdout, Memory<byte> frame, FfmpegWatchdog watchdog)
    {
        int total = 0;
        while (total < frame.Length)
        {
            watchdog.ArmStall();
            int read = await stdout.ReadAsync(frame[total..], watchdog.Token);
            if (read == 0)
                break;
            total += read;
        }
        watchdog.DisarmStall();
        return total;
    }

    private static async Task<int> WaitForExitAsync(FfmpegProcess process, FfmpegWatchdog watchdog)
    {
        try
        {
            watchdog.ArmStall();
            return await process.WaitForExitAsync(watchdog.Token);
        }
        catch (OperationCanceledException ex) when (watchdog.Fired)
        {
            watchdog.ThrowIfFired(process.StandardErrorTail, ex);
            throw;
        }
    }

    private static void CheckLimits(string path, FfprobeStreamInfo info, FfmpegLimits limits)
    {
        if (info.Width > limits.MaxDimension || info.Height > limits.MaxDimension)
        {
            throw new VideoInputException(VideoInputError.TooLarge,
                $"{path}: {info.Width}x{info.Height} exceeds the {limits.MaxDimension}-pixel side limit; not decoded.");
        }
        if (info.PixelCount > limits.MaxPixelsPerFrame)
        {
            throw new VideoInputException(VideoInputError.TooLarge,
                $"{path}: {info.Width}x{info.Height} = {info.PixelCount} pixels per frame exceeds the limit of {limits.MaxPixelsPerFrame}; not decoded.");
        }
        if (info.DurationSeconds is double seconds && seconds > limits.MaxDuration.TotalSeconds)
        {
            throw new VideoInputException(VideoInputError.TooLong,
                $"{path}: declared duration {seconds:0.###} s exceeds the limit of {limits.MaxDuration.TotalSeconds:0.###} s; not decoded.");
        }
    }
}
