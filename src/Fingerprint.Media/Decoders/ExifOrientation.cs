using System.Buffers.Binary;
using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// The EXIF Orientation tag (0x0112) read from a TIFF structure, and the pixel transform that displays it.
/// Sources: TIFF 6.0 (header, IFD layout, field types) and EXIF 2.32 §4.6.4 (Orientation: 1 = as stored; 2 = mirrored
/// left-right; 3 = rotated 180; 4 = mirrored top-bottom; 5 = transposed; 6 = needs 90 degrees clockwise; 7 = transverse;
/// 8 = needs 90 degrees counter-clockwise). The parser trusts nothing: every offset and count is bounds-checked, only
/// IFD0 is read, and anything malformed yields 1.
/// </summary>
internal static class ExifOrientation
{
    private const ushort OrientationTag = 0x0112;
    private const ushort TypeShort = 3, TypeLong = 4;

    /// <summary>Orientation 1..8 from TIFF-structured EXIF data (starting at the "II*\0"/"MM\0*" header); 1 when absent or invalid.</summary>
    public static int Read(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
            return 1;
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
            little = true;
        else if (tiff[0] == 'M' && tiff[1] == 'M')
            little = false;
        else
            return 1;
        if (U16(tiff, 2, little) != 42)
            return 1;
        uint ifd = U32(tiff, 4, little);
        if (ifd < 8 || ifd > (uint)tiff.Length - 2)
            return 1;
        int count = U16(tiff, (int)ifd, little);
        int entries = (int)ifd + 2;
        int maxCount = (tiff.Length - entries) / 12;
        count = Math.Min(count, maxCount);   // a count past the end is truncated to the entries actually present
        for (int i = 0; i < count; i++)
        {
            int e = entries + i * 12;
            if (U16(tiff, e, little) != OrientationTag)
                continue;
            ushort type = U16(tiff, e + 2, little);
            uint n = U32(tiff, e + 4, little);
            if (n < 1)
                return 1;
            int value = type switch
            {
                TypeShort => U16(tiff, e + 8, little),
                TypeLong => (int)Math.Min(U32(tiff, e + 8, little), int.MaxValue),
                _ => 1,
            };
            return value is >= 1 and <= 8 ? value : 1;
        }
        return 1;
    }

    private static ushort U16(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(at, 2)) : BinaryPrimitives.ReadUInt16BigEndian(s.Slice(at, 2));

    private static uint U32(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(s.Slice(at, 4)) : BinaryPrimitives.ReadUInt32BigEndian(s.Slice(at, 4));

    /// <summary>True for orientations that swap width and height (5..8).</summary>
    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;

    /// <summary>
    /// Returns the pixels as they should be displayed for <paramref name="orientation"/> (a new buffer; the source is
    /// disposed), or <paramref name="source"/> itself for 1 or an invalid value. Output pixel (x, y) is read from source
    /// pixel (sx, sy), with W x H the source size:
    /// 2: (W-1-x, y); 3: (W-1-x, H-1-y); 4: (x, H-1-y); 5: (y, x); 6: (y, H-1-x); 7: (W-1-y, H-1-x); 8: (W-1-y, x).
    /// </summary>
    public static PixelBuffer Apply(PixelBuffer source, int orientation)
    {
        if (orientation is < 2 or > 8)
            return source;
        int w = source.Width, h = source.Height, bpp = source.Format.BytesPerPixel();
        bool swap = SwapsAxes(orientation);
        int ow = swap ? h : w, oh = swap ? w : h;
        var output = new PixelBuffer(ow, oh, source.Format);
        try
        {
            ReadOnlySpan<byte> src = source.Span;
            int stride = source.Stride;
            for (int y = 0; y < oh; y++)
            {
                // Along an output row the source position moves linearly: start at (sx0, sy0), step `step` bytes.
                (int sx0, int sy0, int step) = orientation switch
                {
                    2 => (w - 1, y, -bpp),
                    3 => (w - 1, h - 1 - y, -bpp),
                    4 => (0, h - 1 - y, bpp),
                    5 => (y, 0, stride),
                    6 => (y, h - 1, -stride),
                    7 => (w - 1 - y, h - 1, -stride),
                    _ => (w - 1 - y, 0, stride),
                };
                Span<byte> row = output.GetRow(y);
                int at = sy0 * stride + sx0 * bpp;
                switch (bpp)
                {
                    case 1:
                        for (int x = 0; x < ow; x++, at += step)
                            row[x] = src[at];
                        break;
                    case 3:
                        for (int x = 0, o = 0; x < ow; x++, at += step, o += 3)
                        {
                            row[o] = src[at];
                            row[o + 1] = src[at + 1];
                            row[o + 2] = src[at + 2];
                        }
                        break;
                    default:
                        for (int x = 0; x < ow; x++, at += step)
                            src.Slice(at, bpp).CopyTo(row.Slice(x * bpp, bpp));
                        break;
                }
            }
        }
        catch
        {
            output.Dispose();
            throw;
        }
        source.Dispose();
        return output;
    }
}
