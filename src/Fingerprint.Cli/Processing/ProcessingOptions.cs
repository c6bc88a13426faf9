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

    /// <summary>Hash videos through ffmpeg (when false, videos are reported as unsupported).</summary>
    public bool Videos { get; init; } = true;

    public string? FfmpegPath { get; init; }
    public string? FfprobePath { get; init; }
    public FfmpegOptions Ffmpeg { get; init; } = FfmpegOptions.Default;

    /// <summary>
    /// Meme-aware regions hashed besides the full image (stills, and every sampled frame of videos and animations):
    /// None, Entry (bank entries: trimmed and aspect crops), Query (uploads: trimmed, panels, panel groups), or any
    /// combination of the flags. See <see cref="RegionHasher"/>.
    /// </summary>
    public RegionScope Regions { get; init; }

    public DecodeOptions ToDecodeOptions() => new()
    {
        Profile = Profile,
        IgnoreExif = !EffectiveApplyExif,
        Limits = Limits,
    };
}
