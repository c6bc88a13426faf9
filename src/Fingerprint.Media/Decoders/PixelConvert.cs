using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>Converts Gray8/Rgb24 decoder output to another <see cref="PixelFormat"/> (a new buffer).</summary>
internal static class PixelConvert
{
    public static PixelBuffer To(PixelBuffer source, PixelFormat target)
    {
        int w = source.Width, h = source.Height;
        var output = new PixelBuffer(w, h, target);
        int inBpp = source.Format.BytesPerPixel(), outBpp = target.BytesPerPixel();
        for (int y = 0; y < h; y++)
        {
            ReadOnlySpan<byte> src = source.GetRow(y);
            Span<byte> dst = output.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                byte r, g, b;
                if (inBpp == 1)
                {
                    r = g = b = src[x];
                }
                else
                {
                    r = src[x * inBpp];
                    g = src[x * inBpp + 1];
                    b = src[x * inBpp + 2];
                }
                int o = x * outBpp;
                switch (target)
                {
                    case PixelFormat.Gray8:
                        // libjpeg jccolor.c rgb_gray_convert: FIX(0.29900)=19595, FIX(0.58700)=38470, FIX(0.11400)=7471, ONE_HALF.
                        dst[o] = (byte)((19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
                        break;
                    case PixelFormat.Rgb24:
                        (dst[o], dst[o + 1], dst[o + 2]) = (r, g, b);
                        break;
                    case PixelFormat.Rgba32:
                        (dst[o], dst[o + 1], dst[o + 2], dst[o + 3]) = (r, g, b, 255);
                        break;
                    default:
                        (dst[o], dst[o + 1], dst[o + 2], dst[o + 3]) = (b, g, r, 255);
                        break;
                }
            }
        }
        return output;
    }
}
