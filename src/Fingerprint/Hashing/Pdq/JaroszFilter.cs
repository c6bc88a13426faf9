using Fingerprint.Internal;
using Fingerprint.Simd;

namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// PDQ stage 2: the "Jarosz" tent filter, two X,Y pairs of 1-D box passes (facebook/ThreatExchange
/// pdq/cpp/downscaling/downscaling.cpp, <c>computeJaroszFilterWindowSize</c>, <c>jaroszFilterFloat</c>; Jarosz 2001,
/// "Fast image convolutions"; conformance/SPEC.md §1.2), fused with the decimation to 64x64 (<see cref="Decimate"/>).
/// <para>
/// <see cref="FilterScalar"/> is the reference, pass for pass over whole planes. <see cref="Downsample{TSource}"/> is
/// what the hasher runs. It produces the same 64x64 floats bit for bit while streaming the image in bands of
/// <see cref="BandRows"/> rows, so its memory is about (window + 3 bands) rows, not two full planes:
/// </para>
/// <list type="number">
/// <item>luma of a band, then row pass 1 (<see cref="BoxFilterKernels.BoxAlongRows"/>) into a ring of rows;</item>
/// <item>column pass 1, one output row at a time (<see cref="BoxFilterKernels.ColumnStep"/>) from the ring's rows;</item>
/// <item>row pass 2 on each completed band of those rows, divided and kept only at the 64 columns decimation reads
/// (<see cref="BoxFilterKernels.BoxAlongRowsSampled"/>), into a small ring of 64-float rows;</item>
/// <item>column pass 2 on those 64 columns, kept only at the 64 rows decimation reads.</item>
/// </list>
/// Every retained value is computed by the same operations in the same order as the reference (each row's or column's
/// running sum still visits every sample); only values decimation never reads are skipped (SPEC.md §1.2, last pass).
/// Not thread-safe: it owns its scratch, which grows to the largest image seen and is then reused.
/// </summary>
internal sealed class JaroszFilter
{
    /// <summary><c>PDQ_NUM_JAROSZ_XY_PASSES</c> (pdqhashing.cpp:68).</summary>
    public const int Passes = 2;

    /// <summary>Rows per band; a multiple of every row-pass lane count (4, 8, 16).</summary>
    public const int BandRows = 16;

    private const int Out = Decimate.Size;

    private float[] _band = [];        // BandRows x cols: luma of the band being filtered
    private float[] _ring = [];        // ringRows x cols: rows after row pass 1
    private float[] _columnBand = [];  // BandRows x cols: rows after column pass 1, awaiting row pass 2
    private float[] _sums = [];        // cols: running sums of column pass 1
    private float[] _scratch = [];     // row-pass scratch (BoxFilterKernels.RowScratchLength: a few chunks, not rows)
    private float[] _sampled = [];     // ringRows x 64: rows after row pass 2, at the sampled columns
    private readonly float[] _sampledSums = new float[Out];
    private readonly float[] _rowOut = new float[Out];

    /// <summary><c>computeJaroszFilterWindowSize</c>: ceil(oldDimension / (2 * newDimension)).</summary>
    public static int WindowSize(int oldDimension, int newDimension = Out) =>
        (oldDimension + 2 * newDimension - 1) / (2 * newDimension);

    /// <summary>
    /// <c>jaroszFilterFloat</c>, pass for pass with the scalar reference kernels: the result overwrites
    /// <paramref name="buffer1"/> (rows x cols, row-major); <paramref name="buffer2"/> is scratch of the same size.
    /// </summary>
    public static void FilterScalar(Span<float> buffer1, Span<float> buffer2, int rows, int cols,
        int windowAlongRows, int windowAlongCols, int passes = Passes)
    {
        for (int i = 0; i < passes; i++)
        {
            BoxFilterKernels.BoxAlongRowsScalar(buffer1, cols, buffer2, cols, rows, cols, windowAlongRows);
            BoxFilterKernels.BoxAlongColumnsScalar(buffer2, cols, buffer1, cols, rows, cols, windowAlongCols);
        }
    }

