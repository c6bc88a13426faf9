namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// Finds ffmpeg and ffprobe (STYLE.md §3.7): the <c>--ffmpeg</c> option's value first, then the environment variables
/// <c>FINGERPRINT_FFMPEG</c> / <c>FINGERPRINT_FFPROBE</c>, then <c>PATH</c>. An explicit ffmpeg path (option or
/// variable) also looks for ffprobe in the same folder before <c>PATH</c>; the option may also name a folder that holds
/// both. A named path that does not exist is an error, not a reason to fall back silently.
/// </summary>
public static class FfmpegLocator
{
    public const string FfmpegVariable = "FINGERPRINT_FFMPEG";
    public const string FfprobeVariable = "FINGERPRINT_FFPROBE";

    /// <summary>Locates both tools.</summary>
    /// <param name="ffmpegOption">The <c>--ffmpeg</c> option: the ffmpeg executable or a folder holding ffmpeg and ffprobe.</param>
    /// <param name="ffprobeOption">An explicit ffprobe executable, if the host has such an option.</param>
    /// <exception cref="FfmpegNotFoundException">A tool is missing; the message names the Debian package.</exception>
    public static FfmpegTools Locate(string? ffmpegOption = null, string? ffprobeOption = null) =>
        Locate(ffmpegOption, ffprobeOption, Environment.GetEnvironmentVariable, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The same, with the environment given (tests; hosts that keep their own environment).</summary>
    public static FfmpegTools Locate(string? ffmpegOption, string? ffprobeOption, Func<string, string?> environment, string? searchPath)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? ffmpegDirectory = null;
        string ffmpeg;
        if (!string.IsNullOrEmpty(ffmpegOption))
        {
            if (Directory.Exists(ffmpegOption))
            {
                ffmpegDirectory = ffmpegOption;
                ffmpeg = RequireExecutable(Path.Combine(ffmpegOption, "ffmpeg"), "ffmpeg", "--ffmpeg");
            }
            else
            {
                ffmpeg = RequireExecutable(ffmpegOption, "ffmpeg", "--ffmpeg");
            }
        }
        else if (environment(FfmpegVariable) is { Length: > 0 } fromVariable)
        {
            ffmpeg = RequireExecutable(fromVariable, "ffmpeg", FfmpegVariable);
        }
        else
        {
            ffmpeg = FindOnPath("ffmpeg", searchPath)
                ?? throw new FfmpegNotFoundException("ffmpeg", $"no --ffmpeg option, {FfmpegVariable} unset, not on PATH");
        }
        ffmpegDirectory ??= Path.GetDirectoryName(Path.GetFullPath(ffmpeg));

        string ffprobe;
        if (!string.IsNullOrEmpty(ffprobeOption))
        {
            ffprobe = RequireExecutable(ffprobeOption, "ffprobe", "--ffprobe");
        }
        else if (environment(FfprobeVariable) is { Length: > 0 } fromVariable)
        {
            ffprobe = RequireExecutable(fromVariable, "ffprobe", FfprobeVariable);
        }
        else
        {
            string? beside = ffmpegDirectory is null ? null : Path.Combine(ffmpegDirectory, "ffprobe");
            ffprobe = (beside is not null && IsExecutable(beside) ? beside : null)
                ?? FindOnPath("ffprobe", searchPath)
                ?? throw new FfmpegNotFoundException("ffprobe", $"{FfprobeVariable} unset, not beside {ffmpeg}, not on PATH");
        }
        return new FfmpegTools(Path.GetFullPath(ffmpeg), Path.GetFullPath(ffprobe));
    }

    private static string RequireExecutable(string path, string tool, string source)
    {
        if (!IsExecutable(path))
            throw new FfmpegNotFoundException(tool, $"{source} names '{path}', which is not an executable file");
        return path;
    }

    private static string? FindOnPath(string name, string? searchPath)
    {
        if (string.IsNullOrEmpty(searchPath))
            return null;
        foreach (string directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? name + ".exe" : name);
            if (IsExecutable(candidate))
                return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
