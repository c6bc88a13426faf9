using System.Buffers;
using Fingerprint.Internal;

namespace Fingerprint.Imaging;

/// <summary>
/// Owned, pooled pixels (from <see cref="ArrayPool{T}.Shared"/>): decoders return one, the caller disposes it.
/// Tightly packed unless created with an explicit stride.
/// </summary>
public sealed class PixelBuffer : IDisposable
{
    private byte[]? _array;

    public PixelBuffer(int width, int height, PixelFormat format, int stride = 0)
    {
        if (width < 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(width), "Width must not be negative.");
        if (height < 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(height), "Height must not be negative.");
        int rowBytes = checked(width * format.BytesPerPixel());
        if (stride == 0) stride = rowBytes;
        if (stride < rowBytes) ThrowHelper.ThrowArgumentOutOfRange(nameof(stride), "Stride is smaller than a row.");
        long length = (long)stride * height;
        if (length > System.Array.MaxLength)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(height), $"A {width}x{height} {format} buffer does not fit in one array.");
        Width = width;
        Height = height;
        Format = format;
        Stride = stride;
        Length = (int)length;
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(Length, 1));
    }

    public int Width { get; }
    public int Height { get; }
    public int Stride { get; }
    public PixelFormat Format { get; }
    /// <summary>Bytes in use: stride x height.</summary>
    public int Length { get; }

    public Span<byte> Span => Array.AsSpan(0, Length);

    /// <summary>The rented array (its length may exceed <see cref="Length"/>). For interop that needs an array.</summary>
    public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PixelBuffer));

    public Span<byte> GetRow(int y) => Array.AsSpan(y * Stride, Width * Format.BytesPerPixel());

    public ImageView AsView() => new(Array.AsSpan(0, Length), Width, Height, Stride, Format);

    public void Dispose()
    {
        byte[]? array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
            ArrayPool<byte>.Shared.Return(array);
    }
}
