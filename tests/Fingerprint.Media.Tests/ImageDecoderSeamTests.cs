using Fingerprint.Imaging;
using Fingerprint.Media.Tests.TestSupport;

namespace Fingerprint.Media.Tests;

/// <summary>The core's <see cref="IImageDecoder"/> seam as <see cref="ImageDecoder"/> implements it.</summary>
public class ImageDecoderSeamTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    [Fact]
    public void CanDecode_StillFormatsOnly()
    {
        IImageDecoder seam = new ImageDecoder();
        Assert.True(seam.CanDecode(File.ReadAllBytes(media.Get("jpeg-420.jpg"))));
        Assert.True(seam.CanDecode(File.ReadAllBytes(media.Get("avif.avif"))));
        Assert.False(seam.CanDecode(File.ReadAllBytes(media.Get("tiff.tiff"))));
        Assert.False(seam.CanDecode("hello"u8));
        ((IDisposable)seam).Dispose();
    }

    [Theory]
    [InlineData(PixelFormat.Rgb24)]
    [InlineData(PixelFormat.Rgba32)]
    [InlineData(PixelFormat.Bgra32)]
    [InlineData(PixelFormat.Gray8)]
    public void Decode_ToTargetFormat_ConvertsFromTheRgbDecode(PixelFormat target)
    {
        byte[] data = File.ReadAllBytes(media.Get("png-rgb8.png"));
        using var decoder = new ImageDecoder();
        using DecodedImage rgb = decoder.Decode(data, DecodeOptions.Default);
        using PixelBuffer converted = ((IImageDecoder)decoder).Decode(data, target);
        Assert.Equal(target, converted.Format);
        byte[] src = ImageMagick.Packed(rgb.Pixels), dst = ImageMagick.Packed(converted);
        int n = rgb.Pixels.Width * rgb.Pixels.Height;
        for (int i = 0; i < n; i++)
        {
            byte r = src[i * 3], g = src[i * 3 + 1], b = src[i * 3 + 2];
            byte[] want = target switch
            {
                PixelFormat.Rgb24 => [r, g, b],
                PixelFormat.Rgba32 => [r, g, b, 255],
                PixelFormat.Bgra32 => [b, g, r, 255],
                // libjpeg's rgb_gray_convert weights (jccolor.c), computed here in double and rounded.
                _ => [(byte)Math.Floor(0.299 * r + 0.587 * g + 0.114 * b + 0.5)],
            };
            int bpp = want.Length;
            if (target == PixelFormat.Gray8)
                Assert.InRange(dst[i] - want[0], -1, 1);   // 16-bit fixed point vs double: at most one level apart
            else
                Assert.Equal(want, dst.AsSpan(i * bpp, bpp).ToArray());
        }
    }
}
