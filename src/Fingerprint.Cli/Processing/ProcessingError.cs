using Fingerprint.Media;
using Fingerprint.Media.Ffmpeg;

namespace Fingerprint.Cli.Processing;

/// <summary>
/// A per-input failure: a stable machine code (documented in the README) and a human message. Mapping every known
/// exception here keeps one bad file from ever ending a run.
/// </summary>
internal sealed record ProcessingError(string Code, string Message)
{
    public bool IsDependencyMissing => Code == "dependency-missing";

    public static ProcessingError From(Exception ex) => ex switch
    {
        NativeDependencyException n => new("dependency-missing", n.Message),
        FfmpegNotFoundException f => new("dependency-missing", f.Message),
        MediaException m => new(m.Code switch
        {
            MediaErrorCode.Empty => "empty",
            MediaErrorCode.Truncated => "truncated",
            MediaErrorCode.Corrupt => "corrupt",
            MediaErrorCode.UnsupportedFormat => "unsupported-format",
            MediaErrorCode.LimitExceeded => "limit-exceeded",
            MediaErrorCode.DependencyMissing => "dependency-missing",
            _ => "io",
        }, m.Message),
        VideoInputException v => new(v.Error switch
        {
            VideoInputError.Empty => "empty",
            VideoInputError.Unreadable => "corrupt",
            VideoInputError.AudioOnly => "audio-only",
            VideoInputError.NoVideoStream => "no-video-stream",
            VideoInputError.InvalidStream => "corrupt",
            VideoInputError.TooLarge or VideoInputError.TooLong or VideoInputError.TooManyFrames => "limit-exceeded",
            VideoInputError.Truncated => "truncated",
            _ => "corrupt",
        }, v.Message),
        FfmpegTimeoutException t => new("timeout", t.Message),
        FfmpegException f => new("video-error", f.Message),
        FileNotFoundException or DirectoryNotFoundException => new("not-found", ex.Message),
        UnauthorizedAccessException => new("io", ex.Message),
        IOException => new("io", ex.Message),
        _ => new("internal", $"{ex.GetType().Name}: {ex.Message}"),
    };
}
