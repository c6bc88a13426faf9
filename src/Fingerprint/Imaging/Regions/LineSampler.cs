using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fingerprint.Imaging.Regions;

/// <summary>
/// Fills <see cref="LineGrid"/>s from an <see cref="ImageView"/>. A sample is three bytes (see <see cref="SampleColour"/>):
/// Y = floor((R + G + B) / 3), then 128 + (R - B) / 4 and 128 + (2G - R - B) / 8 (C# integer division, truncating);
/// a Gray8 pixel v is (v, 128, 128), exactly what Rgb24 (v, v, v) gives; alpha is ignored and Bgra32 is read as
/// R, G, B. So every format of the same picture gives the same samples, and the same regions.
/// </summary>
/// <remarks>
/// Point sampling, not box averaging: every row is sampled for the row grid and every column for the column grid, so
/// the line axis keeps full resolution (borders and gutters land on exact pixels) while only about
/// <see cref="RegionOptions.SamplesPerLine"/> pixels are read per line. Cost: height x rowSamples + width x
/// columnSamples pixel reads, about 2 x 128 x (width + height): 0.25 M reads at 1 MP, which is why
/// <see cref="RegionFinder"/> samples lazily (<see cref="LineGrid.Attach"/>) and only the lines it reads. Plain scalar
/// loops: the reads are strided gathers, which SIMD does not speed up here (specialising the loops per pixel format
/// and dropping span bounds checks gained 6%, within noise; not kept).
/// </remarks>
internal static class LineSampler
{
    /// <summary>Sampled rows handled together by <see cref="SampleColumns"/>: each column's 8 samples are 8 adjacent bytes.</summary>
    private const int ColumnBlock = 8;

    /// <summary>Row grid: line y, sample j = pixel (positions[j], y). Needs rows.LineCount == height.</summary>
    public static void SampleRows(ImageView image, LineGrid rows)
    {
        if (rows.LineCount != image.Height || (rows.SampleCount > 0 && rows.Positions[^1] >= image.Width))
            throw new ArgumentException("The row grid does not fit the image.", nameof(rows));
        int bpp = image.BytesPerPixel;
        bool bgr = image.Format == PixelFormat.Bgra32;
        int n = rows.SampleCount;
        int stride = image.Stride;
        ReadOnlySpan<int> positions = rows.Positions;
        Span<byte> samples = rows.Samples;
        // Every read below is (y, positions[j]) with y < height and positions[j] < width, so inside the view, whose
        // constructor checked that the buffer holds (height - 1) x stride + width x bpp bytes.
        ref byte pixels = ref MemoryMarshal.GetReference(image.Pixels);
        for (int y = 0; y < image.Height; y++)
        {
            ref byte row = ref Unsafe.Add(ref pixels, (nint)y * stride);
            Span<byte> line = samples.Slice(y * n * 3, n * 3);
            for (int j = 0; j < n; j++)
                Store(line.Slice(3 * j, 3), ref Unsafe.Add(ref row, positions[j] * bpp), bpp, bgr);
        }
        rows.MarkAllReady();
    }

    /// <summary>
    /// Column grid: line x, sample i = pixel (x, positions[i]). Needs columns.LineCount == width. Reads the
    /// sampled rows sequentially, <see cref="ColumnBlock"/> at a time, so the transposed writes fill runs of adjacent
    /// bytes instead of touching one cache line per sample.
    /// </summary>
    public static void SampleColumns(ImageView image, LineGrid columns)
    {
        if (columns.LineCount != image.Width || (columns.SampleCount > 0 && columns.Positions[^1] >= image.Height))
            throw new ArgumentException("The column grid does not fit the image.", nameof(columns));
        int bpp = image.BytesPerPixel;
        bool bgr = image.Format == PixelFormat.Bgra32;
        int n = columns.SampleCount;
        int width = image.Width;
        int stride = image.Stride;
        ReadOnlySpan<int> positions = columns.Positions;
        Span<byte> samples = columns.Samples;
        ref byte pixels = ref MemoryMarshal.GetReference(image.Pixels);
        Span<nint> rowOffsets = stackalloc nint[ColumnBlock];
        int i = 0;
        for (; i + ColumnBlock <= n; i += ColumnBlock)
        {
            for (int k = 0; k < ColumnBlock; k++)
                rowOffsets[k] = (nint)positions[i + k] * stride;
            for (int x = 0; x < width; x++)
            {
                Span<byte> dst = samples.Slice((x * n + i) * 3, ColumnBlock * 3);
                nint o = (nint)x * bpp;
                for (int k = 0; k < ColumnBlock; k++)
                    Store(dst.Slice(3 * k, 3), ref Unsafe.Add(ref pixels, rowOffsets[k] + o), bpp, bgr);
            }
        }
        for (; i < n; i++)
        {
            ref byte row = ref Unsafe.Add(ref pixels, (nint)positions[i] * stride);
            for (int x = 0; x < width; x++)
                Store(samples.Slice((x * n + i) * 3, 3), ref Unsafe.Add(ref row, (nint)x * bpp), bpp, bgr);
        }
        columns.MarkAllReady();
    }

    /// <summary>The pixel at <paramref name="p"/> as one sample (Y, R - B, 2G - R - B; see the class summary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(Span<byte> dst, ref byte p, int bpp, bool bgr)
    {
        if (bpp == 1)
        {
            dst[0] = p;
            dst[1] = 128;
            dst[2] = 128;
            return;
        }
        int first = p, g = Unsafe.Add(ref p, 1), third = Unsafe.Add(ref p, 2);
        int r = bgr ? third : first, b = bgr ? first : third;
        dst[0] = (byte)((r + g + b) / 3);
        dst[1] = (byte)(128 + (r - b) / 4);
        dst[2] = (byte)(128 + (2 * g - r - b) / 8);
    }
}