    /// <summary>
    /// The 64x64 result of filtering the <paramref name="rows"/> x <paramref name="cols"/> luma from
    /// <paramref name="source"/> (windows <see cref="WindowSize"/> of each side, <see cref="Passes"/> passes) and decimating:
    /// equal to <see cref="FilterScalar"/> then <see cref="Decimate.Apply"/>. Sides must be at least 1.
    /// </summary>
    public void Downsample<TSource>(scoped ref TSource source, int rows, int cols, Span<float> output)
        where TSource : ILumaRowSource, allows ref struct
    {
        if (rows < 1 || cols < 1)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(rows), "The image must be at least 1x1.");
        if (output.Length < Out * Out)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(output));

        int windowAlongRows = WindowSize(cols);
        int windowAlongCols = WindowSize(rows);
        Span<int> sampleRows = stackalloc int[Out];
        Span<int> sampleCols = stackalloc int[Out];
        Decimate.ComputeIndices(rows, sampleRows);
        Decimate.ComputeIndices(cols, sampleCols);

        // A ring of K rows never overwrites a row still needed when K >= window + BandRows: a band is produced only when
        // the next output's add row (o + h - 1) is missing, so it ends before o + h - 1 + BandRows, while the oldest
        // row still needed is o - (w - h + 1). Bands start at multiples of BandRows and K is one, so a band is contiguous.
        int ringRows = Math.Min(RoundUp(windowAlongCols + BandRows), RoundUp(rows));
        EnsureCapacity(ringRows, cols, windowAlongRows);

        Span<float> band = _band.AsSpan(0, BandRows * cols);
        Span<float> ring = _ring.AsSpan(0, ringRows * cols);
        Span<float> columnBand = _columnBand.AsSpan(0, BandRows * cols);
        Span<float> sums = _sums.AsSpan(0, cols);
        Span<float> sampled = _sampled.AsSpan(0, ringRows * Out);
        Span<float> sampledSums = _sampledSums;
        Span<float> rowOut = _rowOut;
        Span<float> scratch = _scratch;
        sums.Clear();
        sampledSums.Clear();

        var plan = new BoxPlan(rows, windowAlongCols);
        int produced = 0;        // rows through row pass 1 (in the ring)
        int sampledRows = 0;     // rows through row pass 2 (in the sampled ring)
        int final = 0;           // next output row of column pass 2
        int nextSample = 0;      // next of the 64 output rows

        // Column pass 2's lead accumulations wait for the sampled rows; column pass 1's run now.
        for (int i = 0; i < plan.Lead; i++)
        {
            ProduceRows(ref source, i + 1, ref produced, rows, cols, windowAlongRows, band, ring, ringRows, scratch);
            BoxFilterKernels.ColumnStep(sums, RingRow(ring, i, ringRows, cols), default, columnBand.Slice(0, cols), 1);
        }
        bool leadDone = false;
        for (int o = 0; o < rows; o++)
        {
            int add = plan.AddIndex(o), sub = plan.SubtractIndex(o);
            if (add >= 0)
                ProduceRows(ref source, add + 1, ref produced, rows, cols, windowAlongRows, band, ring, ringRows, scratch);
            int slot = o % BandRows;
            BoxFilterKernels.ColumnStep(sums,
                add >= 0 ? RingRow(ring, add, ringRows, cols) : default,
                sub >= 0 ? RingRow(ring, sub, ringRows, cols) : default,
                columnBand.Slice(slot * cols, cols),
                plan.Count(o));
            if (slot != BandRows - 1 && o != rows - 1)
                continue;

            // Row pass 2 on the completed band, kept at the sampled columns.
            int first = o - slot;
            BoxFilterKernels.BoxAlongRowsSampled(columnBand, cols, slot + 1, cols, windowAlongRows, sampleCols,
                sampled.Slice((first % ringRows) * Out, (slot + 1) * Out), Out, scratch);
            sampledRows = o + 1;

            // Column pass 2 (64 columns) as far as the sampled rows allow, keeping the sampled output rows.
            if (!leadDone)
            {
                if (sampledRows < plan.Lead)
                    continue;
                for (int i = 0; i < plan.Lead; i++)
                    BoxFilterKernels.ColumnStep(sampledSums, RingRow(sampled, i, ringRows, Out), default, rowOut, 1);
                leadDone = true;
            }
            for (; final < rows; final++)
            {
                int a = plan.AddIndex(final), s = plan.SubtractIndex(final);
                if (a >= sampledRows)
                    break;
                BoxFilterKernels.ColumnStep(sampledSums,
                    a >= 0 ? RingRow(sampled, a, ringRows, Out) : default,
                    s >= 0 ? RingRow(sampled, s, ringRows, Out) : default,
                    rowOut,
                    plan.Count(final));
                for (; nextSample < Out && sampleRows[nextSample] == final; nextSample++)
                    rowOut.CopyTo(output.Slice(nextSample * Out, Out));
            }
        }
        System.Diagnostics.Debug.Assert(final == rows && nextSample == Out);
    }

    private static void ProduceRows<TSource>(scoped ref TSource source, int needed, ref int produced, int rows, int cols,
        int window, Span<float> band, Span<float> ring, int ringRows, Span<float> scratch)
        where TSource : ILumaRowSource, allows ref struct
    {
        while (produced < needed)
        {
            int count = Math.Min(BandRows, rows - produced);
            source.FillRows(produced, count, band, cols);
            BoxFilterKernels.BoxAlongRows(band, cols, ring.Slice((produced % ringRows) * cols, count * cols), cols,
                count, cols, window, scratch);
            produced += count;
        }
    }

    private static Span<float> RingRow(Span<float> ring, int row, int ringRows, int width) =>
        ring.Slice((row % ringRows) * width, width);

    private static int RoundUp(int n) => (n + BandRows - 1) / BandRows * BandRows;

    private void EnsureCapacity(int ringRows, int cols, int windowAlongRows)
    {
        Grow(ref _band, (long)BandRows * cols);
        Grow(ref _ring, (long)ringRows * cols);
        Grow(ref _columnBand, (long)BandRows * cols);
        Grow(ref _sums, cols);
        Grow(ref _scratch, BoxFilterKernels.RowScratchLength(cols, windowAlongRows, Out));
        Grow(ref _sampled, (long)ringRows * Out);
    }

    private static void Grow(ref float[] buffer, long length)
    {
        if (buffer.Length >= length)
            return;
        if (length > Array.MaxLength)
            ThrowHelper.ThrowArgument("image", "The image is too large for PDQ's scratch buffers.");
        buffer = GC.AllocateUninitializedArray<float>((int)length);
    }
}
