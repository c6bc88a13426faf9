using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fingerprint.Simd;

/// <summary>
/// Vector128 paths (4 float lanes). Row passes: lanes = 4 rows of a band, whose columns stream 256 at a time through a
/// column-interleaved scratch (<c>t[c * 4 + lane]</c>); rows left over go to the scalar path. Column step: lanes = 4
/// adjacent columns, scalar tail. Each lane performs exactly <see cref="BoxFilterKernels.Box1DScalar"/>'s operations in
/// its order.
/// </summary>
internal static partial class BoxFilterKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void BoxAlongRowsVector128(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride,
        int rows, int cols, int window, Span<float> scratch, int chunk = ChunkColumns)
    {
        const int Lanes = 4;
        ValidatePlane(src.Length, srcStride, rows, cols, nameof(src));
        ValidatePlane(dst.Length, dstStride, rows, cols, nameof(dst));
        ValidateWindow(cols, window);
        if (rows < Lanes || cols == 0)
        {
            BoxAlongRowsScalar(src, srcStride, dst, dstStride, rows, cols, window);
            return;
        }
        (int held, int outputs) = ChunkSizes(cols, window, chunk);
        ValidateScratch(scratch.Length, Lanes, held + outputs, nameof(scratch));
        Span<float> t = scratch.Slice(0, held * Lanes);
        Span<float> o = scratch.Slice(held * Lanes, outputs * Lanes);
        int r = 0;
        for (; r + Lanes <= rows; r += Lanes)
            RowBandVector128(src.Slice(r * srcStride), srcStride, dst.Slice(r * dstStride), dstStride, cols, window, chunk, t, o, default, default);
        if (r < rows)
            BoxAlongRowsScalar(src.Slice(r * srcStride), srcStride, dst.Slice(r * dstStride), dstStride, rows - r, cols, window);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void BoxAlongRowsSampledVector128(ReadOnlySpan<float> src, int srcStride, int rows, int cols, int window,
        ReadOnlySpan<int> sampleCols, Span<float> dst, int dstStride, Span<float> scratch, int chunk = ChunkColumns)
    {
        const int Lanes = 4;
        int m = sampleCols.Length;
        ValidatePlane(src.Length, srcStride, rows, cols, nameof(src));
        ValidatePlane(dst.Length, dstStride, rows, m, nameof(dst));
        ValidateWindow(cols, window);
        ValidateSamples(sampleCols, cols);
        if (rows < Lanes || cols == 0 || m == 0)
        {
            BoxAlongRowsSampledScalar(src, srcStride, rows, cols, window, sampleCols, dst, dstStride);
            return;
        }
        (int held, _) = ChunkSizes(cols, window, chunk);
        ValidateScratch(scratch.Length, Lanes, held + m, nameof(scratch));
        Span<float> t = scratch.Slice(0, held * Lanes);
        Span<float> q = scratch.Slice(held * Lanes, m * Lanes);
        int r = 0;
        for (; r + Lanes <= rows; r += Lanes)
        {
            RowBandVector128(src.Slice(r * srcStride), srcStride, default, 0, cols, window, chunk, t, default, sampleCols, q);
            TransposeKernels.Transpose(q, Lanes, dst.Slice(r * dstStride), dstStride, m, Lanes);
        }
        if (r < rows)
            BoxAlongRowsSampledScalar(src.Slice(r * srcStride), srcStride, rows - r, cols, window, sampleCols, dst.Slice(r * dstStride), dstStride);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ColumnStepVector128(Span<float> sum, ReadOnlySpan<float> add, ReadOnlySpan<float> sub, Span<float> dst, int divisor)
    {
        const int Lanes = 4;
        ValidateStep(sum.Length, add.Length, sub.Length, dst.Length);
        int n = sum.Length;
        ref float s0 = ref MemoryMarshal.GetReference(sum);
        ref float a0 = ref MemoryMarshal.GetReference(add);
        ref float b0 = ref MemoryMarshal.GetReference(sub);
        ref float d0 = ref MemoryMarshal.GetReference(dst);
        Vector128<float> d = Vector128.Create((float)divisor);
        int c = 0;
        if (sub.IsEmpty)
        {
            for (; c + Lanes <= n; c += Lanes)
            {
                Vector128<float> s = Vector128.LoadUnsafe(ref s0, (nuint)c) + Vector128.LoadUnsafe(ref a0, (nuint)c);
                s.StoreUnsafe(ref s0, (nuint)c);
                (s / d).StoreUnsafe(ref d0, (nuint)c);
            }
        }
        else if (add.IsEmpty)
        {
            for (; c + Lanes <= n; c += Lanes)
            {
                Vector128<float> s = Vector128.LoadUnsafe(ref s0, (nuint)c) - Vector128.LoadUnsafe(ref b0, (nuint)c);
                s.StoreUnsafe(ref s0, (nuint)c);
                (s / d).StoreUnsafe(ref d0, (nuint)c);
            }
        }
        else
        {
            for (; c + Lanes <= n; c += Lanes)
            {
                Vector128<float> s = Vector128.LoadUnsafe(ref s0, (nuint)c) + Vector128.LoadUnsafe(ref a0, (nuint)c);
                s -= Vector128.LoadUnsafe(ref b0, (nuint)c);
                s.StoreUnsafe(ref s0, (nuint)c);
                (s / d).StoreUnsafe(ref d0, (nuint)c);
            }
        }
        if (c < n)
            ColumnStepScalar(sum.Slice(c), add.IsEmpty ? default : add.Slice(c), sub.IsEmpty ? default : sub.Slice(c), dst.Slice(c, n - c), divisor);
    }

    internal static void BoxAlongColumnsVector128(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride,
        int rows, int cols, int window, Span<float> sums) =>
        BoxAlongColumnsRowwise(src, srcStride, dst, dstStride, rows, cols, window, sums, ColumnStepVector128);

    /// <summary>
    /// Box1DScalar on 4 rows at once (lanes = rows), the band's columns streamed through <paramref name="t"/> in chunks
    /// of <paramref name="chunk"/> outputs. <paramref name="t"/> holds the transposed columns [held, loaded)
    /// (<c>t[(c - held) * 4 + lane]</c>): everything from the oldest column still to be subtracted to the newest added,
    /// at most chunk + window columns. Full pass (<paramref name="samples"/> empty): each chunk's outputs go to
    /// <paramref name="o"/> and are transposed into <paramref name="dst"/>. Sampled pass: outputs at the sample columns
    /// only, to <c>q[j * 4 + lane]</c>. The long full-window phase runs in small leaf methods so the running sum stays in
    /// a register.
    /// </summary>
    private static void RowBandVector128(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int length, int window,
        int chunk, Span<float> t, Span<float> o, ReadOnlySpan<int> samples, Span<float> q)
    {
        const int Lanes = 4;
        ref float t0 = ref MemoryMarshal.GetReference(t);
        ref float o0 = ref MemoryMarshal.GetReference(o);
        ref float q0 = ref MemoryMarshal.GetReference(q);
        bool sampled = !samples.IsEmpty;
        int halfWindow = (window + 2) / 2;
        int lag = window - halfWindow + 1;          // outputs of phase 2; output c subtracts column c - lag
        int shrinkFrom = length - halfWindow + 1;   // first output of phase 4
        int held = 0, loaded = 0, j = 0, next = sampled ? samples[0] : -1;
        Vector128<float> sum = Vector128<float>.Zero;
        int count = 0;

        loaded = LoadColumns(src, srcStride, t, Lanes, held, loaded, halfWindow - 1);
        for (int c = 0; c < halfWindow - 1; c++, count++)                     // phase 1
            sum += Vector128.LoadUnsafe(ref t0, (nuint)(c * Lanes));
        Vector128<float> full = Vector128.Create((float)window);

        for (int oi = 0; oi < length;)
        {
            int first = oi, end = Math.Min(oi + chunk, length);
            int keep = Math.Max(0, oi - lag);
            if (keep > held)
            {
                t.Slice((keep - held) * Lanes, (loaded - keep) * Lanes).CopyTo(t);
                held = keep;
            }
            loaded = LoadColumns(src, srcStride, t, Lanes, held, loaded, Math.Min(end + halfWindow - 1, length));

            for (; oi < end && oi < lag; oi++)                                     // phase 2
            {
                sum += Vector128.LoadUnsafe(ref t0, (nuint)((oi + halfWindow - 1 - held) * Lanes));
                count++;
                Vector128<float> quotient = sum / Vector128.Create((float)count);
                if (!sampled)
                    quotient.StoreUnsafe(ref o0, (nuint)((oi - first) * Lanes));
                for (; oi == next; next = ++j < samples.Length ? samples[j] : -1)
                    quotient.StoreUnsafe(ref q0, (nuint)(j * Lanes));
            }

            int fullEnd = Math.Min(end, shrinkFrom);                               // phase 3
            while (oi < fullEnd)
            {
                int add = (oi + halfWindow - 1 - held) * Lanes, sub = (oi - lag - held) * Lanes;
                if (!sampled)
                {
                    sum = SlideDivideVector128(ref t0, add, sub, ref Unsafe.Add(ref o0, (oi - first) * Lanes), fullEnd - oi, sum, full);
                    oi = fullEnd;
                    break;
                }
                int stop = next >= 0 && next < fullEnd ? next : fullEnd;           // the next sample, or the end
                sum = SlideVector128(ref t0, add, sub, stop - oi, sum);
                oi = stop;
                if (oi == fullEnd)
                    break;
                sum += Vector128.LoadUnsafe(ref t0, (nuint)((oi + halfWindow - 1 - held) * Lanes));
                sum -= Vector128.LoadUnsafe(ref t0, (nuint)((oi - lag - held) * Lanes));
                for (; oi == next; next = ++j < samples.Length ? samples[j] : -1)
                    (sum / full).StoreUnsafe(ref q0, (nuint)(j * Lanes));
                oi++;
            }

            for (; oi < end; oi++)                                                 // phase 4
            {
                sum -= Vector128.LoadUnsafe(ref t0, (nuint)((oi - lag - held) * Lanes));
                count--;
                Vector128<float> quotient = sum / Vector128.Create((float)count);
                if (!sampled)
                    quotient.StoreUnsafe(ref o0, (nuint)((oi - first) * Lanes));
                for (; oi == next; next = ++j < samples.Length ? samples[j] : -1)
                    quotient.StoreUnsafe(ref q0, (nuint)(j * Lanes));
            }
            if (!sampled)
                TransposeKernels.Transpose(o, Lanes, dst.Slice(first), dstStride, end - first, Lanes);
        }
    }

    /// <summary><paramref name="steps"/> full-window steps (add column, subtract column), no output.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> SlideVector128(ref float t0, int add, int sub, int steps, Vector128<float> sum)
    {
        const int Lanes = 4;
        for (int i = 0; i < steps; i++, add += Lanes, sub += Lanes)
        {
            sum += Vector128.LoadUnsafe(ref t0, (nuint)add);
            sum -= Vector128.LoadUnsafe(ref t0, (nuint)sub);
        }
        return sum;
    }

    /// <summary><paramref name="steps"/> full-window steps, each output <c>sum / window</c> stored at <c>o[i * 4]</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> SlideDivideVector128(ref float t0, int add, int sub, ref float o, int steps, Vector128<float> sum, Vector128<float> divisor)
    {
        const int Lanes = 4;
        for (int i = 0; i < steps; i++, add += Lanes, sub += Lanes)
        {
            sum += Vector128.LoadUnsafe(ref t0, (nuint)add);
            sum -= Vector128.LoadUnsafe(ref t0, (nuint)sub);
            (sum / divisor).StoreUnsafe(ref o, (nuint)(i * Lanes));
        }
        return sum;
    }
}
