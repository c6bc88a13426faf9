using Fingerprint.Hashing;
using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Processing;

/// <summary>What processing one input produced: its identity, its hashes, or its error.</summary>
internal sealed class ProcessedMedia
{
    public required string Path { get; init; }
    public string? Sha256 { get; set; }
    public MediaKind Kind { get; set; }
    public string? Format { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Image PDQ (for animations: the first frame).</summary>
    public HashResult? Pdq { get; set; }

    /// <summary>The 8 variants when dihedral hashing is on (Orig equals <see cref="Pdq"/>).</summary>
    public DihedralHashes? Dihedral { get; set; }

    /// <summary>Videos and animations: the sampled frames.</summary>
    public IReadOnlyList<VpdqFrameHash>? Frames { get; set; }

    /// <summary>Videos with <see cref="ProcessingOptions.Tmk"/>: the TMK+PDQF features.</summary>
    public TmkFeatures? Tmk { get; set; }

    /// <summary>hash --tmk-out: the .tmk file written for this input.</summary>
    public string? TmkFile { get; set; }

    /// <summary>hash --vpdq-out: the vPDQ .txt file written for this input.</summary>
    public string? VpdqFile { get; set; }

    /// <summary>
    /// Meme-aware regions other than the full image (<see cref="ProcessingOptions.Regions"/>): of the still (or an
    /// animation's first frame), and for videos and animations of every sampled frame (<see cref="RegionHash.Frame"/>).
    /// </summary>
    public IReadOnlyList<RegionHash>? Regions { get; set; }

    public ProcessingError? Error { get; set; }

    /// <summary>The earlier input with the same SHA-256 whose hashes were reused (not hashed again).</summary>
    public string? DuplicateOf { get; set; }

    /// <summary>Takes the decoded facts and hashes of an identical earlier file.</summary>
    public void CopyHashesFrom(ProcessedMedia original)
    {
        Kind = original.Kind;
        Format = original.Format;
        Width = original.Width;
        Height = original.Height;
        Pdq = original.Pdq;
        Dihedral = original.Dihedral;
        Frames = original.Frames;
        Tmk = original.Tmk;
        Regions = original.Regions;
        DuplicateOf = original.Path;
    }

    public bool Failed => Error is not null;

    /// <summary>
    /// The regions of the sampled frames, each as a vPDQ frame record (its frame's number and time, the region's
    /// original-orientation hash and quality) under the region's name; empty for a still or without regions.
    /// </summary>
    public List<(string Name, VpdqFrameHash Frame)> FrameRegions() =>
        Regions is null
            ? []
            : [.. Regions.Where(r => r.Frame is not null).Select(r => (r.Name, r.AsFrameHash()))];
}

/// <summary>
/// A region of an image (trimmed or a panel) with its dihedral hashes; for videos and animations, of the sampled frame
/// <see cref="Frame"/> (null: the still image, or an animation's first frame).
/// </summary>
internal sealed record RegionHash(string Name, int X, int Y, int Width, int Height, DihedralHashes Hashes)
{
    public int? Frame { get; init; }
    public double? TimestampSeconds { get; init; }

    /// <summary>A frame's region as a vPDQ frame record: the frame's number and time, the region's original-orientation hash and quality.</summary>
    /// <exception cref="InvalidOperationException">The region is not of a sampled frame (<see cref="Frame"/> is null).</exception>
    public VpdqFrameHash AsFrameHash() =>
        Frame is int frame
            ? new VpdqFrameHash(frame, Hashes.Quality, Hashes.Orig, TimestampSeconds ?? 0)
            : throw new InvalidOperationException($"region {Name} is not of a sampled frame");
}
