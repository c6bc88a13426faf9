using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Fingerprint.Internal;

namespace Fingerprint.Simd;

/// <summary>
/// Float matrix transpose, <c>dst[c * dstStride + r] = src[r * srcStride + c]</c>: the data movement that lets the box
/// filter's row pass run with lanes = rows (<see cref="BoxFilterKernels"/>). Pure data movement, so every path is exact
/// by construction; the tests still compare them.
/// <para>
/// The cross-platform Vector APIs have no two-source shuffle, so the tiled paths use x86 intrinsics behind
/// <c>IsSupported</c> (STYLE.md §3.4 rule 2): 8x8 tiles with AVX (unpack, shuffle, 128-bit lane permute: 24 shuffles
/// per 64 floats) and 4x4 tiles with SSE (8 shuffles per 16 floats). Edges (and every other platform) take the scalar
/// loop. A row block of 8 uses 8x8 tiles, then a 4x4 tile pair for 4 leftover columns, then scalar columns.
/// </para>
/// </summary>
internal static class TransposeKernels
{
    public static void Transpose(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rows, int cols)
    {
        Validate(src.Length, srcStride, dst.Length, dstStride, rows, cols);
        if (Avx.IsSupported)
            TransposeTiled(src, srcStride, dst, dstStride, rows, cols, useAvx: true);
        else if (Sse.IsSupported)
            TransposeTiled(src, srcStride, dst, dstStride, rows, cols, useAvx: false);
        else
            TransposeScalarCore(ref MemoryMarshal.GetReference(src), srcStride, ref MemoryMarshal.GetReference(dst), dstStride, 0, rows, 0, cols);
    }

