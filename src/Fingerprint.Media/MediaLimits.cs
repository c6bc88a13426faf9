namespace Fingerprint.Media;

/// <summary>
/// Bounds checked from headers before anything large is allocated or decoded, so a decompression bomb becomes a
/// <see cref="MediaException"/> with <see cref="MediaErrorCode.LimitExceeded"/> naming the limit, never an outage.
/// </summary>
public sealed record MediaLimits
{
    /// <summary>Largest encoded input accepted, in bytes (default 256 MiB).</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest decoded image (or animation canvas), in pixels (default 100 million).</summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>Largest width or height, in pixels (default 65 535).</summary>
    public int MaxDimension { get; init; } = 65_535;

    /// <summary>Most frames an animation may declare (default 10 000).</summary>
    public int MaxFrames { get; init; } = 10_000;

    /// <summary>
    /// Largest single working buffer a decoder may allocate, in bytes (default 1 GiB): a 16-bit interlaced PNG needs
    /// up to 8 bytes per pixel before it is reduced to 8 bits.
    /// </summary>
    public long MaxBufferBytes { get; init; } = 1L << 30;

    /// <summary>Largest number of pixels decoded over all frames of an animation (default 2 billion).</summary>
    public long MaxAnimationPixels { get; init; } = 2_000_000_000;

    /// <summary>The defaults above.</summary>
    public static MediaLimits Default { get; } = new();
}
