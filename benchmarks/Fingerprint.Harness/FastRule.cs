using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// One candidate fast-profile rule: the smallest JPEG DCT scale keeping the short side at least
/// <see cref="MinShortSide"/> (from 1/2, 1/4, 1/8 only, or from every eighth), decoding to grey or RGB, fast or fancy
/// chroma upsampling, fast or accurate IDCT. Maps onto <see cref="DecodeOptions"/>; EXIF is ignored on both sides of a
/// fidelity comparison so only the decode differs.
/// </summary>
internal sealed record FastRule(int MinShortSide, bool PowerOfTwoOnly, bool Gray, bool FastUpsample, bool FastDct)
{
    /// <summary>e.g. "512 pow2 rgb fastup islow"; grey output has no chroma to upsample, so "gray -".</summary>
    public string Name =>
        $"{MinShortSide} {(PowerOfTwoOnly ? "pow2" : "eighths")} {(Gray ? "gray -" : FastUpsample ? "rgb fastup" : "rgb fancy")} {(FastDct ? "ifast" : "islow")}";

    public DecodeOptions ToOptions() => DecodeOptions.Fast with
    {
        IgnoreExif = true,
        FastMinShortSide = MinShortSide,
        FastPowerOfTwoScalesOnly = PowerOfTwoOnly,
        PreferGray = Gray,
        FastUpsample = FastUpsample,
        FastDct = FastDct,
    };

    /// <summary>The rule <see cref="DecodeOptions.Fast"/> applies today (the library defaults).</summary>
    public static FastRule Current
    {
        get
        {
            DecodeOptions d = DecodeOptions.Fast;
            return new FastRule(d.FastMinShortSide, d.FastPowerOfTwoScalesOnly, d.PreferGray, d.FastUpsample, d.FastDct);
        }
    }

    /// <summary>
    /// The full grid over the given axes (each axis: the values to try), except that grey rules are not repeated per
    /// upsampling mode: a grey decode of a colour JPEG outputs the Y plane, which libjpeg never upsamples when it is
    /// stored at full resolution (every common sampling), so both modes give the same pixels and differ only by timing
    /// noise. Grey rules carry the <see cref="DecodeOptions.FastUpsample"/> default.
    /// </summary>
    public static List<FastRule> Grid(int[] minShort, bool[] pow2, bool[] gray, bool[] fastUpsample, bool[] fastDct)
    {
        var rules = new List<FastRule>();
        foreach (int m in minShort)
            foreach (bool p in pow2)
                foreach (bool g in gray)
                    foreach (bool u in g ? [DecodeOptions.Fast.FastUpsample] : fastUpsample)
                        foreach (bool d in fastDct)
                            rules.Add(new FastRule(m, p, g, u, d));
        return rules;
    }

    /// <summary>"both" (default), "on" or "off" for a boolean axis.</summary>
    public static bool[] Axis(string? value, string name) => value switch
    {
        null or "both" => [false, true],
        "on" or "true" => [true],
        "off" or "false" => [false],
        _ => throw new UsageException($"--{name}: expected both, on or off, got '{value}'"),
    };
}
