namespace Fingerprint.Media.Ffmpeg;

/// <summary>The located ffmpeg and ffprobe executables (<see cref="FfmpegLocator"/>).</summary>
public sealed record FfmpegTools(string FfmpegPath, string FfprobePath)
{
    /// <summary>
    /// The version strings the tools report (the third word of the first line of <c>-version</c>, e.g.
    /// "5.1.9-0+deb12u1"), for <c>fingerprint info</c>.
    /// </summary>
    public async Task<FfmpegVersions> GetVersionsAsync(FfmpegOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= FfmpegOptions.Default;
        string ffmpeg = await ReadVersionAsync(FfmpegPath, options, cancellationToken);
        string ffprobe = await ReadVersionAsync(FfprobePath, options, cancellationToken);
        return new FfmpegVersions(ffmpeg, ffprobe);
    }

    private static async Task<string> ReadVersionAsync(string tool, FfmpegOptions options, CancellationToken cancellationToken)
    {
        byte[] output = await FfmpegRunner.RunToEndAsync(tool, ["-hide_banner", "-version"], options.ProbeTimeout,
            stallTimeout: options.ProbeTimeout, maxOutputBytes: 64 * 1024, cancellationToken);
        string text = System.Text.Encoding.UTF8.GetString(output);
        string firstLine = text.Split('\n', 2)[0].Trim();
        // "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers"
        string[] words = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 && words[1] == "version" ? words[2] : firstLine;
    }
}

/// <summary>Version strings of ffmpeg and ffprobe.</summary>
public readonly record struct FfmpegVersions(string Ffmpeg, string Ffprobe);
