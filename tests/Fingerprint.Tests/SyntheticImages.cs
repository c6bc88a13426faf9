using Fingerprint.Hashing;
using Fingerprint.Imaging;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests;

/// <summary>An owned test image (tightly packed unless a stride is given).</summary>
internal sealed record TestImage(byte[] Pixels, int Width, int Height, int Stride, PixelFormat Format)
{
    public ImageView View => new(Pixels, Width, Height, Stride, Format);

    public int BytesPerPixel => Format.BytesPerPixel();

    public ReadOnlySpan<byte> Pixel(int x, int y) => Pixels.AsSpan(y * Stride + x * BytesPerPixel, BytesPerPixel);
}

/// <summary>
/// Seeded synthetic images for property tests (SplitMix64, so the pixels never change across .NET versions):
/// six random waves per channel, 1 to 12 cycles across the image, plus noise of +-2, so the images have structure at
/// PDQ's 64x64 scale (quality near 100, like photographs) at any size and pixel format.
/// </summary>
internal static class SyntheticImages
{
    public static TestImage Smooth(ulong seed, int width, int height, PixelFormat format = PixelFormat.Rgb24, int extraStride = 0)
    {
        var rng = new SplitMix64(seed);
        int bpp = format.BytesPerPixel();
        int stride = width * bpp + extraStride;
        var pixels = new byte[Math.Max(1, stride * height)];
        rng.NextBytes(pixels);                                   // padding and alpha get random bytes too
        const int Waves = 6;
        // sin(fx x + fy y + p) = sin(fx x + p) cos(fy y) + cos(fx x + p) sin(fy y): tables per axis keep generation fast.
        var sinX = new double[3 * Waves * width];
        var cosX = new double[3 * Waves * width];
        var sinY = new double[3 * Waves * height];
        var cosY = new double[3 * Waves * height];
        for (int c = 0; c < 3; c++)
        {
            for (int k = 0; k < Waves; k++)
            {
                double fx = (rng.NextDouble() * 24 - 12) * 2 * Math.PI / Math.Max(width, 1);
                double fy = (rng.NextDouble() * 24 - 12) * 2 * Math.PI / Math.Max(height, 1);
                double phase = rng.NextDouble() * 2 * Math.PI;
                int table = c * Waves + k;
                for (int x = 0; x < width; x++)
                {
                    sinX[table * width + x] = Math.Sin(fx * x + phase);
                    cosX[table * width + x] = Math.Cos(fx * x + phase);
                }
                for (int y = 0; y < height; y++)
                {
                    sinY[table * height + y] = Math.Sin(fy * y);
                    cosY[table * height + y] = Math.Cos(fy * y);
                }
            }
        }
        Span<int> rgb = stackalloc int[3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double v = 0;
                    for (int k = 0; k < Waves; k++)
                    {
                        int table = c * Waves + k;
                        v += sinX[table * width + x] * cosY[table * height + y] + cosX[table * width + x] * sinY[table * height + y];
                    }
                    rgb[c] = Math.Clamp((int)(128 + 30 * v) + rng.NextInt(5) - 2, 0, 255);
                }
                int o = y * stride + x * bpp;
                switch (format)
                {
                    case PixelFormat.Gray8:
                        pixels[o] = (byte)((rgb[0] + rgb[1] + rgb[2]) / 3);
                        break;
                    case PixelFormat.Rgb24:
                    case PixelFormat.Rgba32:
                        pixels[o] = (byte)rgb[0];
                        pixels[o + 1] = (byte)rgb[1];
                        pixels[o + 2] = (byte)rgb[2];
                        break;
                    case PixelFormat.Bgra32:
                        pixels[o] = (byte)rgb[2];
                        pixels[o + 1] = (byte)rgb[1];
                        pixels[o + 2] = (byte)rgb[0];
                        break;
                }
            }
        }
        return new TestImage(pixels, width, height, stride, format);
    }

    public static TestImage Flat(int width, int height, PixelFormat format, byte value)
    {
        var pixels = new byte[Math.Max(1, width * height * format.BytesPerPixel())];
        pixels.AsSpan().Fill(value);
        return new TestImage(pixels, width, height, width * format.BytesPerPixel(), format);
    }

    /// <summary>The same pixels in another format (alpha, where added, is random).</summary>
    public static TestImage Convert(TestImage image, PixelFormat format, int extraStride = 0, ulong alphaSeed = 1)
    {
        var rng = new SplitMix64(alphaSeed);
        int bpp = format.BytesPerPixel();
        int stride = image.Width * bpp + extraStride;
        var pixels = new byte[Math.Max(1, stride * image.Height)];
        rng.NextBytes(pixels);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                ReadOnlySpan<byte> p = image.Pixel(x, y);
                (byte r, byte g, byte b) = image.Format switch
                {
                    PixelFormat.Gray8 => (p[0], p[0], p[0]),
                    PixelFormat.Bgra32 => (p[2], p[1], p[0]),
                    _ => (p[0], p[1], p[2]),
                };
                int o = y * stride + x * bpp;
                switch (format)
                {
                    case PixelFormat.Gray8:
                        if (r != g || g != b)
                            throw new InvalidOperationException("Only grey pixels convert to Gray8.");
                        pixels[o] = r;
                        break;
                    case PixelFormat.Bgra32:
                        (pixels[o], pixels[o + 1], pixels[o + 2]) = (b, g, r);
                        break;
                    default:
                        (pixels[o], pixels[o + 1], pixels[o + 2]) = (r, g, b);
                        break;
                }
            }
        }
        return new TestImage(pixels, image.Width, image.Height, stride, format);
    }

    /// <summary>
    /// The image physically transformed, named as the reference names the dihedral variants (pdq/cpp/io/pdqio.h):
    /// rotations counter-clockwise, FlipX swaps top and bottom, FlipY mirrors left and right, FlipP transposes about
    /// the main diagonal, FlipM about the anti-diagonal.
    /// </summary>
    public static TestImage Transform(TestImage image, DihedralVariant variant)
    {
        int w = image.Width, h = image.Height, bpp = image.BytesPerPixel;
        bool swap = variant is DihedralVariant.Rot90 or DihedralVariant.Rot270 or DihedralVariant.FlipP or DihedralVariant.FlipM;
        int ow = swap ? h : w, oh = swap ? w : h;
        var pixels = new byte[Math.Max(1, ow * oh * bpp)];
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                (int sx, int sy) = variant switch
                {
                    DihedralVariant.Orig => (x, y),
                    DihedralVariant.Rot90 => (w - 1 - y, x),
                    DihedralVariant.Rot180 => (w - 1 - x, h - 1 - y),
                    DihedralVariant.Rot270 => (y, h - 1 - x),
                    DihedralVariant.FlipX => (x, h - 1 - y),
                    DihedralVariant.FlipY => (w - 1 - x, y),
                    DihedralVariant.FlipP => (y, x),
                    DihedralVariant.FlipM => (w - 1 - y, h - 1 - x),
                    _ => throw new ArgumentOutOfRangeException(nameof(variant)),
                };
                image.Pixel(sx, sy).CopyTo(pixels.AsSpan((y * ow + x) * bpp, bpp));
            }
        }
        return new TestImage(pixels, ow, oh, ow * bpp, image.Format);
    }
}
