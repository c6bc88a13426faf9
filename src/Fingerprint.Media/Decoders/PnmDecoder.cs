using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// Netpbm P1-P6 in managed code (Netpbm pbm(5), pgm(5), ppm(5): header tokens separated by whitespace, '#' comments,
/// exactly one whitespace byte before a raw raster; 16-bit raw samples big-endian when maxval &gt; 255; PBM 1 = black).
/// Only the first image of a multi-image file is read. Samples become 8 bits as ImageMagick 6.9 coders/pnm.c does:
/// q = ScaleAnyToQuantum(v, maxval) = floor(65535 v / maxval + 0.5) (values above maxval clamp to 65535), then the Q16
/// quantum to 8 bits as <c>-depth 8</c> does, floor(q / 257) (<see cref="PixelOps.Scale16To8"/>). For maxval 255 this is
/// the identity; for other maxvals ImageMagick writes PNM at the input's depth, so the comparison is with
/// <c>convert FILE -depth 8 pnm:-</c>. PAM (P7) is recognised but not decoded.
/// </summary>
internal static class PnmDecoder
{
    private const string FormatName = "PNM";

    public static RawImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        if (data.Length < 2 || data[0] != 'P')
            MediaThrow.Corrupt(FormatName, "no P1-P7 signature");
        char kind = (char)data[1];
        if (kind == '7')
            MediaThrow.Unsupported("PAM (P7)");
        if (kind is < '1' or > '6')
            MediaThrow.Corrupt(FormatName, $"unknown magic P{kind}");
        bool bitmap = kind is '1' or '4', ascii = kind is '1' or '2' or '3', color = kind is '3' or '6';
        int pos = 2;
        long width = ReadHeaderNumber(data, ref pos);
        long height = ReadHeaderNumber(data, ref pos);
        long maxval = bitmap ? 1 : ReadHeaderNumber(data, ref pos);
        if (maxval is < 1 or > 65535)
            MediaThrow.Corrupt(FormatName, $"maxval {maxval} outside 1..65535");
        MediaThrow.CheckDimensions(options.Limits, FormatName, width, height, color ? 3 : 1);
        if (!ascii)
        {
            if (pos >= data.Length)
                MediaThrow.Truncated(FormatName);
            pos++;   // the single whitespace byte that ends the header
        }
        int w = (int)width, h = (int)height, channels = color ? 3 : 1;
        var pixels = new PixelBuffer(w, h, color ? PixelFormat.Rgb24 : PixelFormat.Gray8);
        try
        {
            Span<byte> dst = pixels.Span;
            if (kind == '4')
            {
                int rowBytes = (w + 7) / 8;
                if ((long)rowBytes * h > data.Length - pos)
                    MediaThrow.Truncated(FormatName);
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        dst[y * w + x] = (data[pos + y * rowBytes + x / 8] & (0x80 >> (x % 8))) != 0 ? (byte)0 : (byte)255;
            }
            else if (kind == '1')
            {
                for (int i = 0; i < w * h; i++)
                {
                    int digit = NextBitDigit(data, ref pos);
                    dst[i] = digit == 1 ? (byte)0 : (byte)255;
                }
            }
            else
            {
                byte[] map = BuildScaleMap((int)maxval);
                long samples = (long)w * h * channels;
                if (ascii)
                {
                    for (long i = 0; i < samples; i++)
                    {
                        long v = ReadRasterNumber(data, ref pos);
                        dst[(int)i] = map[(int)Math.Min(v, maxval + 1)];
                    }
                }
                else
                {
                    int bytesPerSample = maxval > 255 ? 2 : 1;
                    if (samples * bytesPerSample > data.Length - pos)
                        MediaThrow.Truncated(FormatName);
                    for (long i = 0; i < samples; i++)
                    {
                        int at = pos + (int)(i * bytesPerSample);
                        int v = bytesPerSample == 2 ? (data[at] << 8) | data[at + 1] : data[at];
                        dst[(int)i] = map[Math.Min(v, (int)maxval + 1)];
                    }
                }
            }
        }
        catch
        {
            pixels.Dispose();
            throw;
        }
        return new RawImage(pixels, w, h, 1);
    }

    /// <summary>map[v] for v in 0..maxval, and map[maxval + 1] = 255 for any value above maxval.</summary>
    internal static byte[] BuildScaleMap(int maxval)
    {
        var map = new byte[maxval + 2];
        for (int v = 0; v <= maxval; v++)
        {
            int q = (int)(65535.0 * v / maxval + 0.5);
            map[v] = PixelOps.Scale16To8(q);
        }
        map[maxval + 1] = 255;
        return map;
    }

    private static void SkipWhitespaceAndComments(ReadOnlySpan<byte> data, ref int pos)
    {
        while (pos < data.Length)
        {
            byte b = data[pos];
            if (b == '#')
            {
                while (pos < data.Length && data[pos] != '\n' && data[pos] != '\r')
                    pos++;
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C)
            {
                pos++;
            }
            else
            {
                return;
            }
        }
    }

    private static long ReadHeaderNumber(ReadOnlySpan<byte> data, ref int pos)
    {
        SkipWhitespaceAndComments(data, ref pos);
        if (pos >= data.Length)
            MediaThrow.Truncated(FormatName);
        long value = ReadDigits(data, ref pos);
        if (pos < data.Length && !(data[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C or (byte)'#'))
            MediaThrow.Corrupt(FormatName, $"unexpected byte 0x{data[pos]:x2} in the header");
        return value;
    }

    private static long ReadRasterNumber(ReadOnlySpan<byte> data, ref int pos)
    {
        SkipWhitespaceAndComments(data, ref pos);
        if (pos >= data.Length)
            MediaThrow.Truncated(FormatName);
        return ReadDigits(data, ref pos);
    }

    private static long ReadDigits(ReadOnlySpan<byte> data, ref int pos)
    {
        if (data[pos] is < (byte)'0' or > (byte)'9')
            MediaThrow.Corrupt(FormatName, $"expected a number, found byte 0x{data[pos]:x2}");
        long value = 0;
        while (pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'9')
        {
            value = Math.Min(value * 10 + (data[pos] - '0'), int.MaxValue);   // saturate: limits reject it later
            pos++;
        }
        return value;
    }

    private static int NextBitDigit(ReadOnlySpan<byte> data, ref int pos)
    {
        SkipWhitespaceAndComments(data, ref pos);
        if (pos >= data.Length)
            MediaThrow.Truncated(FormatName);
        byte b = data[pos++];
        if (b is not ((byte)'0' or (byte)'1'))
            MediaThrow.Corrupt(FormatName, $"expected 0 or 1 in a P1 raster, found byte 0x{b:x2}");
        return b - '0';
    }
}
