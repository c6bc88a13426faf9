namespace Fingerprint.Media;

/// <summary>Options for <see cref="ImageDecoder.Decode"/> and <see cref="ImageDecoder.OpenAnimation"/>.</summary>
public sealed record DecodeOptions
{
    public DecodeProfile Profile { get; init; } = DecodeProfile.FullRes;

    /// <summary>
    /// False (default): the EXIF orientation of a still (JPEG APP1, PNG eXIf, WebP EXIF) is applied, so a phone photo
    /// and its screenshot match. True: pixels are left as stored, as the reference tools do.
    /// </summary>
    public bool IgnoreExif { get; init; }

    public MediaLimits Limits { get; init; } = MediaLimits.Default;

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> only: the smallest short side, in pixels, a scaled decode may produce
    /// (default 512, the size the PDQ CLI pipeline works at). Images whose short side is already smaller decode in full.
    /// </summary>
    public int FastMinShortSide { get; init; } = 512;

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> only: the caller needs luma only, so JPEG decodes straight to grey (the Y plane,
    /// no colour conversion). Other formats are unaffected. Ignored by the conformance profiles.
    /// </summary>
    public bool PreferGray { get; init; }

    /// <summary><see cref="DecodeProfile.Fast"/> only: JPEG chroma uses libjpeg-turbo's fast (non-fancy) upsampling (default true).</summary>
    public bool FastUpsample { get; init; } = true;

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> only: JPEG considers only the scales 1/2, 1/4 and 1/8 (default true), whose
    /// reduced IDCTs libjpeg-turbo has SIMD code for; the other eighths (3/8, 5/8, 3/4, 7/8) run plain C IDCTs. A first,
    /// noisy measurement on a shared 2-core host: a 1152x864 JPEG decoded at 5/8 took 10.9 ms against 6.7 ms at full
    /// size, so arbitrary eighths can cost more than they save. False allows every factor tjGetScalingFactors lists.
    /// </summary>
    public bool FastPowerOfTwoScalesOnly { get; init; } = true;

    /// <summary><see cref="DecodeProfile.Fast"/> only: JPEG uses libjpeg-turbo's fast integer IDCT (default false).</summary>
    public bool FastDct { get; init; }

    /// <summary>The defaults: <see cref="DecodeProfile.FullRes"/>, EXIF applied, default limits.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>What the reference tools do: <see cref="DecodeProfile.FullRes"/> with EXIF ignored.</summary>
    public static DecodeOptions Reference { get; } = new() { IgnoreExif = true };

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> with its defaults (short side kept at 512 or more, fast upsampling, accurate
    /// IDCT, colour output). A fidelity harness varies it with <c>with</c>: <c>DecodeOptions.Fast with { PreferGray = true,
    /// FastMinShortSide = 384 }</c>, decodes the same file with <see cref="Reference"/>, and compares the hashes.
    /// </summary>
    public static DecodeOptions Fast { get; } = new() { Profile = DecodeProfile.Fast };
}
