namespace Fingerprint.Media.Ffmpeg;

/// <summary>The input is not a usable video; <see cref="Error"/> says why, the message says what was found.</summary>
public sealed class VideoInputException : FfmpegException
{
    public VideoInputException()
    {
    }

    public VideoInputException(string message)
        : base(message)
    {
    }

    public VideoInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VideoInputException(VideoInputError error, string message, int? exitCode = null, string? standardErrorTail = null)
        : base(message, exitCode, standardErrorTail)
    {
        Error = error;
    }

    public VideoInputError Error { get; } = VideoInputError.Unreadable;
}
