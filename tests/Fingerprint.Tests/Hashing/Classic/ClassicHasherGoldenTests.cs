using Fingerprint.Hashing;
using Fingerprint.Hashing.Classic;
using Fingerprint.Imaging;
using Fingerprint.TestUtilities;
using Xunit.Sdk;

namespace Fingerprint.Tests.Hashing.Classic;

/// <summary>
/// Our hashes against OpenCV 4.6's (testmedia/expected/classic-hashes.tsv, from make_goldens.py; the inputs are raw
/// pixels, so no decoder stands between the two sides).
/// Tolerance: 0 bits for all three algorithms. aHash and pHash repeat OpenCV's arithmetic operation for operation
/// (fixed-point resize and grey, float DCT), and dHash's goldens use OpenCV's resize and grey too, so any difference
/// is a bug, not rounding. Every colour row is checked as Rgb24, Rgba32 and Bgra32 (random alpha), tightly packed and
/// with padded rows; the script checked that OpenCV gives the same hashes for BGRA input with random alpha.
/// </summary>
public class ClassicHasherGoldenTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (ClassicGoldens.HashRow row in ClassicGoldens.Hashes)
            data.Add(row.File);
        return data;
    }

    [Fact]
    public void Goldens_CoverTheDocumentedCases()
    {
        // The golden set must keep its edge cases: sizes below every grid, each grid size itself (copy path), exact
        // halves (OpenCV's INTER_AREA path), flat images, grey and colour inputs, and real images.
        string[] required =
        [
            "tiny-rgb-1x1.ppm.gz", "tiny-rgb-2x3.ppm.gz", "tiny-rgb-8x8.ppm.gz", "tiny-rgb-9x8.ppm.gz", "tiny-rgb-32x32.ppm.gz",
            "noise-rgb-16x16.ppm.gz", "noise-rgb-18x16.ppm.gz", "noise-gray-64x64.pgm.gz", "flat-gray-33x17.pgm.gz",
            "flat-rgb-20x20.ppm.gz", "gradient-rgb-1600x1004.ppm.gz", "im-rose.ppm.gz",
        ];
        Assert.True(ClassicGoldens.Hashes.Count >= 23, $"{ClassicGoldens.Hashes.Count} golden rows");
        foreach (string file in required)
            Assert.Contains(ClassicGoldens.Hashes, r => r.File == file);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Hashes_EqualOpenCvGoldens_InEveryLayout(string file)
    {
        ClassicGoldens.HashRow expected = ClassicGoldens.Hash(file);
        ClassicTestImage image = ClassicTestImage.Load(file);
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (image.Width, image.Height, image.Channels));

        var hasher = new ClassicHasher();
        var rng = new SplitMix64(0xC1A551C);
        PixelFormat[] formats = image.Channels == 1
            ? [PixelFormat.Gray8, PixelFormat.Rgb24, PixelFormat.Bgra32]
            : [PixelFormat.Rgb24, PixelFormat.Rgba32, PixelFormat.Bgra32];
        foreach (PixelFormat format in formats)
        {
            foreach (int padding in new[] { 0, 7 })
            {
                byte[] data = image.Layout(format, padding, rng, out int stride);
                var view = new ImageView(data, image.Width, image.Height, stride, format);
                string context = $"{file} as {format}, stride {stride}";
                Equal(expected.AHash, hasher.AverageHash(view), $"aHash of {context}");
                Equal(expected.DHash, hasher.DifferenceHash(view), $"dHash of {context}");
                Equal(expected.PHash, hasher.PerceptualHash(view), $"pHash of {context}");
            }
        }
    }

    private static void Equal(Hash64 expected, Hash64 actual, string context)
    {
        if (expected != actual)
            throw new XunitException($"{context}: expected {expected}, got {actual} (distance {expected.DistanceTo(actual)})");
    }
}
