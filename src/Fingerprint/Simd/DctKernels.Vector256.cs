using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fingerprint.Simd;

/// <summary>
/// Vector256 paths (8 float lanes along j). Four independent accumulators per pass hide the add latency; each lane
/// still sums its own k = 0..63 in order (multiply, then add), exactly as the scalar path.
/// </summary>
internal static partial class DctKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ProjectRowsVector256(ReadOnlySpan<float> d, ReadOnlySpan<float> a, Span<float> t)
    {
        const int Lanes = 8;
        ValidateRows(d, a, t);
        ref float d0 = ref MemoryMarshal.GetReference(d);
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float t0 = ref MemoryMarshal.GetReference(t);
        for (int i = 0; i < Bins; i++)
        {
            for (int j = 0; j < Size; j += 4 * Lanes)            // 4 vectors of columns per pass
            {
                Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (int k = 0; k < Size; k++)
                {
                    Vector256<float> dk = Vector256.Create(Unsafe.Add(ref d0, i * Size + k));
                    nuint row = (nuint)(k * Size + j);
                    s0 += dk * Vector256.LoadUnsafe(ref a0, row);
                    s1 += dk * Vector256.LoadUnsafe(ref a0, row + Lanes);
                    s2 += dk * Vector256.LoadUnsafe(ref a0, row + 2 * Lanes);
                    s3 += dk * Vector256.LoadUnsafe(ref a0, row + 3 * Lanes);
                }
                nuint o = (nuint)(i * Size + j);
                s0.StoreUnsafe(ref t0, o);
                s1.StoreUnsafe(ref t0, o + Lanes);
                s2.StoreUnsafe(ref t0, o + 2 * Lanes);
                s3.StoreUnsafe(ref t0, o + 3 * Lanes);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ProjectColumnsVector256(ReadOnlySpan<float> t, ReadOnlySpan<float> dt, Span<float> b)
    {
        const int Lanes = 8;
        ValidateColumns(t, dt, b);
        ref float t0 = ref MemoryMarshal.GetReference(t);
        ref float dt0 = ref MemoryMarshal.GetReference(dt);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        for (int i = 0; i < Bins; i += 2)                         // 2 rows x 2 vectors of columns per pass
        {
            Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int k = 0; k < Size; k++)
            {
                Vector256<float> lo = Vector256.LoadUnsafe(ref dt0, (nuint)(k * Bins));
                Vector256<float> hi = Vector256.LoadUnsafe(ref dt0, (nuint)(k * Bins + Lanes));
                Vector256<float> ta = Vector256.Create(Unsafe.Add(ref t0, i * Size + k));
                Vector256<float> tb = Vector256.Create(Unsafe.Add(ref t0, (i + 1) * Size + k));
                s0 += ta * lo;
                s1 += ta * hi;
                s2 += tb * lo;
                s3 += tb * hi;
            }
            s0.StoreUnsafe(ref b0, (nuint)(i * Bins));
            s1.StoreUnsafe(ref b0, (nuint)(i * Bins + Lanes));
            s2.StoreUnsafe(ref b0, (nuint)((i + 1) * Bins));
            s3.StoreUnsafe(ref b0, (nuint)((i + 1) * Bins + Lanes));
        }
    }
}
