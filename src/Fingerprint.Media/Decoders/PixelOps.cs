using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// Pixel steps shared by the decoders, each written to give the bytes ImageMagick 6.9.11 (Q16, non-HDRI) writes for
/// <c>convert FILE pnm:-</c>.
/// </summary>
internal static class PixelOps
{
    /// <summary>
    /// 16-bit sample (a Q16 quantum) to 8 bits as ImageMagick 6.9.11 <c>-depth 8</c> does: floor(v / 257) =
    /// floor(v * 255 / 65535). Its SetImageDepth maps each quantum through ScaleQuantumToAny, which in 6.9.11 truncates
    /// (no +0.5). Measured, not assumed: over a 16-bit ramp of all 65 536 values, <c>convert ramp16.png -depth 8 pgm:-</c>
    /// equals v / 257 everywhere, while the rounding forms (v + 128) / 257 and round(v * 255 / 65535) each differ in
    /// 32 640 values. (Without <c>-depth 8</c> ImageMagick writes 16-bit PNM; the conformance README's fullres values
    /// for I16.png used <c>-depth 8</c>.)
    /// </summary>
    public static byte Scale16To8(int v) => (byte)(v / 257);

    /// <summary>
    /// ImageMagick's rule for writing P5 instead of P6 (coders/pnm.c: SetImageGray, i.e. IdentifyImageGray): every
    /// pixel has R = G = B. Stops at the first colour pixel, so a colour image costs almost nothing.
    /// </summary>
    public static bool IsAllGray(PixelBuffer rgb)
    {
        if (rgb.Format != PixelFormat.Rgb24)
            return rgb.Format == PixelFormat.Gray8;
        for (int y = 0; y < rgb.Height; y++)
        {
            ReadOnlySpan<byte> row = rgb.GetRow(y);
            for (int i = 0; i + 2 < row.Length; i += 3)
            {
                byte r = row[i];
                if (r != row[i + 1] || r != row[i + 2])
                    return false;
            }
        }
        return true;
    }

    /// <summary>Rgb24 whose pixels are all grey to Gray8 (takes R); disposes <paramref name="rgb"/>.</summary>
    public static PixelBuffer CollapseGray(PixelBuffer rgb)
    {
        var gray = new PixelBuffer(rgb.Width, rgb.Height, PixelFormat.Gray8);
        try
        {
            for (int y = 0; y < rgb.Height; y++)
            {
                ReadOnlySpan<byte> src = rgb.GetRow(y);
                Span<byte> dst = gray.GetRow(y);
                for (int x = 0; x < dst.Length; x++)
                    dst[x] = src[x * 3];
            }
        }
        catch
        {
            gray.Dispose();
            throw;
        }
        rgb.Dispose();
        return gray;
    }

    /// <summary>Rgb24 to Gray8 when every pixel is grey (the PNM P5/P6 choice); otherwise returns it unchanged.</summary>
    public static PixelBuffer CollapseIfGray(PixelBuffer pixels) =>
        pixels.Format == PixelFormat.Rgb24 && IsAllGray(pixels) ? CollapseGray(pixels) : pixels;

    /// <summary>Copies a row of <paramref name="channels"/>-byte pixels keeping the first <paramref name="keep"/> bytes of each.</summary>
    public static void DropChannels(ReadOnlySpan<byte> src, Span<byte> dst, int width, int channels, int keep)
    {
        for (int x = 0, s = 0, d = 0; x < width; x++, s += channels, d += keep)
            for (int c = 0; c < keep; c++)
                dst[d + c] = src[s + c];
    }

    /// <summary>Host-endian 16-bit samples to 8 bits, keeping the first <paramref name="keep"/> of <paramref name="channels"/> per pixel.</summary>
    public static void Reduce16(ReadOnlySpan<ushort> src, Span<byte> dst, int width, int channels, int keep)
    {
        for (int x = 0, s = 0, d = 0; x < width; x++, s += channels, d += keep)
            for (int c = 0; c < keep; c++)
                dst[d + c] = Scale16To8(src[s + c]);
    }
}
