using System.Text.Json.Serialization;

namespace Fingerprint.Cli.Output;

/// <summary>
/// One result per input, as written by `hash` and `scan` (JSONL: one object per line; CSV and text carry the same
/// facts). Null members are omitted, except <see cref="Error"/> and <see cref="Matches"/> on scan, which are always
/// present so a consumer can test them.
/// </summary>
internal sealed class MediaRecord
{
    public required string Path { get; init; }
    public string? Sha256 { get; set; }

    /// <summary>image, animation (animated GIF/WebP) or video.</summary>
    public string? Kind { get; set; }

    /// <summary>Sniffed container/codec family: jpeg, png, webp, gif, bmp, pnm, heif, mp4, ...</summary>
    public string? Format { get; set; }

    public int? Width { get; set; }
    public int? Height { get; set; }
    public string? Pdq { get; set; }
    public int? Quality { get; set; }

    /// <summary>True when quality is below the gate: reported, never silently matched.</summary>
    public bool? LowQuality { get; set; }

    /// <summary>hash --dihedral: the 8 variants by name (orig, rot90, ...).</summary>
    public Dictionary<string, string>? Dihedral { get; set; }

    /// <summary>Classic hashes when requested (ahash, dhash, phash).</summary>
    public Dictionary<string, string>? Classic { get; set; }

    /// <summary>Videos and animations: the sampled frames (vPDQ).</summary>
    public List<FrameRecord>? Frames { get; set; }

    /// <summary>Meme-aware regions hashed besides the full image.</summary>
    public List<RegionRecord>? Regions { get; set; }

    /// <summary>Videos hashed with TMK (hash --tmk, scan --tmk): what the TMK+PDQF features cover.</summary>
    public TmkRecord? Tmk { get; set; }

    /// <summary>hash --vpdq-out: the reference-format vPDQ file written for this input.</summary>
    public string? VpdqFile { get; set; }

    /// <summary>Same file content (SHA-256) as an earlier input: hashed once, reported for each path.</summary>
    public string? DuplicateOf { get; set; }

    public List<MatchRecord>? Matches { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ErrorRecord? Error { get; set; }
}

/// <summary>A bank entry that matched, with the evidence to act on it.</summary>
internal sealed class MatchRecord
{
    public required string Bank { get; init; }
    public long Entry { get; init; }
    public string? Label { get; init; }
    public string? Source { get; init; }
    public string? Campaign { get; init; }
    public int Distance { get; init; }
    public int Threshold { get; init; }

    /// <summary>threshold - distance: how far inside the threshold the match is (0 = at the edge).</summary>
    public int Margin { get; init; }

    /// <summary>Which dihedral variant of the upload matched: orig, rot90, rot180, rot270, flipx, flipy, flipp, flipm.</summary>
    public string? Variant { get; init; }

    /// <summary>Which region of the upload matched (full, trimmed, panel-N), when regions are on.</summary>
    public string? Region { get; init; }

    /// <summary>Which region of the bank entry matched, when it holds several.</summary>
    public string? EntryRegion { get; init; }

    public int? EntryQuality { get; init; }

    /// <summary>For video/animation uploads: the first matching frame and its time, and how many frames matched.</summary>
    public long? Frame { get; init; }
    public double? Timestamp { get; init; }
    public double? LastTimestamp { get; init; }
    public int? FramesMatched { get; init; }

    /// <summary>Video entries: the entry's frame closest to the upload's (its number and time).</summary>
    public int? EntryFrame { get; init; }
    public double? EntryTimestamp { get; init; }

    /// <summary>
    /// Video upload against a video entry: vPDQ's share of the upload's frames with a near frame in the entry
    /// (queryPercent) and of the entry's frames with a near frame in the upload (targetPercent), in the semantics named
    /// by vpdqMode (ThreatExchange or Cpp), and whether they reach the match thresholds (80 % / 0 %).
    /// </summary>
    public double? QueryPercent { get; init; }
    public double? TargetPercent { get; init; }
    public bool? VpdqMatch { get; init; }
    public string? VpdqMode { get; init; }

    /// <summary>
    /// scan --tmk, video upload against a video entry with TMK features: level 1 (cosine of the average frame features),
    /// level 2 (computed only when level 1 reaches its threshold, as the reference tools do), and whether both reach
    /// their thresholds (0.7 / 0.7).
    /// </summary>
    public float? TmkLevel1 { get; init; }
    public float? TmkLevel2 { get; init; }
    public bool? TmkMatch { get; init; }
}

/// <summary>TMK+PDQF features of a video: frames after resampling, the rate, and the .tmk file written (hash --tmk-out).</summary>
internal sealed class TmkRecord
{
    public int Frames { get; init; }
    public int FramesPerSecond { get; init; }
    public string? File { get; init; }
}

internal sealed class FrameRecord
{
    public long Frame { get; init; }
    public double Timestamp { get; init; }
    public required string Pdq { get; init; }
    public int Quality { get; init; }
}

internal sealed class RegionRecord
{
    public required string Name { get; init; }

    /// <summary>Videos and animations: the sampled frame the region is in (null: the still image).</summary>
    public long? Frame { get; init; }
    public double? Timestamp { get; init; }
    public int X { get; init; }
    public int Y { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public required string Pdq { get; init; }
    public int Quality { get; init; }
}

/// <summary>Why an input failed: a stable machine code and a human message.</summary>
internal sealed class ErrorRecord
{
    public required string Code { get; init; }
    public required string Message { get; init; }
}
