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
    /// <see cref="DecodeProfile.Fast"/> only: the smallest short side, in pixels, a scaled decode may produce (default
    /// 768). Images whose short side is under twice this decode at full size (JPEG with the power-of-two scales).
    /// <para>Chosen from benchmarks/RESULTS.md "Fast profile fidelity" (149 real JPEGs, 0.1-20 MP, PDQ distance to
    /// <c>fullres</c>; target mean &lt;= 1 bit, max &lt;= 8): with power-of-two scales, 768 gives mean 0.70 and max 8
    /// bits (with <see cref="PreferGray"/>); 512 gives mean 1.1-1.3 and max 12 (a 2x DCT downscale of a 1.5-4 MP photo
    /// moves PDQ by 5 bits on average), 384 and 256 more. Entropy decoding bounds the speed of large, high-quality
    /// JPEGs, so the smaller scales gain little time (12 MP: 1/2 and 1/4 within the measurement noise).</para>
    /// </summary>
    public int FastMinShortSide { get; init; } = 768;

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> only: the caller needs luma only, so JPEG decodes straight to grey (the Y plane,
    /// no chroma IDCT, upsampling or colour conversion; PDQ then takes its grey path). Default true: in the fidelity
    /// measurement (benchmarks/RESULTS.md) it was the faster output and moved PDQ by 0.1-0.15 bit on average against
    /// RGB. Set false when the fast decode's colour is needed. Other formats are unaffected
    /// (CMYK JPEGs still decode to RGB). Ignored by the conformance profiles.
    /// </summary>
    public bool PreferGray { get; init; } = true;

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> only: JPEG chroma uses libjpeg-turbo's fast (non-fancy) upsampling (default true).
    /// No effect on grey output (<see cref="PreferGray"/>); with RGB output its time and fidelity differences were within
    /// the noise of the fidelity measurement.
    /// </summary>
    public bool FastUpsample { get; init; } = true;

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> only: JPEG considers only the scales 1/2, 1/4 and 1/8 (default true), whose
    /// reduced IDCTs libjpeg-turbo has SIMD code for; the other eighths (3/8, 5/8, 3/4, 7/8) run plain C IDCTs. A first,
    /// noisy measurement on a shared 2-core host: a 1152x864 JPEG decoded at 5/8 took 10.9 ms against 6.7 ms at full
    /// size, so arbitrary eighths can cost more than they save. They also move PDQ more: in the fidelity measurement
    /// (benchmarks/RESULTS.md) every eighth at 768 gave mean 1.0-1.3 and max 14 bits against 0.5-0.9 and 8 for the
    /// power-of-two scales. False allows every factor tjGetScalingFactors lists.
    /// </summary>
    public bool FastPowerOfTwoScalesOnly { get; init; } = true;

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> only: JPEG uses libjpeg-turbo's fast integer IDCT (default false). It matters at
    /// scale 1/1 only (the 1/2, 1/4 and 1/8 scales use their reduced IDCTs either way); in the fidelity measurement it
    /// saved no measurable time and added about 0.1 bit of mean PDQ distance.
    /// </summary>
    public bool FastDct { get; init; }

    /// <summary>The defaults: <see cref="DecodeProfile.FullRes"/>, EXIF applied, default limits.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>What the reference tools do: <see cref="DecodeProfile.FullRes"/> with EXIF ignored.</summary>
    public static DecodeOptions Reference { get; } = new() { IgnoreExif = true };

    /// <summary>
    /// <see cref="DecodeProfile.Fast"/> with its defaults (JPEG: power-of-two DCT scale keeping the short side at 768 or
    /// more, straight to grey, accurate IDCT). The fidelity harness (benchmarks/Fingerprint.Harness <c>fidelity</c>)
    /// varies it with <c>with</c>, e.g. <c>DecodeOptions.Fast with { PreferGray = false, FastMinShortSide = 512 }</c>,
    /// decodes the same file with <see cref="Reference"/>, and compares the hashes.
    /// </summary>
    public static DecodeOptions Fast { get; } = new() { Profile = DecodeProfile.Fast };
}
