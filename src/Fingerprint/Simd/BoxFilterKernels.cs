using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Fingerprint.Internal;

namespace Fingerprint.Simd;

/// <summary>
/// The 1-D box filters of PDQ's Jarosz tent filter (facebook/ThreatExchange pdq/cpp/downscaling/downscaling.cpp:
/// <c>box1DFloat</c>, <c>boxAlongRowsFloat</c>, <c>boxAlongColsFloat</c>; conformance/SPEC.md §1.2), bit for bit.
/// <para>
/// The reference keeps one float running sum per row (or column) and updates it in a fixed order (<see cref="BoxPlan"/>):
/// <c>sum += in[ri]; sum -= in[li]; out = sum / count</c>. The rounding of each step feeds the next, so the only
/// exact way to go faster is to run many independent sums at once, each with the reference's exact scalar sequence:
/// </para>
/// <list type="bullet">
/// <item><b>Row pass</b> (box along each row): lanes are <b>rows</b>. A band of V rows (V = 4, 8, 16 for Vector128/256/512)
/// is transposed into a column-interleaved scratch (<c>t[c * V + lane]</c>), the recurrence runs on whole vectors, and
/// the outputs are transposed back. Rows left over (fewer than V) go to the next narrower width, finally scalar.</item>
/// <item><b>Column pass</b> (box down each column): lanes are adjacent <b>columns</b>, so it runs one output row at a
/// time over row-major data (<see cref="ColumnStep"/>), keeping the running sums in a row buffer.</item>
/// <item><b>Sampled row pass</b>: the last row pass of PDQ is read only at the 64 decimation columns, so it runs the full
/// add/subtract recurrence but divides and stores only there. Same operations for those outputs, so still exact.</item>
/// </list>
/// Divisions stay divisions (<c>sum / count</c>, count converted int to float as C does), never a reciprocal multiply;
/// there is no FMA. Every path therefore equals <see cref="Box1DScalar"/>, the literal port of the reference.
/// </summary>
internal static partial class BoxFilterKernels
{
    /// <summary>Widest lane count any path uses (Vector512 of float).</summary>
    public const int MaxLanes = 16;

    /// <summary>
    /// Outputs per chunk of the vector row passes: a band's transposed columns and outputs live in about
    /// (2 x 256 + window) x lanes floats (at most 36 KiB), so they stay in L1/L2 whatever the image width.
    /// </summary>
    internal const int ChunkColumns = 256;

    /// <summary>Floats of scratch the row passes need for rows of <paramref name="cols"/> samples, window
    /// <paramref name="window"/> and up to <paramref name="sampleCount"/> sampled columns.</summary>
    public static int RowScratchLength(int cols, int window, int sampleCount = 0) =>
        RowScratchLength(cols, window, sampleCount, ChunkColumns);

    internal static int RowScratchLength(int cols, int window, int sampleCount, int chunk)
    {
        (int held, int outputs) = ChunkSizes(cols, window, chunk);
        return checked((held + Math.Max(outputs, sampleCount)) * MaxLanes);
    }

