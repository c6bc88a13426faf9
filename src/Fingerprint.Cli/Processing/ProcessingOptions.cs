using Fingerprint.Matching;
using Fingerprint.Media;
using Fingerprint.Media.Ffmpeg;

namespace Fingerprint.Cli.Processing;

/// <summary>How inputs are decoded and hashed (shared by hash, bank add, scan and compare).</summary>
internal sealed record ProcessingOptions
{
    /// <summary>fullres / cli512 reproduce the reference exactly; fast decodes JPEG DCT-scaled (scan default).</summary>
    public DecodeProfile Profile { get; init; } = DecodeProfile.Fast;

    /// <summary>
    /// Apply EXIF orientation. Null = the profile's default: the reference profiles (fullres, cli512) ignore EXIF as the
    /// reference tools do; fast applies it so a phone photo and its screenshot agree.
    /// </summary>
    public bool? ApplyExif { get; init; }

    public bool EffectiveApplyExif => ApplyExif ?? Profile == DecodeProfile.Fast;

    /// <summary>Compute the 8 dihedral hashes (one DCT) so mirrored and rotated copies match.</summary>
    public bool Dihedral { get; init; } = true;

    public MediaLimits Limits { get; init; } = MediaLimits.Default;

    /// <summary>vPDQ sampling for videos and animations, seconds between hashed frames (0 = every frame).</summary>
    public double SecondsPerFrame { get; init; } = 1.0;

    /// <summary>
    /// Videos: also compute TMK+PDQF (a second ffmpeg decode at 15 fps, 64x64, exactly the reference's). Animations get
    /// none (their frames are not the reference's resampled 64x64 stream).
    /// </summary>
    public bool Tmk { get; init; }

    /// <summary>Hash videos through ffmpeg (when false, videos are reported as unsupported).</summary>
    public bool Videos { get; init; } = true;

    public string? FfmpegPath { get; init; }
    public string? FfprobePath { get; init; }
    public FfmpegOptions Ffmpeg { get; init; } = FfmpegOptions.Default;

    /// <summary>
    /// Meme-aware regions hashed besides the full image (stills, and every sampled frame of videos and animations, so a
    /// known image shown inside a clip with borders around it is found through the frame's "trimmed" region):
    /// None (whole images and whole frames only), Entry (bank entries: trimmed; aspect crops and panels on request),
    /// Query (uploads: trimmed, panels, panel groups), or any combination of the flags. See <see cref="RegionHasher"/>.
    /// The vPDQ frame list is the same either way.
    /// </summary>
    public RegionScope Regions { get; init; }

    /// <summary>
    /// With <see cref="Regions"/>, hash the regions of every sampled frame of videos and animations too (default true;
    /// the still's or first frame's regions are hashed either way). Bank add turns it off: a video entry is stored and
    /// matched by its whole frames, so its frames' regions would be computed for nothing.
    /// </summary>
    public bool FrameRegions { get; init; } = true;

    public DecodeOptions ToDecodeOptions() => new()
    {
        Profile = Profile,
        IgnoreExif = !EffectiveApplyExif,
        Limits = Limits,
    };
}
