using Fingerprint.Simd;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Simd;

public class LumaKernelsTests
{
    private delegate void Kernel(ReadOnlySpan<byte> pixels, Span<float> luma);

    private static readonly (string Format, int Bpp, (string Path, Kernel Kernel)[] Paths)[] s_formats =
    [
        ("Rgb24", 3,
        [
            ("Scalar", LumaKernels.FromRgb24Scalar), ("Vector128", LumaKernels.FromRgb24Vector128),
            ("Vector256", LumaKernels.FromRgb24Vector256), ("Vector512", LumaKernels.FromRgb24Vector512),
            ("Dispatch", LumaKernels.FromRgb24),
        ]),
        ("Rgba32", 4,
        [
            ("Scalar", LumaKernels.FromRgba32Scalar), ("Vector128", LumaKernels.FromRgba32Vector128),
            ("Vector256", LumaKernels.FromRgba32Vector256), ("Vector512", LumaKernels.FromRgba32Vector512),
            ("Dispatch", LumaKernels.FromRgba32),
        ]),
        ("Bgra32", 4,
        [
            ("Scalar", LumaKernels.FromBgra32Scalar), ("Vector128", LumaKernels.FromBgra32Vector128),
            ("Vector256", LumaKernels.FromBgra32Vector256), ("Vector512", LumaKernels.FromBgra32Vector512),
            ("Dispatch", LumaKernels.FromBgra32),
        ]),
        ("Gray8", 1,
        [
            ("Scalar", LumaKernels.FromGray8Scalar), ("Vector128", LumaKernels.FromGray8Vector128),
            ("Vector256", LumaKernels.FromGray8Vector256), ("Vector512", LumaKernels.FromGray8Vector512),
            ("Dispatch", LumaKernels.FromGray8),
        ]),
    ];

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 70; n++)
            data.Add(n);
        data.Add(1001);
        data.Add(4099);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Luma_EveryPathAndFormat_MatchesScalarFormula(int count)
    {
        var rng = new SplitMix64((ulong)(7000 + count));
        foreach ((string format, int bpp, (string Path, Kernel Kernel)[] paths) in s_formats)
        {
            var pixels = new byte[count * bpp];
            rng.NextBytes(pixels);
            // The formula written out here, independently of the kernels: ((0.299f*R + 0.587f*G) + 0.114f*B) in float.
            var expected = new float[count];
            for (int i = 0; i < count; i++)
            {
                (byte r, byte g, byte b) = format switch
                {
                    "Rgb24" => (pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2]),
                    "Rgba32" => (pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2]),
                    "Bgra32" => (pixels[4 * i + 2], pixels[4 * i + 1], pixels[4 * i]),
                    _ => (pixels[i], pixels[i], pixels[i]),
                };
                float rTerm = (float)0.299 * r, gTerm = (float)0.587 * g, bTerm = (float)0.114 * b;
                float rg = rTerm + gTerm;
                expected[i] = format == "Gray8" ? pixels[i] : rg + bTerm;
            }
            foreach ((string path, Kernel kernel) in paths)
            {
                var actual = new float[count];
                kernel(pixels, actual);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{format} {path}");
            }
        }
    }

    [Fact]
    public void Luma_GreyPathAndRgbPath_DifferOnExactly35Levels()
    {
        // SPEC.md §1.1: in float, 0.299v + 0.587v + 0.114v differs from v for 35 of the 256 grey levels.
        var grey = new byte[256];
        var rgb = new byte[768];
        for (int v = 0; v < 256; v++)
        {
            grey[v] = (byte)v;
            rgb[3 * v] = rgb[3 * v + 1] = rgb[3 * v + 2] = (byte)v;
        }
        var fromGrey = new float[256];
        var fromRgb = new float[256];
        LumaKernels.FromGray8(grey, fromGrey);
        LumaKernels.FromRgb24(rgb, fromRgb);
        Assert.Equal(Enumerable.Range(0, 256).Select(v => (float)v), fromGrey);
        Assert.Equal(35, Enumerable.Range(0, 256).Count(v => fromGrey[v] != fromRgb[v]));
    }

    [Fact]
    public void Coefficients_AreTheReferenceDoubleLiteralsRoundedToFloat()
    {
        // pdqhashing.cpp: "const float luma_from_R_coeff = 0.299;" etc.
        Assert.Equal((float)0.299, LumaKernels.CoefficientR);
        Assert.Equal((float)0.587, LumaKernels.CoefficientG);
        Assert.Equal((float)0.114, LumaKernels.CoefficientB);
    }

    [Fact]
    public void Luma_ShortSource_Throws()
    {
        Assert.Throws<ArgumentException>(() => LumaKernels.FromRgb24(new byte[8], new float[3]));
        Assert.Throws<ArgumentException>(() => LumaKernels.FromRgba32Vector256(new byte[31], new float[8]));
        Assert.Throws<ArgumentException>(() => LumaKernels.FromGray8Vector512(new byte[15], new float[16]));
    }
}
