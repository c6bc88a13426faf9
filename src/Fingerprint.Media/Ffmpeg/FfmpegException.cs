namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// ffmpeg or ffprobe failed. <see cref="StandardErrorTail"/> holds the last lines the tool wrote to stderr (bounded), and
/// <see cref="ExitCode"/> its exit code when it exited on its own. Subclasses say why: the tool is missing
/// (<see cref="FfmpegNotFoundException"/>), it stopped making progress or ran too long
/// (<see cref="FfmpegTimeoutException"/>), or the input is not a usable video (<see cref="VideoInputException"/>).
/// </summary>
public class FfmpegException : Exception
{
    public FfmpegException()
    {
    }

    public FfmpegException(string message)
        : base(message)
    {
    }

    public FfmpegException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FfmpegException(string message, int? exitCode, string? standardErrorTail, Exception? innerException = null)
        : base(Compose(message, standardErrorTail), innerException)
    {
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail ?? "";
    }

    /// <summary>The tool's exit code, when it exited by itself; null when it was killed or never ran.</summary>
    public int? ExitCode { get; }

    /// <summary>The last lines of the tool's stderr (bounded), or empty.</summary>
    public string StandardErrorTail { get; } = "";

    private static string Compose(string message, string? tail) =>
        string.IsNullOrWhiteSpace(tail) ? message : $"{message} Its stderr ends with: {tail.Trim()}";
}
