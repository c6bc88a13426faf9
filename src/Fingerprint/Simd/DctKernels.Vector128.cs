using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fingerprint.Simd;

/// <summary>
/// Vector128 paths (4 float lanes along j). Four independent accumulators per pass hide the add latency; each lane
/// still sums its own k = 0..63 in order (multiply, then add), exactly as the scalar path.
/// </summary>
internal static partial class DctKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ProjectRowsVector128(ReadOnlySpan<float> d, ReadOnlySpan<float> a, Span<float> t)
    {
        const int Lanes = 4;
        ValidateRows(d, a, t);
        ref float d0 = ref MemoryMarshal.GetReference(d);
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float t0 = ref MemoryMarshal.GetReference(t);
        for (int i = 0; i < Bins; i++)
        {
            for (int j = 0; j < Size; j += 4 * Lanes)            // 4 vectors of columns per pass
            {
                Vector128<float> s0 = Vector128<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (int k = 0; k < Size; k++)
                {
                    Vector128<float> dk = Vector128.Create(Unsafe.Add(ref d0, i * Size + k));
                    nuint row = (nuint)(k * Size + j);
                    s0 += dk * Vector128.LoadUnsafe(ref a0, row);
                    s1 += dk * Vector128.LoadUnsafe(ref a0, row + Lanes);
                    s2 += dk * Vector128.LoadUnsafe(ref a0, row + 2 * Lanes);
                    s3 += dk * Vector128.LoadUnsafe(ref a0, row + 3 * Lanes);
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
    internal static void ProjectColumnsVector128(ReadOnlySpan<float> t, ReadOnlySpan<float> dt, Span<float> b)
    {
        const int Lanes = 4;
        ValidateColumns(t, dt, b);
        ref float t0 = ref MemoryMarshal.GetReference(t);
        ref float dt0 = ref MemoryMarshal.GetReference(dt);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        for (int i = 0; i < Bins; i++)                            // 1 row x 4 vectors of columns per pass
        {
            Vector128<float> s0 = Vector128<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int k = 0; k < Size; k++)
            {
                Vector128<float> ti = Vector128.Create(Unsafe.Add(ref t0, i * Size + k));
                nuint row = (nuint)(k * Bins);
                s0 += ti * Vector128.LoadUnsafe(ref dt0, row);
                s1 += ti * Vector128.LoadUnsafe(ref dt0, row + Lanes);
                s2 += ti * Vector128.LoadUnsafe(ref dt0, row + 2 * Lanes);
                s3 += ti * Vector128.LoadUnsafe(ref dt0, row + 3 * Lanes);
            }
            nuint o = (nuint)(i * Bins);
            s0.StoreUnsafe(ref b0, o);
            s1.StoreUnsafe(ref b0, o + Lanes);
            s2.StoreUnsafe(ref b0, o + 2 * Lanes);
            s3.StoreUnsafe(ref b0, o + 3 * Lanes);
        }
    }
}
