using System.Buffers.Binary;

namespace Fingerprint.Media;

/// <summary>
/// Recognises a format from its first bytes (magic numbers), never from a file name. Sources of the signatures: the
/// JPEG (ITU T.81 SOI), PNG (RFC 2083 §3.1), GIF89a, RIFF/WebP container, BMP (BITMAPFILEHEADER + a known DIB header
/// size), Netpbm, TIFF 6.0 (and BigTIFF), ISO/IEC 14496-12 ftyp brands (HEIF: ISO/IEC 23008-12; AVIF: AV1 Image File
/// Format), Matroska/EBML, AVI, FLV and MPEG-TS specifications.
/// </summary>
public static class FormatSniffer
{
    /// <summary>Bytes enough for every signature here (the ftyp compatible-brand list may need them all).</summary>
    public const int HeaderBytes = 64;

    public static MediaFormat Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length < 2)
            return MediaFormat.Unknown;
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
            return MediaFormat.Jpeg;
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return MediaFormat.Png;
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
            return MediaFormat.Gif;
        if (header.Length >= 12 && header.StartsWith("RIFF"u8))
        {
            ReadOnlySpan<byte> form = header.Slice(8, 4);
            if (form.SequenceEqual("WEBP"u8))
                return MediaFormat.WebP;
            if (form.SequenceEqual("AVI "u8))
                return MediaFormat.Video;
        }
        if (header[0] == 'B' && header[1] == 'M' && IsBmpHeader(header))
            return MediaFormat.Bmp;
        if (header[0] == 'P' && header[1] >= '1' && header[1] <= '7'
            && (header.Length == 2 || IsPnmSeparator(header[2])))
            return MediaFormat.Pnm;
        if (header.Length >= 4
            && (header.StartsWith("II*\0"u8) || header.StartsWith("MM\0*"u8) || header.StartsWith("II+\0"u8) || header.StartsWith("MM\0+"u8)))
            return MediaFormat.Tiff;
        if (header.Length >= 12 && header.Slice(4, 4).SequenceEqual("ftyp"u8))
            return SniffIsoBmff(header);
        if (header.Length >= 8 && IsQuickTimeAtom(header.Slice(4, 4)))
            return MediaFormat.Video;
        if (header.Length >= 4 && header[0] == 0x1A && header[1] == 0x45 && header[2] == 0xDF && header[3] == 0xA3)
            return MediaFormat.Video;   // EBML: Matroska, WebM
        if (header.Length >= 4 && header.StartsWith("FLV\x01"u8))
            return MediaFormat.Video;
        if (header.Length >= 4 && header[0] == 0 && header[1] == 0 && header[2] == 1 && header[3] == 0xBA)
            return MediaFormat.Video;   // MPEG program stream pack header
        if (IsMpegTs(header))
            return MediaFormat.Video;
        return MediaFormat.Unknown;
    }

    /// <summary>"BM", then (when present) a DIB header size that some BMP version defines.</summary>
    private static bool IsBmpHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < 18)
            return true;   // too short to tell: a truncated BMP is still a BMP, and the decoder says so
        uint dibSize = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(14, 4));
        return dibSize is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static bool IsPnmSeparator(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'#' or 0x0B or 0x0C;

    private static MediaFormat SniffIsoBmff(ReadOnlySpan<byte> header)
    {
        uint boxSize = BinaryPrimitives.ReadUInt32BigEndian(header);
        int end = boxSize >= 16 ? (int)Math.Min(boxSize, (uint)header.Length) : Math.Min(16, header.Length);
        ReadOnlySpan<byte> major = header.Slice(8, 4);
        // The major brand decides first; compatible brands (from offset 16) break ties for mif1/msf1 and generic ISO brands.
        MediaFormat fromMajor = ClassifyBrand(major);
        if (fromMajor is MediaFormat.Avif or MediaFormat.Heif && !major.SequenceEqual("mif1"u8) && !major.SequenceEqual("msf1"u8))
            return fromMajor;
        MediaFormat best = fromMajor;
        for (int i = 16; i + 4 <= end; i += 4)
        {
            MediaFormat f = ClassifyBrand(header.Slice(i, 4));
            if (f == MediaFormat.Avif)
                return MediaFormat.Avif;
            if (f == MediaFormat.Heif && best != MediaFormat.Heif)
                best = MediaFormat.Heif;
        }
        return best == MediaFormat.Unknown ? MediaFormat.Video : best;   // other ftyp brands: MP4, MOV, 3GP, ...
    }

    private static MediaFormat ClassifyBrand(ReadOnlySpan<byte> brand)
    {
        if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            return MediaFormat.Avif;
        if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8)
            || brand.SequenceEqual("hevx"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8)
            || brand.SequenceEqual("hevm"u8) || brand.SequenceEqual("hevs"u8) || brand.SequenceEqual("mif1"u8)
            || brand.SequenceEqual("msf1"u8))
            return MediaFormat.Heif;
        return MediaFormat.Unknown;
    }

    private static bool IsQuickTimeAtom(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("moov"u8) || type.SequenceEqual("mdat"u8) || type.SequenceEqual("wide"u8)
        || type.SequenceEqual("free"u8) || type.SequenceEqual("skip"u8) || type.SequenceEqual("pnot"u8);

    /// <summary>Sync byte 0x47, no transport error, not scrambled; and the next packet's sync byte when it is in view.</summary>
    private static bool IsMpegTs(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4 || header[0] != 0x47 || (header[1] & 0x80) != 0 || (header[3] & 0xC0) != 0)
            return false;
        return header.Length > 188 ? header[188] == 0x47 : (header[1] & 0x1F) == 0 && header[2] == 0;   // short header: accept only PID 0 (the PAT opens a stream)
    }
}
