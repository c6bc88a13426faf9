using System.Runtime.CompilerServices;
using Fingerprint.Imaging;
using Fingerprint.Video;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// The <see cref="IFrameSource"/> shape shared by animated GIF and WebP: limits checked at construction from a managed
/// structure scan (no decoding), then each enumeration decodes the file from the start on a worker thread and delivers
/// frames per <see cref="FrameSchedule"/>. Each enumeration is independent; the source itself holds no native state.
/// </summary>
internal abstract class AnimatedFrameSource : IFrameSource
{
    private readonly FrameSchedule _schedule;

    protected AnimatedFrameSource(ReadOnlyMemory<byte> data, DecodeOptions options, int width, int height, IReadOnlyList<int> durationsMs,
        string formatName)
    {
        Data = data;
        Options = options;
        MediaLimits limits = options.Limits;
        if (durationsMs.Count == 0)
            MediaThrow.Corrupt(formatName, "the file holds no frame");
        if (durationsMs.Count > limits.MaxFrames)
            MediaThrow.Limit(nameof(MediaLimits.MaxFrames), $"{formatName} animation with more than {limits.MaxFrames} frames");
        MediaThrow.CheckDimensions(limits, formatName, width, height, 8);   // canvas plus a saved copy, RGBA
        long total = (long)width * height * durationsMs.Count;
        if (total > limits.MaxAnimationPixels)
            MediaThrow.Limit(nameof(MediaLimits.MaxAnimationPixels),
                $"{formatName} animation of {durationsMs.Count} frames of {width}x{height} = {total} pixels ({limits.MaxAnimationPixels} allowed)");
        Width = width;
        Height = height;
        _schedule = new FrameSchedule(durationsMs);
    }

    protected ReadOnlyMemory<byte> Data { get; }
    protected DecodeOptions Options { get; }

    /// <summary>Canvas width in pixels.</summary>
    public int Width { get; }

    /// <summary>Canvas height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of native frames.</summary>
    public int FrameCount => _schedule.Count;

    /// <summary>Total play time of one loop, in seconds (frame durations after the 10 ms rule of <see cref="FrameSchedule"/>).</summary>
    public double DurationSeconds => _schedule.TotalSeconds;

    public double FrameRate => _schedule.FrameRate;

    /// <summary>Start time of native frame <paramref name="frame"/>, in seconds.</summary>
    public double FrameStartSeconds(int frame) => _schedule.StartSeconds(frame);

    protected abstract IAnimator CreateAnimator();

    public IAsyncEnumerable<VideoFrame> ReadFramesAsync(FrameSampling sampling, CancellationToken cancellationToken = default)
    {
        FrameSchedule.Validate(sampling);
        return Enumerate(sampling, cancellationToken);
    }

    private async IAsyncEnumerable<VideoFrame> Enumerate(FrameSampling sampling, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();   // decode off the caller's thread
        using IAnimator animator = CreateAnimator();
        var deliveries = new List<(long Index, double Timestamp)>();
        PixelFormat format = sampling.Format;
        for (int n = 0; n < _schedule.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!animator.Advance())
                yield break;
            _schedule.Deliveries(n, sampling, deliveries);
            foreach ((long index, double timestamp) in deliveries)
                yield return new VideoFrame(index, timestamp, FrameSchedule.FromRgba(animator.Canvas, Width, Height, format));
        }
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
