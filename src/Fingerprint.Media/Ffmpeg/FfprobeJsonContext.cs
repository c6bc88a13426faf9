using System.Text.Json.Serialization;

namespace Fingerprint.Media.Ffmpeg;

/// <summary>ffprobe's <c>-of json</c> output: the parts we ask for. ffprobe prints rates, durations and counts as strings.</summary>
internal sealed class FfprobeOutput
{
    [JsonPropertyName("streams")]
    public List<FfprobeStream>? Streams { get; set; }

    [JsonPropertyName("format")]
    public FfprobeFormat? Format { get; set; }
}

internal sealed class FfprobeStream
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("codec_type")]
    public string? CodecType { get; set; }

    [JsonPropertyName("codec_name")]
    public string? CodecName { get; set; }

    [JsonPropertyName("width")]
    public long? Width { get; set; }

    [JsonPropertyName("height")]
    public long? Height { get; set; }

    [JsonPropertyName("pix_fmt")]
    public string? PixelFormat { get; set; }

    [JsonPropertyName("avg_frame_rate")]
    public string? AvgFrameRate { get; set; }

    [JsonPropertyName("r_frame_rate")]
    public string? RFrameRate { get; set; }

    [JsonPropertyName("nb_frames")]
    public string? FrameCount { get; set; }

    [JsonPropertyName("duration")]
    public string? Duration { get; set; }
}

internal sealed class FfprobeFormat
{
    [JsonPropertyName("format_name")]
    public string? FormatName { get; set; }

    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    [JsonPropertyName("nb_streams")]
    public int? StreamCount { get; set; }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FfprobeOutput))]
internal sealed partial class FfprobeJsonContext : JsonSerializerContext;
