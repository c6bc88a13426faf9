namespace Fingerprint.Video;

/// <summary>
/// Which frames a source delivers and at what size.
/// <para><see cref="SecondsPerFrame"/> = 0 means every native frame (vPDQ's -r 0); otherwise vPDQ's rule applies:
/// frameMod = (int)(SecondsPerFrame x average frame rate), at least 1, and frame n is delivered iff n % frameMod == 0
/// (vpdq filehasher.cpp; SPEC.md §4.1).</para>
/// <para><see cref="FramesPerSecond"/> &gt; 0 instead resamples to a constant rate (TMK's ffmpeg -r 15).</para>
/// <para><see cref="Width"/>/<see cref="Height"/> = 0 keep the native size.</para>
/// </summary>
public sealed record FrameSampling
{
    public double SecondsPerFrame { get; init; }
    public double FramesPerSecond { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public Imaging.PixelFormat Format { get; init; } = Imaging.PixelFormat.Rgb24;

    /// <summary>vPDQ default of python-threatexchange and the Python binding: one frame per second, native size.</summary>
    public static FrameSampling VpdqDefault { get; } = new() { SecondsPerFrame = 1.0 };

    /// <summary>TMK: 15 fps, 64x64 RGB (tmk/cpp/hashing/filehasher.cpp).</summary>
    public static FrameSampling Tmk { get; } = new() { FramesPerSecond = 15, Width = 64, Height = 64 };
}
