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
    /// <summary>Row grid: line y, sample j = grey of pixel (positions[j], y). Needs rows.LineCount == height.</summary>
    public static void SampleRows(ImageView image, LineGrid rows)
    {
        int bpp = image.BytesPerPixel;
        ReadOnlySpan<int> positions = rows.Positions;
        int n = rows.SampleCount;
        Span<byte> samples = rows.Samples;
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> row = image.GetRow(y);
            Span<byte> line = samples.Slice(y * n, n);
            if (bpp == 1)
            {
                for (int j = 0; j < n; j++)
                    line[j] = row[positions[j]];
            }
            else
            {
                for (int j = 0; j < n; j++)
                    line[j] = Grey(row, positions[j] * bpp);
            }
        }
    }

    /// <summary>
    /// Column grid: line x, sample i = grey of pixel (x, positions[i]). Needs columns.LineCount == width. Reads whole
    /// sampled rows (sequential) and writes the transposed samples.
    /// </summary>
    public static void SampleColumns(ImageView image, LineGrid columns)
    {
        int bpp = image.BytesPerPixel;
        ReadOnlySpan<int> positions = columns.Positions;
        int n = columns.SampleCount;
        Span<byte> samples = columns.Samples;
        int width = image.Width;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<byte> row = image.GetRow(positions[i]);
            if (bpp == 1)
            {
                for (int x = 0; x < width; x++)
                    samples[x * n + i] = row[x];
            }
            else
            {
                for (int x = 0, o = 0; x < width; x++, o += bpp)
                    samples[x * n + i] = Grey(row, o);
            }
        }
    }

    /// <summary>floor((row[offset] + row[offset + 1] + row[offset + 2]) / 3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Grey(ReadOnlySpan<byte> row, int offset)
    {
        ref byte p = ref Unsafe.Add(ref MemoryMarshal.GetReference(row), offset);
        _ = row[offset + 2]; // the one bounds check: the three channels lie inside the row
        uint sum = (uint)p + Unsafe.Add(ref p, 1) + Unsafe.Add(ref p, 2);
        return (byte)(sum / 3);
    }
}
