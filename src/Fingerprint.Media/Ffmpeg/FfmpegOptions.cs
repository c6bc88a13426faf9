namespace Fingerprint.Media.Ffmpeg;

/// <summary>How ffmpeg and ffprobe are run: timeouts, input limits, and whether decode errors are fatal.</summary>
public sealed record FfmpegOptions
{
    public static FfmpegOptions Default { get; } = new();

    /// <summary>
    /// Wall-clock limit for one ffmpeg run (one <c>ReadFramesAsync</c> enumeration, consumer time included); the process
    /// tree is killed when it passes. Default 2 hours.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Kill ffmpeg when it writes no frame bytes for this long (the time the consumer spends on a frame is not
    /// counted). Default 60 s.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Wall-clock limit for ffprobe and <c>-version</c> runs. Default 60 s. (No separate stall timer: ffprobe writes its
    /// output only at the end.)
    /// </summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public FfmpegLimits Limits { get; init; } = FfmpegLimits.Default;

    /// <summary>
    /// When false (default), a read that ends normally but with errors on ffmpeg's stderr (a partial file, corrupt
    /// packets) delivers the frames ffmpeg could decode and records the errors in
    /// <see cref="FfmpegFrameSource.LastRun"/>; when true, such a read ends with a <see cref="VideoInputException"/>
    /// (<see cref="VideoInputError.Truncated"/> or <see cref="VideoInputError.DecodeFailed"/>) after the last frame.
    /// Real-world clips often log harmless decode errors (a stream cut between key frames), hence the default.
    /// </summary>
    public bool FailOnDecodeErrors { get; init; }
}
