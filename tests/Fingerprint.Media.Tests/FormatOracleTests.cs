using Fingerprint.Imaging;
using Fingerprint.Media.Tests.TestSupport;

namespace Fingerprint.Media.Tests;

/// <summary>
/// Per format and variant, a tiny image made by ImageMagick decodes to exactly the bytes <c>convert FILE[0] -depth 8
/// pnm:-</c> gives, including the grey/colour choice (P5 vs P6). <c>-depth 8</c> is a no-op for 8-bit sources and is the
/// reduction the conformance fullres values used for deeper ones.
/// </summary>
public class FormatOracleTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    public static TheoryData<string> Decodable()
    {
        var data = new TheoryData<string>();
        foreach (string name in GeneratedMedia.Recipes.Keys.Order(StringComparer.Ordinal))
        {
            if (!name.StartsWith("tiff", StringComparison.Ordinal) && !name.StartsWith("heif", StringComparison.Ordinal)
                && !name.StartsWith("avif", StringComparison.Ordinal))
                data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Decode_GeneratedImage_EqualsImageMagick(string name)
    {
        string file = media.Get(name);
        ImageMagick.Pnm expected = ImageMagick.DecodeToPnm(file, depth8: true);
        using var decoder = new ImageDecoder();
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Reference);
        string result = ImageMagick.Compare(expected, image.Pixels);
        Assert.True(result == "same", $"{name}: {result}");
    }

    /// <summary>
    /// HEIC/AVIF are not byte-exact with ImageMagick 6.9.11, by design: its heic coder asks libheif for YCbCr 4:2:0
    /// planes and converts them itself (nearest-neighbour chroma, its own YCbCr matrix, ignoring the file's nclx
    /// colour profile), while we take libheif's RGB conversion, which honours the profile and upsamples chroma. Measured
    /// on these files: at most 4 levels apart. Bound: 8 levels per channel and a mean difference below 2 levels, which
    /// still catches a swapped channel, a wrong matrix or a shifted image.
    /// </summary>
    [Theory]
    [InlineData("heif.heic")]
    [InlineData("avif.avif")]
    public void Decode_HeifAndAvif_CloseToImageMagick(string name)
    {
        string file = media.Get(name);
        ImageMagick.Pnm expected = ImageMagick.DecodeToPnm(file, depth8: true);
        using var decoder = new ImageDecoder();
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Reference);
        Assert.Equal((expected.Width, expected.Height), (image.Pixels.Width, image.Pixels.Height));
        Assert.Equal(expected.Format, image.Pixels.Format);
        byte[] got = ImageMagick.Packed(image.Pixels);
        int max = 0;
        long sum = 0;
        for (int i = 0; i < got.Length; i++)
        {
            int d = Math.Abs(got[i] - expected.Pixels[i]);
            max = Math.Max(max, d);
            sum += d;
        }
        Assert.True(max <= 8, $"{name}: max difference {max}");
        Assert.True(sum < 2L * got.Length, $"{name}: mean difference {(double)sum / got.Length:F2}");
    }

    [Theory]
    [InlineData("jpeg-420.jpg", MediaFormat.Jpeg)]
    [InlineData("png-rgb8.png", MediaFormat.Png)]
    [InlineData("webp-lossy.webp", MediaFormat.WebP)]
    [InlineData("gif-still.gif", MediaFormat.Gif)]
    [InlineData("bmp-24.bmp", MediaFormat.Bmp)]
    [InlineData("bmp-os2.bmp", MediaFormat.Bmp)]
    [InlineData("pnm-p6.ppm", MediaFormat.Pnm)]
    [InlineData("heif.heic", MediaFormat.Heif)]
    [InlineData("avif.avif", MediaFormat.Avif)]
    [InlineData("tiff.tiff", MediaFormat.Tiff)]
    public void Sniff_GeneratedFile_RecognisesFormat(string name, MediaFormat format)
    {
        byte[] bytes = File.ReadAllBytes(media.Get(name));
        Assert.Equal(format, FormatSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, FormatSniffer.HeaderBytes))));
    }

    [Fact]
    public void Decode_Tiff_IsUnsupportedAndNamesTiff()
    {
        using var decoder = new ImageDecoder();
        var ex = Assert.Throws<MediaException>(() => decoder.Decode(File.ReadAllBytes(media.Get("tiff.tiff")), DecodeOptions.Default));
        Assert.Equal(MediaErrorCode.UnsupportedFormat, ex.Code);
        Assert.Contains("TIFF", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png-rgb8.png", "x.jpg")]
    [InlineData("jpeg-420.jpg", "x.png")]
    [InlineData("gif-still.gif", "x.webp")]
    public void Decode_WrongExtension_DecodesByContent(string name, string misleadingName)
    {
        string copy = Path.Combine(media.Directory, Guid.NewGuid().ToString("N") + "-" + misleadingName);
        File.Copy(media.Get(name), copy);
        ImageMagick.Pnm expected = ImageMagick.DecodeToPnm(media.Get(name), depth8: true);
        using var decoder = new ImageDecoder();
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(copy), DecodeOptions.Reference);
        Assert.Equal("same", ImageMagick.Compare(expected, image.Pixels));
    }

    [Fact]
    public void Decode_AllGrayRgbPng_IsGray8LikeImageMagickP5()
    {
        string file = media.Get("png-allgray-rgb.png");
        Assert.Equal("P5", ImageMagick.DecodeToPnm(file).Magic);
        using var decoder = new ImageDecoder();
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Reference);
        Assert.Equal(PixelFormat.Gray8, image.Pixels.Format);
    }
}
