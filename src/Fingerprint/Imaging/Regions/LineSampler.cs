using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fingerprint.Imaging.Regions;

/// <summary>
/// Fills <see cref="LineGrid"/>s from an <see cref="ImageView"/>. Grey is the integer mean of the colour channels,
/// floor((c0 + c1 + c2) / 3), alpha ignored; a Gray8 pixel is its own grey. So Gray8 v, Rgb24 (v, v, v) and
/// Rgba32/Bgra32 (v, v, v, any alpha) sample identically, and Rgba32 and Bgra32 of the same bytes agree. The mean
/// (rather than luma) is used because only equality of colours matters here, and it treats every channel alike.
/// </summary>
/// <remarks>
/// Point sampling, not box averaging: every row is sampled for the row grid and every column for the column grid, so
/// the line axis keeps full resolution (borders and gutters land on exact pixels) while only about
/// <see cref="RegionOptions.SamplesPerLine"/> pixels are read per line. Cost: height x rowSamples + width x
/// columnSamples pixel reads, about 2 x 256 x (width + height): 0.5 M reads at 1 MP. Plain scalar loops: the reads are
/// strided gathers, which SIMD does not speed up here.
/// </remarks>
internal static class LineSampler
{
    /// <summary>Sampled rows handled together by <see cref="SampleColumns"/>: each column's 8 samples are 8 adjacent bytes.</summary>
    private const int ColumnBlock = 8;

    /// <summary>Row grid: line y, sample j = grey of pixel (positions[j], y). Needs rows.LineCount == height.</summary>
    public static void SampleRows(ImageView image, LineGrid rows)
    {
        if (rows.LineCount != image.Height || (rows.SampleCount > 0 && rows.Positions[^1] >= image.Width))
            throw new ArgumentException("The row grid does not fit the image.", nameof(rows));
        int bpp = image.BytesPerPixel;
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
            Span<byte> line = samples.Slice(y * n, n);
            if (bpp == 1)
            {
                for (int j = 0; j < line.Length; j++)
                    line[j] = Unsafe.Add(ref row, positions[j]);
            }
            else
            {
                for (int j = 0; j < line.Length; j++)
                    line[j] = Grey(ref Unsafe.Add(ref row, positions[j] * bpp));
            }
        }
    }

    /// <summary>
    /// Column grid: line x, sample i = grey of pixel (x, positions[i]). Needs columns.LineCount == width. Reads the
    /// sampled rows sequentially, <see cref="ColumnBlock"/> at a time, so the transposed writes fill whole runs of
    /// adjacent bytes instead of touching one cache line per sample.
    /// </summary>
    public static void SampleColumns(ImageView image, LineGrid columns)
    {
        if (columns.LineCount != image.Width || (columns.SampleCount > 0 && columns.Positions[^1] >= image.Height))
            throw new ArgumentException("The column grid does not fit the image.", nameof(columns));
        int bpp = image.BytesPerPixel;
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
                Span<byte> dst = samples.Slice(x * n + i, ColumnBlock);
                nint o = (nint)x * bpp;
                for (int k = 0; k < dst.Length; k++)
                {
                    ref byte p = ref Unsafe.Add(ref pixels, rowOffsets[k] + o);
                    dst[k] = bpp == 1 ? p : Grey(ref p);
                }
            }
        }
        for (; i < n; i++)
        {
            ref byte row = ref Unsafe.Add(ref pixels, (nint)positions[i] * stride);
            for (int x = 0; x < width; x++)
            {
                ref byte p = ref Unsafe.Add(ref row, (nint)x * bpp);
                samples[x * n + i] = bpp == 1 ? p : Grey(ref p);
            }
        }
    }

    /// <summary>floor((p[0] + p[1] + p[2]) / 3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Grey(ref byte p) => (byte)(((uint)p + Unsafe.Add(ref p, 1) + Unsafe.Add(ref p, 2)) / 3);
}
