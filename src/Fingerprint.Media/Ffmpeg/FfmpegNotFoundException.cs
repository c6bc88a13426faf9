namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// ffmpeg or ffprobe could not be found (or is not executable). The message says where we looked and names the Debian
/// package to install (<c>ffmpeg</c>, which provides both tools). The console host maps this to its
/// dependency-missing exit code.
/// </summary>
public sealed class FfmpegNotFoundException : FfmpegException
{
    public FfmpegNotFoundException()
    {
    }

    public FfmpegNotFoundException(string message)
        : base(message)
    {
    }

    public FfmpegNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FfmpegNotFoundException(string tool, string searched)
        : base($"{tool} was not found ({searched}). Install the Debian package 'ffmpeg' (apt-get install ffmpeg), " +
               $"or point --ffmpeg or FINGERPRINT_{tool.ToUpperInvariant()} at the executable.")
    {
        Tool = tool;
    }

    /// <summary>"ffmpeg" or "ffprobe".</summary>
    public string Tool { get; } = "ffmpeg";
}
