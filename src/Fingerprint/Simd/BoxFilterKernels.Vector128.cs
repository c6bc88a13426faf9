using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fingerprint.Simd;

/// <summary>
/// Vector128 paths (4 float lanes). Row passes: lanes = 4 rows of a band held column-interleaved in scratch
/// (<c>t[c * 4 + lane]</c>); rows left over go to the scalar path. Column step: lanes = 4 adjacent columns, scalar
/// tail. Each lane performs exactly <see cref="BoxFilterKernels.Box1DScalar"/>'s operations in its order.
/// </summary>
internal static partial class BoxFilterKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void BoxAlongRowsVector128(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride,
        int rows, int cols, int window, Span<float> scratch)
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
        ValidateScratch(scratch.Length, Lanes, cols, 0, nameof(scratch));
        Span<float> t = scratch.Slice(0, cols * Lanes);
        Span<float> o = scratch.Slice(cols * Lanes, cols * Lanes);
        int r = 0;
        for (; r + Lanes <= rows; r += Lanes)
        {
            TransposeKernels.Transpose(src.Slice(r * srcStride), srcStride, t, Lanes, Lanes, cols);
            RowRecurrenceVector128(t, o, cols, window);
            TransposeKernels.Transpose(o, Lanes, dst.Slice(r * dstStride), dstStride, cols, Lanes);
        }
        if (r < rows)
            BoxAlongRowsScalar(src.Slice(r * srcStride), srcStride, dst.Slice(r * dstStride), dstStride, rows - r, cols, window);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void BoxAlongRowsSampledVector128(ReadOnlySpan<float> src, int srcStride, int rows, int cols, int window,
        ReadOnlySpan<int> sampleCols, Span<float> dst, int dstStride, Span<float> scratch)
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
        ValidateScratch(scratch.Length, Lanes, cols, m, nameof(scratch));
        Span<float> t = scratch.Slice(0, cols * Lanes);
        Span<float> q = scratch.Slice(2 * cols * Lanes, m * Lanes);
        int r = 0;
        for (; r + Lanes <= rows; r += Lanes)
        {
            TransposeKernels.Transpose(src.Slice(r * srcStride), srcStride, t, Lanes, Lanes, cols);
            SampledRowRecurrenceVector128(t, cols, window, sampleCols, q);
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

    /// <summary>Box1DScalar on 4 interleaved rows: <c>t[c * 4 + lane]</c> in, <c>o[c * 4 + lane]</c> out.</summary>
    private static void RowRecurrenceVector128(ReadOnlySpan<float> t, Span<float> o, int length, int window)
    {
        const int Lanes = 4;
        ref float t0 = ref MemoryMarshal.GetReference(t);
        ref float o0 = ref MemoryMarshal.GetReference(o);
        int halfWindow = (window + 2) / 2;
        nuint ri = 0, li = 0, oi = 0;
        Vector128<float> sum = Vector128<float>.Zero;
        int count = 0;
        for (int i = 0; i < halfWindow - 1; i++, ri += Lanes, count++)
            sum += Vector128.LoadUnsafe(ref t0, ri);
        for (int i = 0; i < window - halfWindow + 1; i++, ri += Lanes, oi += Lanes)
        {
            sum += Vector128.LoadUnsafe(ref t0, ri);
            count++;
            (sum / Vector128.Create((float)count)).StoreUnsafe(ref o0, oi);
        }
        Vector128<float> full = Vector128.Create((float)count);
        for (int i = 0; i < length - window; i++, ri += Lanes, li += Lanes, oi += Lanes)
        {
            sum += Vector128.LoadUnsafe(ref t0, ri);
            sum -= Vector128.LoadUnsafe(ref t0, li);
            (sum / full).StoreUnsafe(ref o0, oi);
        }
        for (int i = 0; i < halfWindow - 1; i++, li += Lanes, oi += Lanes)
        {
            sum -= Vector128.LoadUnsafe(ref t0, li);
            count--;
            (sum / Vector128.Create((float)count)).StoreUnsafe(ref o0, oi);
        }
    }

    /// <summary>RowRecurrenceVector128 dividing only at <paramref name="samples"/>: <c>q[j * 4 + lane]</c> out.</summary>
    private static void SampledRowRecurrenceVector128(ReadOnlySpan<float> t, int length, int window, ReadOnlySpan<int> samples, Span<float> q)
    {
        const int Lanes = 4;
        ref float t0 = ref MemoryMarshal.GetReference(t);
        ref float q0 = ref MemoryMarshal.GetReference(q);
        int halfWindow = (window + 2) / 2;
        nuint ri = 0, li = 0;
        int oi = 0, j = 0, next = samples[0];
        Vector128<float> sum = Vector128<float>.Zero;
        int count = 0;
        for (int i = 0; i < halfWindow - 1; i++, ri += Lanes, count++)
            sum += Vector128.LoadUnsafe(ref t0, ri);
        for (int i = 0; i < window - halfWindow + 1; i++, ri += Lanes, oi++)
        {
            sum += Vector128.LoadUnsafe(ref t0, ri);
            count++;
            while (oi == next)
            {
                (sum / Vector128.Create((float)count)).StoreUnsafe(ref q0, (nuint)(j * Lanes));
                next = ++j < samples.Length ? samples[j] : -1;
            }
        }
        for (int i = 0; i < length - window; i++, ri += Lanes, li += Lanes, oi++)
        {
            sum += Vector128.LoadUnsafe(ref t0, ri);
            sum -= Vector128.LoadUnsafe(ref t0, li);
            while (oi == next)
            {
                (sum / Vector128.Create((float)count)).StoreUnsafe(ref q0, (nuint)(j * Lanes));
                next = ++j < samples.Length ? samples[j] : -1;
            }
        }
        for (int i = 0; i < halfWindow - 1; i++, li += Lanes, oi++)
        {
            sum -= Vector128.LoadUnsafe(ref t0, li);
            count--;
            while (oi == next)
            {
                (sum / Vector128.Create((float)count)).StoreUnsafe(ref q0, (nuint)(j * Lanes));
                next = ++j < samples.Length ? samples[j] : -1;
            }
        }
    }
}
