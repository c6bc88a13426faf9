using System.Runtime.Intrinsics;
using Fingerprint.Internal;

namespace Fingerprint.Simd;

/// <summary>
/// The two matrix products of PDQ's 64-to-16 DCT (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp,
/// <c>dct64To16</c>; conformance/SPEC.md §1.4), B = D·A·Dᵀ with D 16x64:
/// <list type="bullet">
/// <item><see cref="ProjectRows"/>: T[i, j] = Σk D[i, k]·A[k, j], i &lt; 16, j &lt; 64 (the vertical transform). Lanes run
/// along j.</item>
/// <item><see cref="ProjectColumns"/>: B[i, j] = Σk T[i, k]·Dt[k, j], i, j &lt; 16, with Dt = Dᵀ stored 64x16 (the
/// horizontal transform). Lanes run along j.</item>
/// </list>
/// Every path sums k in ascending order as <c>acc + x·y</c> starting from 0: a rounded multiply, then a rounded add,
/// never FMA, which is the arithmetic of the reference built with g++ -O3 and no -march (SPEC.md §1.4, STYLE.md §3.4).
/// Each lane therefore performs exactly the scalar sequence, and every path equals the scalar one and the reference,
/// bit for bit. All matrices are row-major; no tails (64 and 16 are multiples of every lane count).
/// </summary>
internal static partial class DctKernels
{
    public const int Size = 64;
    public const int Bins = 16;

    public static void ProjectRows(ReadOnlySpan<float> d, ReadOnlySpan<float> a, Span<float> t)
    {
        if (Vector512.IsHardwareAccelerated)
            ProjectRowsVector512(d, a, t);
        else if (Vector256.IsHardwareAccelerated)
            ProjectRowsVector256(d, a, t);
        else if (Vector128.IsHardwareAccelerated)
            ProjectRowsVector128(d, a, t);
        else
            ProjectRowsScalar(d, a, t);
    }

    public static void ProjectColumns(ReadOnlySpan<float> t, ReadOnlySpan<float> dt, Span<float> b)
    {
        if (Vector512.IsHardwareAccelerated)
            ProjectColumnsVector512(t, dt, b);
        else if (Vector256.IsHardwareAccelerated)
            ProjectColumnsVector256(t, dt, b);
        else if (Vector128.IsHardwareAccelerated)
            ProjectColumnsVector128(t, dt, b);
        else
            ProjectColumnsScalar(t, dt, b);
    }

    internal static void ProjectRowsScalar(ReadOnlySpan<float> d, ReadOnlySpan<float> a, Span<float> t)
    {
        ValidateRows(d, a, t);
        for (int i = 0; i < Bins; i++)
        {
            for (int j = 0; j < Size; j++)
            {
                float sum = 0.0f;
                for (int k = 0; k < Size; k++)
                    sum += d[i * Size + k] * a[k * Size + j];
                t[i * Size + j] = sum;
            }
        }
    }

    internal static void ProjectColumnsScalar(ReadOnlySpan<float> t, ReadOnlySpan<float> dt, Span<float> b)
    {
        ValidateColumns(t, dt, b);
        for (int i = 0; i < Bins; i++)
        {
            for (int j = 0; j < Bins; j++)
            {
                float sum = 0.0f;
                for (int k = 0; k < Size; k++)
                    sum += t[i * Size + k] * dt[k * Bins + j];
                b[i * Bins + j] = sum;
            }
        }
    }

    private static void ValidateRows(ReadOnlySpan<float> d, ReadOnlySpan<float> a, Span<float> t)
    {
        if (d.Length < Bins * Size || a.Length < Size * Size || t.Length < Bins * Size)
            ThrowHelper.ThrowArgumentException_BufferTooSmall();
    }

    private static void ValidateColumns(ReadOnlySpan<float> t, ReadOnlySpan<float> dt, Span<float> b)
    {
        if (t.Length < Bins * Size || dt.Length < Size * Bins || b.Length < Bins * Bins)
            ThrowHelper.ThrowArgumentException_BufferTooSmall();
    }
}
