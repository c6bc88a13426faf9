using Fingerprint.Imaging;
using Fingerprint.Video;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// Turns native frame durations into timestamps and decides which frames a <see cref="FrameSampling"/> delivers, for
/// the animated-image frame sources.
/// <list type="bullet">
/// <item>Durations: a frame that asks for 10 ms or less is shown for 100 ms, the rule browsers apply to GIF and WebP
/// (Chromium/Blink and Firefox image decoders) and ffmpeg's GIF demuxer default (delay under 2 cs becomes 10 cs).
/// Frame n starts at the sum of the durations before it.</item>
/// <item>Native rate: frame count / total duration.</item>
/// <item><see cref="FrameSampling.SecondsPerFrame"/> &gt; 0: vPDQ's rule, frameMod = max(1, (int)(SecondsPerFrame x
/// native rate)), frame n is delivered iff n % frameMod == 0, with its own index and start time.</item>
/// <item><see cref="FrameSampling.FramesPerSecond"/> &gt; 0: a constant-rate resample like ffmpeg's fps filter (round to
/// nearest): output k (k / fps &lt; total duration) shows the last native frame n with round(start(n) x fps) &lt;= k, and
/// is delivered with index k and timestamp k / fps.</item>
/// <item>Neither: every native frame.</item>
/// </list>
/// Sizes: <see cref="FrameSampling.Width"/>/<see cref="FrameSampling.Height"/> must be 0 (native size): resizing is left to
/// the caller, who knows which filter the reference it matches used (vPDQ: SWS_AREA; TMK: ffmpeg's bicubic).
/// Pixel formats: Rgb24, Rgba32, Bgra32 (alpha as composited; Rgb24 drops it, so uncovered canvas is black).
/// </summary>
internal sealed class FrameSchedule
{
    private readonly double[] _starts;

    public FrameSchedule(IReadOnlyList<int> durationsMs)
    {
        _starts = new double[durationsMs.Count];
        double t = 0;
        for (int i = 0; i < durationsMs.Count; i++)
        {
            _starts[i] = t;
            t += EffectiveDurationMs(durationsMs[i]) / 1000.0;
        }
        TotalSeconds = t;
        FrameRate = TotalSeconds > 0 ? durationsMs.Count / TotalSeconds : 0;
    }

    public int Count => _starts.Length;
    public double TotalSeconds { get; }
    public double FrameRate { get; }

    public double StartSeconds(int frame) => _starts[frame];

    /// <summary>Durations of 10 ms or less play as 100 ms (see the type's remarks).</summary>
    public static int EffectiveDurationMs(int ms) => ms <= 10 ? 100 : ms;

    /// <summary>Throws for sampling requests the animated sources do not serve; see the type's remarks.</summary>
    public static void Validate(FrameSampling sampling)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        if (sampling.Width != 0 || sampling.Height != 0)
            throw new NotSupportedException(
                "Animated GIF/WebP frame sources deliver frames at their native size; resize the delivered frames (FrameSampling.Width/Height must be 0).");
        if (sampling.Format is not (PixelFormat.Rgb24 or PixelFormat.Rgba32 or PixelFormat.Bgra32))
            throw new NotSupportedException($"Animated GIF/WebP frame sources deliver Rgb24, Rgba32 or Bgra32, not {sampling.Format}.");
        if (sampling.SecondsPerFrame < 0 || sampling.FramesPerSecond < 0 || double.IsNaN(sampling.SecondsPerFrame) || double.IsNaN(sampling.FramesPerSecond))
            throw new ArgumentOutOfRangeException(nameof(sampling), "SecondsPerFrame and FramesPerSecond must not be negative.");
        if (sampling.SecondsPerFrame > 0 && sampling.FramesPerSecond > 0)
            throw new ArgumentException("Set SecondsPerFrame or FramesPerSecond, not both.", nameof(sampling));
    }

    /// <summary>
    /// The deliveries after native frame <paramref name="frame"/> has been composited: (output index, timestamp) pairs.
    /// Resampling may deliver a native frame several times (duplication) or not at all (dropping).
    /// </summary>
    public void Deliveries(int frame, FrameSampling sampling, List<(long Index, double Timestamp)> output)
    {
        output.Clear();
        if (sampling.FramesPerSecond > 0)
        {
            double fps = sampling.FramesPerSecond;
            long first = (long)Math.Round(_starts[frame] * fps, MidpointRounding.AwayFromZero);
            long next = frame + 1 < Count
                ? (long)Math.Round(_starts[frame + 1] * fps, MidpointRounding.AwayFromZero)
                : (long)Math.Ceiling(TotalSeconds * fps - 1e-9);
            for (long k = first; k < next; k++)
                output.Add((k, k / fps));
            return;
        }
        if (sampling.SecondsPerFrame > 0)
        {
            int frameMod = Math.Max(1, (int)(sampling.SecondsPerFrame * FrameRate));
            if (frame % frameMod == 0)
                output.Add((frame, _starts[frame]));
            return;
        }
        output.Add((frame, _starts[frame]));
    }

    /// <summary>Copies an RGBA canvas into a new buffer of the sampling's format.</summary>
    public static PixelBuffer FromRgba(ReadOnlySpan<byte> rgba, int width, int height, PixelFormat format)
    {
        var buffer = new PixelBuffer(width, height, format);
        Span<byte> dst = buffer.Span;
        int n = width * height;
        switch (format)
        {
            case PixelFormat.Rgba32:
                rgba[..(n * 4)].CopyTo(dst);
                break;
            case PixelFormat.Bgra32:
                for (int i = 0; i < n * 4; i += 4)
                {
                    dst[i] = rgba[i + 2];
                    dst[i + 1] = rgba[i + 1];
                    dst[i + 2] = rgba[i];
                    dst[i + 3] = rgba[i + 3];
                }
                break;
            default:
                PixelOps.DropChannels(rgba, dst, n, 4, 3);
                break;
        }
        return buffer;
    }
}