    /// <summary>Columns a band holds transposed (chunk + window, at most all) and outputs per chunk.</summary>
    private static (int Held, int Outputs) ChunkSizes(int cols, int window, int chunk)
    {
        if (chunk < 1)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(chunk), "A chunk has at least one column.");
        return (Math.Min(cols, chunk + Math.Max(window, 0)), Math.Min(cols, chunk));
    }

    /// <summary>Transposes band columns [loaded, upTo) of <paramref name="src"/> into <paramref name="t"/> (which starts at
    /// column <paramref name="held"/>); returns the new end of the loaded columns.</summary>
    private static int LoadColumns(ReadOnlySpan<float> src, int srcStride, Span<float> t, int lanes, int held, int loaded, int upTo)
    {
        if (upTo > loaded)
        {
            TransposeKernels.Transpose(src.Slice(loaded), srcStride, t.Slice((loaded - held) * lanes), lanes, lanes, upTo - loaded);
            return upTo;
        }
        return loaded;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Dispatchers
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Box filter of window <paramref name="window"/> along each of <paramref name="rows"/> rows of
    /// <paramref name="cols"/> samples: <c>boxAlongRowsFloat</c>. <paramref name="src"/> and <paramref name="dst"/> must not
    /// overlap. Strides are in floats; <paramref name="scratch"/> needs <see cref="RowScratchLength(int, int, int)"/> floats.
    /// </summary>
    public static void BoxAlongRows(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride,
        int rows, int cols, int window, Span<float> scratch)
    {
        if (Vector512.IsHardwareAccelerated)
            BoxAlongRowsVector512(src, srcStride, dst, dstStride, rows, cols, window, scratch);
        else if (Vector256.IsHardwareAccelerated)
            BoxAlongRowsVector256(src, srcStride, dst, dstStride, rows, cols, window, scratch);
        else if (Vector128.IsHardwareAccelerated)
            BoxAlongRowsVector128(src, srcStride, dst, dstStride, rows, cols, window, scratch);
        else
            BoxAlongRowsScalar(src, srcStride, dst, dstStride, rows, cols, window);
    }

    /// <summary>
    /// The row pass read only at <paramref name="sampleCols"/> (non-decreasing, each in [0, cols)):
    /// <c>dst[r * dstStride + j] = boxAlongRows(src)[r][sampleCols[j]]</c>, bit for bit.
    /// </summary>
    public static void BoxAlongRowsSampled(ReadOnlySpan<float> src, int srcStride, int rows, int cols, int window,
        ReadOnlySpan<int> sampleCols, Span<float> dst, int dstStride, Span<float> scratch)
    {
        if (Vector512.IsHardwareAccelerated)
            BoxAlongRowsSampledVector512(src, srcStride, rows, cols, window, sampleCols, dst, dstStride, scratch);
        else if (Vector256.IsHardwareAccelerated)
            BoxAlongRowsSampledVector256(src, srcStride, rows, cols, window, sampleCols, dst, dstStride, scratch);
        else if (Vector128.IsHardwareAccelerated)
            BoxAlongRowsSampledVector128(src, srcStride, rows, cols, window, sampleCols, dst, dstStride, scratch);
        else
            BoxAlongRowsSampledScalar(src, srcStride, rows, cols, window, sampleCols, dst, dstStride);
    }

    /// <summary>
    /// One output row of a column pass, for every column c at once:
    /// <c>sum[c] += add[c]</c> (when <paramref name="add"/> is not empty), then <c>sum[c] -= sub[c]</c> (when
    /// <paramref name="sub"/> is not empty), then <c>dst[c] = sum[c] / divisor</c>. At least one of add and sub must be
    /// given; each given span has <c>sum.Length</c> elements.
    /// </summary>
    public static void ColumnStep(Span<float> sum, ReadOnlySpan<float> add, ReadOnlySpan<float> sub, Span<float> dst, int divisor)
    {
        if (Vector512.IsHardwareAccelerated)
            ColumnStepVector512(sum, add, sub, dst, divisor);
        else if (Vector256.IsHardwareAccelerated)
            ColumnStepVector256(sum, add, sub, dst, divisor);
        else if (Vector128.IsHardwareAccelerated)
            ColumnStepVector128(sum, add, sub, dst, divisor);
        else
            ColumnStepScalar(sum, add, sub, dst, divisor);
    }

    /// <summary>
    /// Box filter of window <paramref name="window"/> down each of <paramref name="cols"/> columns of
    /// <paramref name="rows"/> samples: <c>boxAlongColsFloat</c>. Runs row by row through <see cref="ColumnStep"/>;
    /// <paramref name="sums"/> needs <paramref name="cols"/> floats.
    /// </summary>
    public static void BoxAlongColumns(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride,
        int rows, int cols, int window, Span<float> sums)
    {
        if (Vector512.IsHardwareAccelerated)
            BoxAlongColumnsVector512(src, srcStride, dst, dstStride, rows, cols, window, sums);
        else if (Vector256.IsHardwareAccelerated)
            BoxAlongColumnsVector256(src, srcStride, dst, dstStride, rows, cols, window, sums);
        else if (Vector128.IsHardwareAccelerated)
            BoxAlongColumnsVector128(src, srcStride, dst, dstStride, rows, cols, window, sums);
        else
            BoxAlongColumnsScalar(src, srcStride, dst, dstStride, rows, cols, window);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Scalar references
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>box1DFloat</c>, operation for operation: <paramref name="length"/> samples read at
    /// <c>input[i * inputStep]</c>, written at <c>output[i * outputStep]</c>. The specification of every other path.
    /// </summary>
    internal static void Box1DScalar(ReadOnlySpan<float> input, int inputStep, Span<float> output, int outputStep, int length, int window)
    {
        int halfWindow = (window + 2) / 2;           // 7 -> 4, 8 -> 5
        int phase1 = halfWindow - 1;
        int phase2 = window - halfWindow + 1;
        int phase3 = length - window;
        int phase4 = halfWindow - 1;
        int li = 0, ri = 0, oi = 0;                   // left (subtract) edge, right (add) edge, output
        float sum = 0.0f;
        int count = 0;

        for (int i = 0; i < phase1; i++)             // phase 1: accumulate, no writes
        {
            sum += input[ri];
            count++;
            ri += inputStep;
        }
        for (int i = 0; i < phase2; i++)             // phase 2: growing window
        {
            sum += input[ri];
            count++;
            output[oi] = sum / count;
            ri += inputStep;
            oi += outputStep;
        }
        for (int i = 0; i < phase3; i++)             // phase 3: full window, add then subtract
        {
            sum += input[ri];
            sum -= input[li];
            output[oi] = sum / count;
            li += inputStep;
            ri += inputStep;
            oi += outputStep;
        }
        for (int i = 0; i < phase4; i++)             // phase 4: shrinking window
        {
            sum -= input[li];
            count--;
            output[oi] = sum / count;
            li += inputStep;
            oi += outputStep;
        }
    }

    internal static void BoxAlongRowsScalar(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride,
        int rows, int cols, int window)
    {
        ValidatePlane(src.Length, srcStride, rows, cols, nameof(src));
        ValidatePlane(dst.Length, dstStride, rows, cols, nameof(dst));
        ValidateWindow(cols, window);
        for (int r = 0; r < rows; r++)
            Box1DScalar(src.Slice(r * srcStride), 1, dst.Slice(r * dstStride), 1, cols, window);
    }

    internal static void BoxAlongColumnsScalar(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride,
        int rows, int cols, int window)
    {
        ValidatePlane(src.Length, srcStride, rows, cols, nameof(src));
        ValidatePlane(dst.Length, dstStride, rows, cols, nameof(dst));
        ValidateWindow(rows, window);
        for (int c = 0; c < cols; c++)
            Box1DScalar(src.Slice(c), srcStride, dst.Slice(c), dstStride, rows, window);
    }

    internal static void BoxAlongRowsSampledScalar(ReadOnlySpan<float> src, int srcStride, int rows, int cols, int window,
        ReadOnlySpan<int> sampleCols, Span<float> dst, int dstStride)
    {
        ValidatePlane(src.Length, srcStride, rows, cols, nameof(src));
        ValidatePlane(dst.Length, dstStride, rows, sampleCols.Length, nameof(dst));
        ValidateWindow(cols, window);
        ValidateSamples(sampleCols, cols);
        for (int r = 0; r < rows; r++)
            SampledRowScalar(src.Slice(r * srcStride, cols), window, sampleCols, dst.Slice(r * dstStride, sampleCols.Length));
    }

    /// <summary>The same four phases as <see cref="Box1DScalar"/>, dividing only where a sample is taken.</summary>
    private static void SampledRowScalar(ReadOnlySpan<float> input, int window, ReadOnlySpan<int> sampleCols, Span<float> output)
    {
        int halfWindow = (window + 2) / 2;
        int length = input.Length;
        int li = 0, ri = 0, oi = 0, j = 0;
        float sum = 0.0f;
        int count = 0;
        for (int i = 0; i < halfWindow - 1; i++)
        {
            sum += input[ri++];
            count++;
        }
        for (int i = 0; i < window - halfWindow + 1; i++, oi++)
        {
            sum += input[ri++];
            count++;
            while (j < sampleCols.Length && sampleCols[j] == oi)
                output[j++] = sum / count;
        }
        for (int i = 0; i < length - window; i++, oi++)
        {
            sum += input[ri++];
            sum -= input[li++];
            while (j < sampleCols.Length && sampleCols[j] == oi)
                output[j++] = sum / count;
        }
        for (int i = 0; i < halfWindow - 1; i++, oi++)
        {
            sum -= input[li++];
            count--;
            while (j < sampleCols.Length && sampleCols[j] == oi)
                output[j++] = sum / count;
        }
    }

    internal static void ColumnStepScalar(Span<float> sum, ReadOnlySpan<float> add, ReadOnlySpan<float> sub, Span<float> dst, int divisor)
    {
        ValidateStep(sum.Length, add.Length, sub.Length, dst.Length);
        float d = divisor;
        if (sub.IsEmpty)
        {
            for (int c = 0; c < sum.Length; c++)
            {
                float s = sum[c] + add[c];
                sum[c] = s;
                dst[c] = s / d;
            }
        }
        else if (add.IsEmpty)
        {
            for (int c = 0; c < sum.Length; c++)
            {
                float s = sum[c] - sub[c];
                sum[c] = s;
                dst[c] = s / d;
            }
        }
        else
        {
            for (int c = 0; c < sum.Length; c++)
            {
                float s = sum[c] + add[c];
                s -= sub[c];
                sum[c] = s;
                dst[c] = s / d;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Shared drivers
    // ------------------------------------------------------------------------------------------------------------

    private delegate void ColumnStepKernel(Span<float> sum, ReadOnlySpan<float> add, ReadOnlySpan<float> sub, Span<float> dst, int divisor);

    /// <summary>
    /// A whole column pass as <see cref="BoxPlan"/> schedules it, one output row per <paramref name="step"/>. The lead
    /// accumulations (phase 1) write their unused quotient to the output row about to be overwritten by output 0.
    /// </summary>
    private static void BoxAlongColumnsRowwise(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride,
        int rows, int cols, int window, Span<float> sums, ColumnStepKernel step)
    {
        ValidatePlane(src.Length, srcStride, rows, cols, nameof(src));
        ValidatePlane(dst.Length, dstStride, rows, cols, nameof(dst));
        ValidateWindow(rows, window);
        if (sums.Length < cols)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(sums));
        Span<float> sum = sums.Slice(0, cols);
        sum.Clear();
        var plan = new BoxPlan(rows, window);
        for (int i = 0; i < plan.Lead; i++)
            step(sum, src.Slice(i * srcStride, cols), default, dst.Slice(0, cols), 1);
        for (int o = 0; o < rows; o++)
        {
            int a = plan.AddIndex(o), s = plan.SubtractIndex(o);
            step(sum,
                a >= 0 ? src.Slice(a * srcStride, cols) : default,
                s >= 0 ? src.Slice(s * srcStride, cols) : default,
                dst.Slice(o * dstStride, cols),
                plan.Count(o));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Validation (once per call, so the vector bodies can use unchecked loads)
    // ------------------------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValidatePlane(int spanLength, int stride, int rows, int cols, string name)
    {
        if (rows < 0 || cols < 0)
            ThrowHelper.ThrowArgumentOutOfRange(name, "Rows and columns must not be negative.");
        if (rows > 0 && cols > 0 && (stride < cols || (long)(rows - 1) * stride + cols > spanLength))
            ThrowHelper.ThrowArgumentException_BufferTooSmall(name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValidateWindow(int length, int window)
    {
        if (length > 0 && (window < 1 || window > length))
            ThrowHelper.ThrowArgumentOutOfRange(nameof(window), $"The box window {window} must be in 1..{length}.");
    }

    private static void ValidateSamples(ReadOnlySpan<int> samples, int length)
    {
        int previous = 0;
        foreach (int s in samples)
        {
            if (s < previous || s >= length)
                ThrowHelper.ThrowArgumentOutOfRange(nameof(samples), $"Sample indices must be non-decreasing and in 0..{length - 1}.");
            previous = s;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValidateStep(int sum, int add, int sub, int dst)
    {
        if ((add != 0 && add != sum) || (sub != 0 && sub != sum) || dst < sum || (add == 0 && sub == 0 && sum != 0))
            ThrowHelper.ThrowArgument(nameof(sum), "A column step needs add and/or subtract rows as long as the sum row, and an output at least as long.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValidateScratch(int scratchLength, int lanes, int columns, string name)
    {
        if (scratchLength < (long)columns * lanes)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(name);
    }
}