    internal static void TransposeScalar(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rows, int cols)
    {
        Validate(src.Length, srcStride, dst.Length, dstStride, rows, cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                dst[c * dstStride + r] = src[r * srcStride + c];
    }

    /// <summary>4x4 SSE tiles only (falls back to scalar where SSE is absent).</summary>
    internal static void TransposeVector128(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rows, int cols)
    {
        Validate(src.Length, srcStride, dst.Length, dstStride, rows, cols);
        if (Sse.IsSupported)
            TransposeTiled(src, srcStride, dst, dstStride, rows, cols, useAvx: false);
        else
            TransposeScalarCore(ref MemoryMarshal.GetReference(src), srcStride, ref MemoryMarshal.GetReference(dst), dstStride, 0, rows, 0, cols);
    }

    /// <summary>8x8 AVX tiles (falls back to 4x4 SSE tiles, then scalar, where AVX is absent).</summary>
    internal static void TransposeVector256(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rows, int cols)
    {
        Validate(src.Length, srcStride, dst.Length, dstStride, rows, cols);
        if (Avx.IsSupported || Sse.IsSupported)
            TransposeTiled(src, srcStride, dst, dstStride, rows, cols, useAvx: Avx.IsSupported);
        else
            TransposeScalarCore(ref MemoryMarshal.GetReference(src), srcStride, ref MemoryMarshal.GetReference(dst), dstStride, 0, rows, 0, cols);
    }

    private static void TransposeTiled(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rows, int cols, bool useAvx)
    {
        ref float s0 = ref MemoryMarshal.GetReference(src);
        ref float d0 = ref MemoryMarshal.GetReference(dst);
        int r = 0;
        if (useAvx)
        {
            for (; r + 8 <= rows; r += 8)
            {
                int c = 0;
                for (; c + 8 <= cols; c += 8)
                    Tile8x8(ref Unsafe.Add(ref s0, (nint)r * srcStride + c), srcStride, ref Unsafe.Add(ref d0, (nint)c * dstStride + r), dstStride);
                if (c + 4 <= cols)
                {
                    Tile4x4(ref Unsafe.Add(ref s0, (nint)r * srcStride + c), srcStride, ref Unsafe.Add(ref d0, (nint)c * dstStride + r), dstStride);
                    Tile4x4(ref Unsafe.Add(ref s0, (nint)(r + 4) * srcStride + c), srcStride, ref Unsafe.Add(ref d0, (nint)c * dstStride + r + 4), dstStride);
                    c += 4;
                }
                TransposeScalarCore(ref s0, srcStride, ref d0, dstStride, r, r + 8, c, cols);
            }
        }
        for (; r + 4 <= rows; r += 4)
        {
            int c = 0;
            for (; c + 4 <= cols; c += 4)
                Tile4x4(ref Unsafe.Add(ref s0, (nint)r * srcStride + c), srcStride, ref Unsafe.Add(ref d0, (nint)c * dstStride + r), dstStride);
            TransposeScalarCore(ref s0, srcStride, ref d0, dstStride, r, r + 4, c, cols);
        }
        TransposeScalarCore(ref s0, srcStride, ref d0, dstStride, r, rows, 0, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeScalarCore(ref float s0, int srcStride, ref float d0, int dstStride, int r0, int r1, int c0, int c1)
    {
        for (int r = r0; r < r1; r++)
            for (int c = c0; c < c1; c++)
                Unsafe.Add(ref d0, (nint)c * dstStride + r) = Unsafe.Add(ref s0, (nint)r * srcStride + c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile8x8(ref float s, int srcStride, ref float d, int dstStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref s);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref s, (nuint)srcStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref s, (nuint)(2 * srcStride));
        Vector256<float> r3 = Vector256.LoadUnsafe(ref s, (nuint)(3 * srcStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref s, (nuint)(4 * srcStride));
        Vector256<float> r5 = Vector256.LoadUnsafe(ref s, (nuint)(5 * srcStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref s, (nuint)(6 * srcStride));
        Vector256<float> r7 = Vector256.LoadUnsafe(ref s, (nuint)(7 * srcStride));

        // a0 b0 a1 b1 | a4 b4 a5 b5   and   a2 b2 a3 b3 | a6 b6 a7 b7 (rows a..h)
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // a0 b0 c0 d0 | a4 b4 c4 d4, a1 b1 c1 d1 | a5 ..., a2 ... | a6 ..., a3 ... | a7 ...
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref d);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref d, (nuint)dstStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref d, (nuint)(2 * dstStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref d, (nuint)(3 * dstStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref d, (nuint)(4 * dstStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref d, (nuint)(5 * dstStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref d, (nuint)(6 * dstStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref d, (nuint)(7 * dstStride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x4(ref float s, int srcStride, ref float d, int dstStride)
    {
        Vector128<float> r0 = Vector128.LoadUnsafe(ref s);
        Vector128<float> r1 = Vector128.LoadUnsafe(ref s, (nuint)srcStride);
        Vector128<float> r2 = Vector128.LoadUnsafe(ref s, (nuint)(2 * srcStride));
        Vector128<float> r3 = Vector128.LoadUnsafe(ref s, (nuint)(3 * srcStride));
        Vector128<float> t0 = Sse.UnpackLow(r0, r1);     // a0 b0 a1 b1
        Vector128<float> t1 = Sse.UnpackLow(r2, r3);     // c0 d0 c1 d1
        Vector128<float> t2 = Sse.UnpackHigh(r0, r1);    // a2 b2 a3 b3
        Vector128<float> t3 = Sse.UnpackHigh(r2, r3);    // c2 d2 c3 d3
        Sse.MoveLowToHigh(t0, t1).StoreUnsafe(ref d);                            // a0 b0 c0 d0
        Sse.MoveHighToLow(t1, t0).StoreUnsafe(ref d, (nuint)dstStride);          // a1 b1 c1 d1
        Sse.MoveLowToHigh(t2, t3).StoreUnsafe(ref d, (nuint)(2 * dstStride));    // a2 b2 c2 d2
        Sse.MoveHighToLow(t3, t2).StoreUnsafe(ref d, (nuint)(3 * dstStride));    // a3 b3 c3 d3
    }

    private static void Validate(int srcLength, int srcStride, int dstLength, int dstStride, int rows, int cols)
    {
        if (rows < 0 || cols < 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(rows), "Rows and columns must not be negative.");
        if (rows == 0 || cols == 0)
            return;
        if (srcStride < cols || (long)(rows - 1) * srcStride + cols > srcLength)
            ThrowHelper.ThrowArgumentException_BufferTooSmall("src");
        if (dstStride < rows || (long)(cols - 1) * dstStride + rows > dstLength)
            ThrowHelper.ThrowArgumentException_BufferTooSmall("dst");
    }
}
