using System.Buffers.Binary;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// Finds the TIFF-structured EXIF block inside a container, without trusting any length: JPEG APP1 "Exif\0\0" segments
/// (JPEG/JFIF marker syntax, ITU T.81 B.1.1), the PNG eXIf chunk (PNG 3rd edition §11.3.3.6), and the WebP "EXIF" RIFF
/// chunk (WebP container specification; some writers keep the "Exif\0\0" prefix, which is skipped).
/// </summary>
internal static class ExifLocator
{
    /// <summary>EXIF orientation of a JPEG (1 when absent).</summary>
    public static int JpegOrientation(ReadOnlySpan<byte> jpeg) => ExifOrientation.Read(FindJpeg(jpeg));

    /// <summary>EXIF orientation of a PNG (1 when absent).</summary>
    public static int PngOrientation(ReadOnlySpan<byte> png) => ExifOrientation.Read(FindPng(png));

    /// <summary>EXIF orientation of a WebP (1 when absent).</summary>
    public static int WebPOrientation(ReadOnlySpan<byte> webp) => ExifOrientation.Read(FindWebP(webp));

    public static ReadOnlySpan<byte> FindJpeg(ReadOnlySpan<byte> jpeg)
    {
        int i = 2;   // after SOI
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
                return default;
            byte marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++;   // fill byte
                continue;
            }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;   // markers without a length
                continue;
            }
            if (marker is 0xDA or 0xD9)
                return default;   // start of scan / end of image: metadata segments come before
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(i + 2, 2));
            if (length < 2 || i + 2 + length > jpeg.Length)
                return default;
            if (marker == 0xE1)
            {
                ReadOnlySpan<byte> payload = jpeg.Slice(i + 4, length - 2);
                if (payload.StartsWith("Exif\0\0"u8))
                    return payload[6..];
            }
            i += 2 + length;
        }
        return default;
    }

    public static ReadOnlySpan<byte> FindPng(ReadOnlySpan<byte> png)
    {
        int i = 8;   // after the signature
        while (i + 12 <= png.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(i, 4));
            if (length > (uint)(png.Length - i - 12))
                return default;
            ReadOnlySpan<byte> type = png.Slice(i + 4, 4);
            if (type.SequenceEqual("eXIf"u8))
                return png.Slice(i + 8, (int)length);
            if (type.SequenceEqual("IEND"u8))
                return default;
            i += 12 + (int)length;
        }
        return default;
    }

    public static ReadOnlySpan<byte> FindWebP(ReadOnlySpan<byte> webp)
    {
        if (webp.Length < 12)
            return default;
        int end = (int)Math.Min(webp.Length, 8L + BinaryPrimitives.ReadUInt32LittleEndian(webp.Slice(4, 4)));
        int i = 12;
        while (i + 8 <= end)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(webp.Slice(i + 4, 4));
            if (size > (uint)(end - i - 8))
                return default;
            if (webp.Slice(i, 4).SequenceEqual("EXIF"u8))
            {
                ReadOnlySpan<byte> payload = webp.Slice(i + 8, (int)size);
                return payload.StartsWith("Exif\0\0"u8) ? payload[6..] : payload;
            }
            i += 8 + (int)size + (int)(size & 1);   // chunks are padded to even sizes
        }
        return default;
    }
}
