using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.Hashing.Pdq;
using Fingerprint.Imaging;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Pdq;

/// <summary>
/// Each stage against the reference's own intermediate values (conformance/pdq/expected/intermediates/&lt;name&gt;/,
/// printed %.9g, so every float round-trips): exact float equality, no tolerance.
/// </summary>
public class PdqIntermediatesTests
{
    public static TheoryData<string> Names() =>
        new() { "aaa-orig", "synth-exact-64x64", "synth-fhd-1920x1080", "synth-sq-128x128", "synth-vga-640x480" };

    public static TheoryData<string> NamesWithLuma() => new() { "synth-exact-64x64", "synth-sq-128x128" };

    private static string File(string name, string file) => PdqConformanceData.ExpectedPath("intermediates", name, file);

    private static PixelBuffer DecodeImageOf(string name)
    {
        string relative = PdqConformanceData.ReadSummary(name)["file"];      // "images/..."
        return ReferenceDecoder.Decode(Path.Combine(PdqConformanceData.Root, relative));
    }

    [Theory]
    [MemberData(nameof(NamesWithLuma))]
    public void Luma_MatchesReference(string name)
    {
        using PixelBuffer image = DecodeImageOf(name);
        float[] expected = PdqConformanceData.ReadFloats(File(name, "luma.txt"));
        var luma = new float[image.Width * image.Height];
        Luma.Fill(image.AsView(), luma);
        AssertFloatsEqual(expected, luma, "luma");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Downsample_MatchesReference(string name)
    {
        using PixelBuffer image = DecodeImageOf(name);
        Dictionary<string, string> summary = PdqConformanceData.ReadSummary(name);
        int rows = image.Height, cols = image.Width;
        Assert.Equal(Int(summary["rows"]), rows);
        Assert.Equal(Int(summary["cols"]), cols);
        Assert.Equal(Int(summary["windowSizeAlongRows"]), JaroszFilter.WindowSize(cols));
        Assert.Equal(Int(summary["windowSizeAlongCols"]), JaroszFilter.WindowSize(rows));
        Assert.Equal(JaroszFilter.Passes, Int(summary["jaroszPasses"]));
        float[] expected = PdqConformanceData.ReadFloats(File(name, "downsample64x64.txt"));

        var actual = new float[64 * 64];
        if (rows == 64 && cols == 64)
        {
            // The harness ran pdqHash256FromFloatLuma, which copies a 64x64 image without filtering.
            Luma.Fill(image.AsView(), actual);
        }
        else
        {
            var source = new LumaSource(image.AsView());
            new JaroszFilter().Downsample(ref source, rows, cols, actual);
        }
        AssertFloatsEqual(expected, actual, "streaming downsample");

        if (rows != 64 || cols != 64)
        {
            // The plain reference passes over whole planes give the same floats.
            var plane = new float[rows * cols];
            var scratch = new float[rows * cols];
            Luma.Fill(image.AsView(), plane);
            JaroszFilter.FilterScalar(plane, scratch, rows, cols, JaroszFilter.WindowSize(cols), JaroszFilter.WindowSize(rows));
            var decimated = new float[64 * 64];
            Decimate.Apply(plane, rows, cols, decimated);
            AssertFloatsEqual(expected, decimated, "scalar plane passes");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DctQualityMedianHash_FromReferenceDownsample_MatchReference(string name)
    {
        Dictionary<string, string> summary = PdqConformanceData.ReadSummary(name);
        float[] a = PdqConformanceData.ReadFloats(File(name, "downsample64x64.txt"));
        float[] expected = PdqConformanceData.ReadFloats(File(name, "dct16x16.txt"));
        var t = new float[16 * 64];
        var b = new float[256];
        Dct64To16.Compute(a, t, b);
        AssertFloatsEqual(expected, b, "dct16x16");
        Assert.Equal(Int(summary["quality"]), Quality.Compute(a));
        Assert.Equal(float.Parse(summary["dctMedian"], CultureInfo.InvariantCulture), Quantize.TorbenMedian(b));
        Assert.Equal(summary["hash"], Quantize.ToHash(b).ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ComputeFloat_EndToEnd_MatchesReferencePdqf(string name)
    {
        using PixelBuffer image = DecodeImageOf(name);
        Dictionary<string, string> summary = PdqConformanceData.ReadSummary(name);
        float[] expected = PdqConformanceData.ReadFloats(File(name, "dct16x16.txt"));
        var hasher = new PdqHasher();
        var pdqf = new float[256];
        int quality = hasher.ComputeFloat(image.AsView(), pdqf);
        AssertFloatsEqual(expected, pdqf, "PDQF");
        Assert.Equal(Int(summary["quality"]), quality);

        PdqFloatResult result = hasher.ComputeFloat(image.AsView());
        AssertFloatsEqual(expected, result.Coefficients.ToArray(), "PdqFloatResult");
        Assert.Equal(expected[17], result[1, 1]);
        Assert.Equal(summary["hash"], result.ToHash().ToString());
        Assert.Equal(new HashResult(Hash256.Parse(summary["hash"]), quality), hasher.Hash(image.AsView()));
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    internal static void AssertFloatsEqual(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
