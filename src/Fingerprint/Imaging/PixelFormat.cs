namespace Fingerprint.Imaging;

/// <summary>Pixel layouts the core accepts. Byte order is memory order (Rgb24 = R, G, B).</summary>
public enum PixelFormat
{
    Gray8 = 0,
    Rgb24 = 1,
    Rgba32 = 2,
    Bgra32 = 3,
}

public static class PixelFormatExtensions
{
    /// <summary>Bytes per pixel.</summary>
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => 1,
        PixelFormat.Rgb24 => 3,
        PixelFormat.Rgba32 or PixelFormat.Bgra32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };
}
