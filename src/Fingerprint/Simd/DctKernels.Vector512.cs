using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fingerprint.Simd;

/// <summary>
/// Vector512 paths (16 float lanes along j). Four independent accumulators per pass hide the add latency; each lane
/// still sums its own k = 0..63 in order (multiply, then add), exactly as the scalar path.
/// </summary>
internal static partial class DctKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ProjectRowsVector512(ReadOnlySpan<float> d, ReadOnlySpan<float> a, Span<float> t)
    {
        const int Lanes = 16;
        ValidateRows(d, a, t);
        ref float d0 = ref MemoryMarshal.GetReference(d);
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float t0 = ref MemoryMarshal.GetReference(t);
        for (int i = 0; i < Bins; i++)                            // 4 vectors = the whole row of 64 per pass
        {
            Vector512<float> s0 = Vector512<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int k = 0; k < Size; k++)
            {
                Vector512<float> dk = Vector512.Create(Unsafe.Add(ref d0, i * Size + k));
                nuint row = (nuint)(k * Size);
                s0 += dk * Vector512.LoadUnsafe(ref a0, row);
                s1 += dk * Vector512.LoadUnsafe(ref a0, row + Lanes);
                s2 += dk * Vector512.LoadUnsafe(ref a0, row + 2 * Lanes);
                s3 += dk * Vector512.LoadUnsafe(ref a0, row + 3 * Lanes);
            }
            nuint o = (nuint)(i * Size);
            s0.StoreUnsafe(ref t0, o);
            s1.StoreUnsafe(ref t0, o + Lanes);
            s2.StoreUnsafe(ref t0, o + 2 * Lanes);
            s3.StoreUnsafe(ref t0, o + 3 * Lanes);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ProjectColumnsVector512(ReadOnlySpan<float> t, ReadOnlySpan<float> dt, Span<float> b)
    {
        ValidateColumns(t, dt, b);
        ref float t0 = ref MemoryMarshal.GetReference(t);
        ref float dt0 = ref MemoryMarshal.GetReference(dt);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        for (int i = 0; i < Bins; i += 4)                         // 4 rows x 1 vector (all 16 columns) per pass
        {
            Vector512<float> s0 = Vector512<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int k = 0; k < Size; k++)
            {
                Vector512<float> dk = Vector512.LoadUnsafe(ref dt0, (nuint)(k * Bins));
                s0 += Vector512.Create(Unsafe.Add(ref t0, i * Size + k)) * dk;
                s1 += Vector512.Create(Unsafe.Add(ref t0, (i + 1) * Size + k)) * dk;
                s2 += Vector512.Create(Unsafe.Add(ref t0, (i + 2) * Size + k)) * dk;
                s3 += Vector512.Create(Unsafe.Add(ref t0, (i + 3) * Size + k)) * dk;
            }
            s0.StoreUnsafe(ref b0, (nuint)(i * Bins));
            s1.StoreUnsafe(ref b0, (nuint)((i + 1) * Bins));
            s2.StoreUnsafe(ref b0, (nuint)((i + 2) * Bins));
            s3.StoreUnsafe(ref b0, (nuint)((i + 3) * Bins));
        }
    }
}
