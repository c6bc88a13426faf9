namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// ffmpeg or ffprobe was killed (with its whole process tree) because it wrote nothing for the stall timeout, or ran
/// longer than the overall timeout (<see cref="FfmpegOptions"/>).
/// </summary>
public sealed class FfmpegTimeoutException : FfmpegException
{
    public FfmpegTimeoutException()
    {
    }

    public FfmpegTimeoutException(string message)
        : base(message)
    {
    }

    public FfmpegTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FfmpegTimeoutException(bool stalled, TimeSpan limit, string? standardErrorTail, Exception? innerException = null)
        : base(stalled
                ? $"ffmpeg made no progress for {limit.TotalSeconds:0.###} s and was killed."
                : $"ffmpeg ran longer than {limit.TotalSeconds:0.###} s and was killed.",
            exitCode: null, standardErrorTail, innerException)
    {
        Stalled = stalled;
        Limit = limit;
    }

    /// <summary>True for the no-progress (stall) timeout, false for the overall timeout.</summary>
    public bool Stalled { get; }

    public TimeSpan Limit { get; }
}
