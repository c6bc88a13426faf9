namespace Fingerprint.Video;

/// <summary>
/// Which frames a source delivers and at what size.
/// <para><see cref="SecondsPerFrame"/> = 0 means every native frame (vPDQ's -r 0); otherwise vPDQ's rule applies:
/// frameMod = (int)(SecondsPerFrame x average frame rate), at least 1, and frame n is delivered iff n % frameMod == 0
/// (vpdq filehasher.cpp; SPEC.md §4.1). Frame n is the n-th decoded frame, counted from 0 (the decoder's frame counter,
/// not the timestamps).</para>
/// <para><see cref="FramesPerSecond"/> &gt; 0 instead resamples to a constant rate (TMK's ffmpeg -r 15); frame n is
/// then the n-th frame of the resampled stream. Setting both is an error.</para>
/// <para><see cref="Width"/>/<see cref="Height"/> = 0 keep the native size; otherwise both must be set, and frames are
/// resized to exactly that size (aspect ratio not kept) with <see cref="Scaler"/>.</para>
/// </summary>
public sealed record FrameSampling
{
    public double SecondsPerFrame { get; init; }
    public double FramesPerSecond { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public Imaging.PixelFormat Format { get; init; } = Imaging.PixelFormat.Rgb24;

    /// <summary>The resampling filter when resizing (and for chroma when converting at native size).</summary>
    public FrameScaler Scaler { get; init; } = FrameScaler.Bicubic;

    /// <summary>True when frames keep the source's size.</summary>
    public bool IsNativeSize => Width == 0 && Height == 0;

    /// <summary>vPDQ default of python-threatexchange and the Python binding: one frame per second, native size.</summary>
    public static FrameSampling VpdqDefault { get; } = new() { SecondsPerFrame = 1.0, Scaler = FrameScaler.Area };

    /// <summary>TMK: 15 fps, 64x64 RGB (tmk/cpp/hashing/filehasher.cpp).</summary>
    public static FrameSampling Tmk { get; } = new() { FramesPerSecond = 15, Width = 64, Height = 64 };

    /// <summary>
    /// vPDQ's reference sampling: every frame when <paramref name="secondsPerHash"/> is 0 (<c>vpdq-hash-video -r 0</c>),
    /// otherwise every frameMod-th frame; native size, or <paramref name="width"/> x <paramref name="height"/> with
    /// SWS_AREA (<c>-s N</c>), RGB24.
    /// </summary>
    public static FrameSampling Vpdq(double secondsPerHash, int width = 0, int height = 0) =>
        new() { SecondsPerFrame = secondsPerHash, Width = width, Height = height, Scaler = FrameScaler.Area };

    /// <summary>
    /// vPDQ's frameMod for a source frame rate: (int)(SecondsPerFrame x frameRate), at least 1; 1 when every frame is
    /// wanted (filehasher.cpp).
    /// </summary>
    public int FrameModFor(double frameRate)
    {
        if (SecondsPerFrame <= 0)
            return 1;
        double product = SecondsPerFrame * frameRate;
        int mod = product >= int.MaxValue ? int.MaxValue : (int)product;
        return mod <= 0 ? 1 : mod;
    }

    /// <summary>Checks the combination of settings; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void Validate()
    {
        if (!double.IsFinite(SecondsPerFrame) || SecondsPerFrame < 0)
            throw new ArgumentException($"SecondsPerFrame must be finite and non-negative, not {SecondsPerFrame}.", nameof(SecondsPerFrame));
        if (!double.IsFinite(FramesPerSecond) || FramesPerSecond < 0)
            throw new ArgumentException($"FramesPerSecond must be finite and non-negative, not {FramesPerSecond}.", nameof(FramesPerSecond));
        if (SecondsPerFrame > 0 && FramesPerSecond > 0)
            throw new ArgumentException("Set either SecondsPerFrame (vPDQ frame selection) or FramesPerSecond (resampling), not both.");
        if (Width < 0 || Height < 0 || (Width == 0) != (Height == 0))
            throw new ArgumentException($"Width and Height must both be 0 (native size) or both positive, not {Width}x{Height}.");
        if (!Enum.IsDefined(Scaler))
            throw new ArgumentException($"Unknown scaler {Scaler}.", nameof(Scaler));
    }
}
