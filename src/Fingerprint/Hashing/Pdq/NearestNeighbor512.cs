using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fingerprint.Imaging;
using Fingerprint.Internal;

namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// The <c>cli512</c> pre-resize of the reference tool pdq-photo-hasher (facebook/ThreatExchange pdq/cpp/io/pdqio.cpp:22,
/// :102-103, <c>DOWNSAMPLE_DIMS = 512</c>; conformance/SPEC.md §1.7): when width or height exceeds 512 the image is
/// resized to exactly 512x512, aspect ratio not kept, with CImg 2.2.0's default <c>resize()</c> interpolation, nearest
/// neighbour: <c>out(x, y) = in(floor(x * W / 512), floor(y * H / 512))</c> (CImg.h <c>resize</c>, case 1, computes the
/// offsets as <c>(ulong)((x + 1.0) * W / 512)</c> in double, which is that floor exactly: the products are exact and
/// dividing by 512 is exact in binary).
/// <para>
/// The resize runs in the pixel domain, one output row at a time, straight into luma: nearest neighbour picks whole
/// pixels, so picking then converting equals converting then picking, and only 512 pixels per row are converted.
/// An output row that repeats the previous source row (upsampling) copies the previous luma row.
/// </para>
/// </summary>
internal ref struct NearestNeighbor512 : ILumaRowSource
{
    public const int Size = 512;

    private readonly ImageView _image;
    private readonly Span<int> _sourceColumns;
    private readonly Span<byte> _row;

    /// <param name="image">The image to resize; at least 1x1.</param>
    /// <param name="sourceColumns">Scratch of at least 512 ints.</param>
    /// <param name="row">Scratch of at least 512 x bytes-per-pixel bytes.</param>
    public NearestNeighbor512(ImageView image, Span<int> sourceColumns, Span<byte> row)
    {
        if (image.Width < 1 || image.Height < 1)
            ThrowHelper.ThrowArgument(nameof(image), "The image is empty.");
        if (sourceColumns.Length < Size || row.Length < Size * image.BytesPerPixel)
            ThrowHelper.ThrowArgumentException_BufferTooSmall();
        _image = image;
        _sourceColumns = sourceColumns.Slice(0, Size);
        _row = row.Slice(0, Size * image.BytesPerPixel);
        for (int x = 0; x < Size; x++)
            _sourceColumns[x] = SourceIndex(x, image.Width);
    }

    /// <summary>True when the reference resizes an image of this size (either side above 512).</summary>
    public static bool Applies(int width, int height) => width > Size || height > Size;

    /// <summary>floor(<paramref name="outIndex"/> * <paramref name="inLength"/> / 512).</summary>
    public static int SourceIndex(int outIndex, int inLength) => (int)((long)outIndex * inLength / Size);

    public readonly void FillRows(int firstRow, int count, Span<float> destination, int stride)
    {
        for (int k = 0; k < count; k++)
        {
            int y = firstRow + k;
            int sy = SourceIndex(y, _image.Height);
            Span<float> luma = destination.Slice(k * stride, Size);
            if (k > 0 && SourceIndex(y - 1, _image.Height) == sy)
            {
                destination.Slice((k - 1) * stride, Size).CopyTo(luma);
                continue;
            }
            GatherCore(_image.GetRow(sy), _image.BytesPerPixel, _sourceColumns, _row);   // columns checked once, above
            Luma.FillRow(_image.Format, _row, luma);
        }
    }

    /// <summary>Picks the pixels at <paramref name="columns"/> of one source row.</summary>
    internal static void Gather(ReadOnlySpan<byte> sourceRow, int bytesPerPixel, ReadOnlySpan<int> columns, Span<byte> destination)
    {
        if (bytesPerPixel is not (1 or 3 or 4))
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bytesPerPixel), "1, 3 or 4 bytes per pixel.");
        if (destination.Length < columns.Length * bytesPerPixel)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(destination));
        int width = sourceRow.Length / bytesPerPixel;
        foreach (int c in columns)
        {
            if ((uint)c >= (uint)width)
                ThrowHelper.ThrowArgumentOutOfRange(nameof(columns), "A source column is outside the row.");
        }
        GatherCore(sourceRow, bytesPerPixel, columns, destination);
    }

    /// <summary><see cref="Gather"/> without the checks: every column is inside the row, the destination long enough.</summary>
    private static void GatherCore(ReadOnlySpan<byte> sourceRow, int bytesPerPixel, ReadOnlySpan<int> columns, Span<byte> destination)
    {
        ref byte s0 = ref MemoryMarshal.GetReference(sourceRow);
        ref byte d0 = ref MemoryMarshal.GetReference(destination);
        int n = columns.Length;
        switch (bytesPerPixel)
        {
            case 1:
                for (int x = 0; x < n; x++)
                    Unsafe.Add(ref d0, x) = Unsafe.Add(ref s0, columns[x]);
                break;
            case 3:
                for (int x = 0; x < n; x++)
                {
                    ref byte s = ref Unsafe.Add(ref s0, 3 * columns[x]);
                    ref byte d = ref Unsafe.Add(ref d0, 3 * x);
                    Unsafe.WriteUnaligned(ref d, Unsafe.ReadUnaligned<ushort>(ref s));
                    Unsafe.Add(ref d, 2) = Unsafe.Add(ref s, 2);
                }
                break;
            case 4:
                for (int x = 0; x < n; x++)
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, 4 * x), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s0, 4 * columns[x])));
                break;
        }
    }
}
