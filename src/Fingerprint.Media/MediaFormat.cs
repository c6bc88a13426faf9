namespace Fingerprint.Media;

/// <summary>A container or codec recognised by <see cref="FormatSniffer"/> from the first bytes of a file.</summary>
public enum MediaFormat
{
    /// <summary>Nothing recognised.</summary>
    Unknown = 0,
    Jpeg,
    Png,
    WebP,
    Gif,
    Bmp,
    /// <summary>Netpbm P1-P6 (and P7/PAM, recognised but not decoded).</summary>
    Pnm,
    /// <summary>HEIF/HEIC (ISO BMFF with a heic/heix/mif1/msf1 brand).</summary>
    Heif,
    /// <summary>AVIF (ISO BMFF with an avif/avis brand).</summary>
    Avif,
    /// <summary>TIFF: recognised so the error can name it; not decoded.</summary>
    Tiff,
    /// <summary>A video container (MP4/MOV, Matroska/WebM, AVI, FLV, MPEG-TS): detection only; frames come from ffmpeg.</summary>
    Video,
}
