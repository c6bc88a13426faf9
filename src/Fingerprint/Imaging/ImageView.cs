using Fingerprint.Internal;

namespace Fingerprint.Imaging;

/// <summary>
/// Borrowed pixels, never owned: a span, width and height in pixels, stride in bytes (at least width x bytes per pixel)
/// and a <see cref="PixelFormat"/>. Rows are top to bottom. The last row needs only width x bytes per pixel bytes.
/// </summary>
public readonly ref struct ImageView
{
    public ImageView(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format)
    {
        if (width < 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "Width must not be negative.");
        if (height < 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(height), "Height must not be negative.");
        int rowBytes = checked(width * format.BytesPerPixel());
        if (stride < rowBytes)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(stride), $"Stride {stride} is smaller than a row ({rowBytes} bytes).");
        long needed = height == 0 ? 0 : (long)stride * (height - 1) + rowBytes;
        if (pixels.Length < needed)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(pixels));
        Pixels = pixels;
        Width = width;
        Height = height;
        Stride = stride;
        Format = format;
    }

    /// <summary>A tightly packed view (stride = width x bytes per pixel).</summary>
    public ImageView(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format)
        : this(pixels, width, height, checked(width * format.BytesPerPixel()), format)
    {
    }

    public ReadOnlySpan<byte> Pixels { get; }
    public int Width { get; }
    public int Height { get; }
    /// <summary>Bytes from the start of one row to the start of the next.</summary>
    public int Stride { get; }
    public PixelFormat Format { get; }
    public int BytesPerPixel => Format.BytesPerPixel();

    /// <summary>The bytes of row <paramref name="y"/> (exactly width x bytes per pixel).</summary>
    public ReadOnlySpan<byte> GetRow(int y) => Pixels.Slice(y * Stride, Width * BytesPerPixel);

    /// <summary>A sub-rectangle sharing the same memory.</summary>
    public ImageView Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width < 0 || height < 0 || x + width > Width || y + height > Height)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(x), $"Crop {x},{y} {width}x{height} is outside the {Width}x{Height} image.");
        if (width == 0 || height == 0)
            return new ImageView(ReadOnlySpan<byte>.Empty, width, height, Math.Max(Stride, width * BytesPerPixel), Format);
        int start = y * Stride + x * BytesPerPixel;
        int length = (height - 1) * Stride + width * BytesPerPixel;
        return new ImageView(Pixels.Slice(start, length), width, height, Stride, Format);
    }
}
