using Fingerprint.Media.Tests.TestSupport;
using Fingerprint.TestUtilities;

namespace Fingerprint.Media.Tests;

/// <summary>
/// Every image of the PDQ conformance set decoded with the conformance profile and EXIF ignored must equal ImageMagick
/// 6.9.11 <c>convert FILE pnm:-</c> (the decoder the expected hashes were made from) byte for byte, including its
/// grey-or-colour choice. The 16-bit I16.png is compared with <c>-depth 8</c>, the reduction the README's fullres
/// column used.
/// </summary>
public class ConformanceOracleTests
{
    public static TheoryData<string> Images()
    {
        var data = new TheoryData<string>();
        string root = Path.Combine(RepoPaths.PdqConformance, "images");
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".md", StringComparison.Ordinal))
                continue;
            data.Add(Path.GetRelativePath(root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Decode_ConformanceImage_EqualsImageMagick(string relativePath)
    {
        string file = Path.Combine(RepoPaths.PdqConformance, "images", relativePath);
        bool sixteen = relativePath.EndsWith("I16.png", StringComparison.Ordinal);
        ImageMagick.Pnm expected = ImageMagick.DecodeToPnm(file, depth8: sixteen);
        using var decoder = new ImageDecoder();
        foreach (DecodeProfile profile in new[] { DecodeProfile.FullRes, DecodeProfile.Cli512 })
        {
            using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), new DecodeOptions { Profile = profile, IgnoreExif = true });
            Assert.Equal(1, image.ScaleDenominator);
            string result = ImageMagick.Compare(expected, image.Pixels);
            Assert.True(result == "same", $"{relativePath} ({profile}): {result}");
        }
    }
}
