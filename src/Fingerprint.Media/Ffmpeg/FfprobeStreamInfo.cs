using System.Globalization;
using System.Text.Json;

namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// What ffprobe declares about a file's first video stream (the stream vPDQ's reference decodes: the first stream whose
/// type is video) and its container. Produced by <see cref="ProbeAsync"/> with
/// <c>ffprobe -v error -show_entries stream=index,codec_type,codec_name,width,height,pix_fmt,avg_frame_rate,r_frame_rate,
/// nb_frames,duration:format=format_name,duration,nb_streams -of json</c>; all streams are listed (not just
/// v:0) so an audio-only file can be told from an unreadable one.
/// </summary>
public sealed record FfprobeStreamInfo
{
    public required int StreamIndex { get; init; }
    public required string CodecName { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }

    /// <summary>libav pixel format name ("yuv420p"), or null when not reported.</summary>
    public string? PixelFormat { get; init; }

    /// <summary>avg_frame_rate as ffprobe prints it ("30/1"; "0/0" when unknown).</summary>
    public required string AverageFrameRateText { get; init; }

    /// <summary>r_frame_rate as ffprobe prints it.</summary>
    public required string RealFrameRateText { get; init; }

    /// <summary>avg_frame_rate as a number; 0 when unknown.</summary>
    public double AverageFrameRate => ParseRate(AverageFrameRateText);

    /// <summary>r_frame_rate as a number; 0 when unknown.</summary>
    public double RealFrameRate => ParseRate(RealFrameRateText);

    /// <summary>
    /// The frame rate vPDQ uses: avg_frame_rate, or r_frame_rate when the average is unknown (vpdq ffmpegwrapper.cpp);
    /// 0 when neither is known.
    /// </summary>
    public double FrameRate => AverageFrameRate > 0 ? AverageFrameRate : RealFrameRate;

    /// <summary>nb_frames when the container declares it.</summary>
    public long? FrameCount { get; init; }

    /// <summary>The stream's duration in seconds, when declared.</summary>
    public double? StreamDurationSeconds { get; init; }

    /// <summary>The container's duration in seconds, when declared.</summary>
    public double? FormatDurationSeconds { get; init; }

    /// <summary>The stream's duration, else the container's.</summary>
    public double? DurationSeconds => StreamDurationSeconds ?? FormatDurationSeconds;

    /// <summary>The demuxer's names ("mov,mp4,m4a,3gp,3g2,mj2").</summary>
    public required string FormatName { get; init; }

    public long PixelCount => (long)Width * Height;

    /// <summary>Probes <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="VideoInputException">Empty, unreadable, audio-only, no video stream, or no usable size.</exception>
    /// <exception cref="FfmpegNotFoundException">ffprobe is missing.</exception>
    /// <exception cref="FfmpegTimeoutException">ffprobe stalled or ran too long.</exception>
    public static async Task<FfprobeStreamInfo> ProbeAsync(string path, FfmpegTools tools, FfmpegOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tools);
        options ??= FfmpegOptions.Default;
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"No such video file: {path}", path);
        if (file.Length == 0)
            throw new VideoInputException(VideoInputError.Empty, $"{path} is empty (0 bytes).");

        string[] arguments =
        [
            "-v", "error", "-hide_banner",
            "-protocol_whitelist", "file",
            "-show_entries",
            "stream=index,codec_type,codec_name,width,height,pix_fmt,avg_frame_rate,r_frame_rate,nb_frames,duration"
                + ":format=format_name,duration,nb_streams",
            "-of", "json",
            FfmpegArguments.InputUrl(file.FullName),
        ];
        FfmpegRunResult result = await FfmpegRunner.RunAsync(tools.FfprobePath, arguments, options.ProbeTimeout,
            stallTimeout: options.ProbeTimeout, maxOutputBytes: 4 << 20, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new VideoInputException(VideoInputError.Unreadable,
                $"ffprobe could not read {path} as a video (exit code {result.ExitCode}).", result.ExitCode, result.StandardErrorTail);
        }
        return FromJson(result.Output, path);
    }

    /// <summary>Interprets ffprobe's JSON (public for tests and tools that ran ffprobe themselves).</summary>
    /// <exception cref="VideoInputException">No video stream, or no usable size.</exception>
    public static FfprobeStreamInfo FromJson(ReadOnlySpan<byte> json, string path)
    {
        FfprobeOutput? output;
        try
        {
            output = JsonSerializer.Deserialize(json, FfprobeJsonContext.Default.FfprobeOutput);
        }
        catch (JsonException ex)
        {
            throw new VideoInputException(VideoInputError.Unreadable, $"ffprobe's output for {path} is not the JSON expected: {ex.Message}");
        }
        List<FfprobeStream> streams = output?.Streams ?? [];
        string formatName = output?.Format?.FormatName ?? "";
        FfprobeStream? video = streams.FirstOrDefault(s => s.CodecType == "video");
        if (video is null)
        {
            if (streams.Any(s => s.CodecType == "audio"))
                throw new VideoInputException(VideoInputError.AudioOnly, $"{path} has audio but no video stream ({formatName}).");
            throw new VideoInputException(VideoInputError.NoVideoStream,
                streams.Count == 0
                    ? $"{path} has no streams ffprobe can see ({(formatName.Length > 0 ? formatName : "unknown format")})."
                    : $"{path} has no video stream (stream types: {string.Join(", ", streams.Select(s => s.CodecType ?? "unknown"))}).");
        }
        long width = video.Width ?? 0, height = video.Height ?? 0;
        if (width <= 0 || height <= 0 || width > int.MaxValue || height > int.MaxValue)
            throw new VideoInputException(VideoInputError.InvalidStream, $"{path}: the video stream declares a size of {width}x{height}.");
        return new FfprobeStreamInfo
        {
            StreamIndex = video.Index,
            CodecName = video.CodecName ?? "",
            Width = (int)width,
            Height = (int)height,
            PixelFormat = video.PixelFormat,
            AverageFrameRateText = video.AvgFrameRate ?? "0/0",
            RealFrameRateText = video.RFrameRate ?? "0/0",
            FrameCount = long.TryParse(video.FrameCount, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null,
            StreamDurationSeconds = ParseSeconds(video.Duration),
            FormatDurationSeconds = ParseSeconds(output?.Format?.Duration),
            FormatName = formatName,
        };
    }

    /// <summary>"num/den" or a plain number; 0 when absent, malformed, or with a zero part.</summary>
    internal static double ParseRate(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain) && double.IsFinite(plain) && plain > 0 ? plain : 0;
        if (!long.TryParse(text.AsSpan(0, slash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long num)
            || !long.TryParse(text.AsSpan(slash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long den)
            || num <= 0 || den <= 0)
            return 0;
        // The reference: static_cast<double>(num) / static_cast<double>(den).
        return (double)num / den;
    }

    private static double? ParseSeconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && double.IsFinite(s) && s >= 0 ? s : null;
}
