namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// What a video may declare before we decode it (DESIGN.md §5: enforce limits before decoding, so a decompression bomb
/// is an error, not an outage), and how many frames may come out. Checked against ffprobe's declared values; the frame
/// count is also enforced while reading.
/// </summary>
public sealed record FfmpegLimits
{
    /// <summary>Default: 8K UHD (7680 x 4320 = 33.2 MP) with a little room.</summary>
    public const long DefaultMaxPixelsPerFrame = 36_000_000;

    public const int DefaultMaxDimension = 16_384;

    public static FfmpegLimits Default { get; } = new();

    /// <summary>Declared width x height of the video stream, at most.</summary>
    public long MaxPixelsPerFrame { get; init; } = DefaultMaxPixelsPerFrame;

    /// <summary>Declared width and height, each at most.</summary>
    public int MaxDimension { get; init; } = DefaultMaxDimension;

    /// <summary>Declared duration, at most (6 hours by default).</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Frames delivered by one read, at most (6 hours at 60 fps by default).</summary>
    public long MaxFrames { get; init; } = 6L * 3600 * 60;
}
