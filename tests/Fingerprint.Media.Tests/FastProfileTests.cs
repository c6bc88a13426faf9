using Fingerprint.Imaging;
using Fingerprint.Media.Decoders;
using Fingerprint.Media.Tests.TestSupport;
using Fingerprint.TestUtilities;

namespace Fingerprint.Media.Tests;

/// <summary>
/// The fast profile: JPEG at the smallest libjpeg-turbo DCT scale that keeps the short side at least
/// FastMinShortSide, optionally straight to grey; WebP by scaled decode; the scaled JPEG equals djpeg -scale's output.
/// </summary>
public class FastProfileTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    [Theory]
    [InlineData(1600, 1004, 512, 5, 8)]    // 1000x628: 5/8 is the smallest keeping 628 >= 512
    [InlineData(4032, 3024, 512, 1, 4)]    // 1008x756
    [InlineData(4096, 4096, 512, 1, 8)]    // 512x512 exactly
    [InlineData(4095, 4095, 512, 1, 8)]    // TJSCALED rounds up: ceil(4095 / 8) = 512
    [InlineData(500, 800, 512, 1, 1)]      // already smaller: full size
    [InlineData(2048, 1536, 256, 1, 4)]    // tunable threshold: 512x384 at 1/4; 1/8 would give 192
    public void ChooseScale_SmallestScaleKeepingTheShortSide(int w, int h, int minShort, int num, int den)
    {
        JpegDecoder.TurboJpegScale s = JpegDecoder.ChooseScale(w, h, minShort, powerOfTwoOnly: false);
        Assert.Equal((num, den), (s.Num, s.Denom));
        Assert.True(Math.Min(s.Apply(w), s.Apply(h)) >= Math.Min(minShort, Math.Min(w, h)));
    }

    [Theory]
    [InlineData(1600, 1004, 1, 1)]    // 1/2 gives 502 < 512: full size
    [InlineData(2000, 1404, 1, 2)]    // 1000x702
    [InlineData(4032, 3024, 1, 4)]    // 1008x756
    [InlineData(8192, 4096, 1, 8)]    // 1024x512
    public void ChooseScale_PowerOfTwoOnly_SkipsOddEighths(int w, int h, int num, int den)
    {
        JpegDecoder.TurboJpegScale s = JpegDecoder.ChooseScale(w, h, 512, powerOfTwoOnly: true);
        Assert.Equal((num, den), (s.Num, s.Denom));
    }

    [Fact]
    public void ScalingFactors_AreLibjpegTurbos()
    {
        JpegDecoder.TurboJpegScale[] f = JpegDecoder.ScalingFactors();
        Assert.Equal(16, f.Length);
        Assert.Contains(new JpegDecoder.TurboJpegScale(1, 8), f);
        Assert.Contains(new JpegDecoder.TurboJpegScale(3, 8), f);
        Assert.Contains(new JpegDecoder.TurboJpegScale(2, 1), f);
    }

    [Fact]
    public void Decode_FastJpeg_EqualsDjpegScaled()
    {
        string file = Path.Combine(RepoPaths.PdqConformance, "images", "pdq", "data", "bridge-mods", "aaa-orig.jpg");   // 1600x1004
        using var decoder = new ImageDecoder();
        var options = new DecodeOptions { Profile = DecodeProfile.Fast, FastMinShortSide = 512, PreferGray = false, FastUpsample = false, FastPowerOfTwoScalesOnly = false };
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), options);
        Assert.Equal((5, 8), (image.ScaleNumerator, image.ScaleDenominator));
        Assert.Equal((1000, 628), (image.Pixels.Width, image.Pixels.Height));
        Assert.Equal((1600, 1004), (image.SourceWidth, image.SourceHeight));
        ImageMagick.Pnm djpeg = ImageMagick.ParsePnm(Djpeg("-scale", "5/8", "-ppm", file));
        Assert.Equal("same", ImageMagick.Compare(djpeg, image.Pixels));
    }

    [Fact]
    public void Decode_FastJpegFastUpsample_EqualsDjpegNosmooth()
    {
        string file = Path.Combine(RepoPaths.PdqConformance, "images", "python-threatexchange", "threatexchange", "tests", "hashing",
            "resources", "letterboxed_sample-b.jpg");   // 2000x1404 -> 3/8 = 750x527
        using var decoder = new ImageDecoder();
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Fast with { FastMinShortSide = 512, PreferGray = false, FastPowerOfTwoScalesOnly = false });
        Assert.Equal((3, 8), (image.ScaleNumerator, image.ScaleDenominator));
        ImageMagick.Pnm djpeg = ImageMagick.ParsePnm(Djpeg("-scale", "3/8", "-nosmooth", "-ppm", file));
        Assert.Equal("same", ImageMagick.Compare(djpeg, image.Pixels));
    }

    [Fact]
    public void Decode_FastJpegDefaults_HalfScaleEqualsDjpeg()
    {
        // The defaults (short side >= 768, power-of-two scales, grey): 4032x3024 -> 1/2 = 2016x1512 (1/4 would give 756).
        string file = Path.Combine(RepoPaths.PdqConformance, "images", "pdq", "data", "reg-test-input", "exif-rotn", "exif-rotn-6.jpg");
        using var decoder = new ImageDecoder();
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Fast with { IgnoreExif = true });
        Assert.Equal((1, 2), (image.ScaleNumerator, image.ScaleDenominator));
        Assert.Equal(PixelFormat.Gray8, image.Pixels.Format);
        ImageMagick.Pnm djpeg = ImageMagick.ParsePnm(Djpeg("-scale", "1/2", "-grayscale", file));
        Assert.Equal("same", ImageMagick.Compare(djpeg, image.Pixels));
    }

    [Fact]
    public void Decode_FastJpegPreferGray_EqualsDjpegGrayscaleScaled()
    {
        string file = Path.Combine(RepoPaths.PdqConformance, "images", "pdq", "data", "bridge-mods", "aaa-orig.jpg");
        using var decoder = new ImageDecoder();
        var options = new DecodeOptions { Profile = DecodeProfile.Fast, FastMinShortSide = 512, PreferGray = true, FastPowerOfTwoScalesOnly = false };
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), options);
        Assert.Equal(PixelFormat.Gray8, image.Pixels.Format);
        ImageMagick.Pnm djpeg = ImageMagick.ParsePnm(Djpeg("-scale", "5/8", "-grayscale", file));
        Assert.Equal("same", ImageMagick.Compare(djpeg, image.Pixels));
    }

    [Fact]
    public void Decode_FastWebP_ScalesToEighths()
    {
        string file = media.Get("webp-lossy.webp");   // 53x37
        using var decoder = new ImageDecoder();
        using DecodedImage image = decoder.Decode(File.ReadAllBytes(file), new DecodeOptions { Profile = DecodeProfile.Fast, FastMinShortSide = 16 });
        // Smallest k/8 with ceil(37 k / 8) >= 16 is k = 4: 27x19.
        Assert.Equal((1, 2), (image.ScaleNumerator, image.ScaleDenominator));
        Assert.Equal((27, 19), (image.Pixels.Width, image.Pixels.Height));
    }

    [Fact]
    public void Decode_FastOtherFormats_DecodeInFull()
    {
        using var decoder = new ImageDecoder();
        using DecodedImage png = decoder.Decode(File.ReadAllBytes(media.Get("png-rgb8.png")), new DecodeOptions { Profile = DecodeProfile.Fast, FastMinShortSide = 4 });
        Assert.Equal((37, 29), (png.Pixels.Width, png.Pixels.Height));
        Assert.Equal(1, png.ScaleDenominator);
    }

    [Fact]
    public void Decode_ConformanceProfilesIgnoreFastOptions()
    {
        string file = media.Get("jpeg-420.jpg");
        using var decoder = new ImageDecoder();
        using DecodedImage a = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Reference);
        using DecodedImage b = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Reference with { PreferGray = true, FastDct = true, FastMinShortSide = 1 });
        Assert.Equal(ImageMagick.Packed(a.Pixels), ImageMagick.Packed(b.Pixels));
        Assert.Equal(PixelFormat.Rgb24, b.Pixels.Format);
    }

    private static byte[] Djpeg(params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("djpeg") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return ms.ToArray();
    }
}
