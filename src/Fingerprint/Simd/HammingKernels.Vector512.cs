using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Fingerprint.Hashing;

namespace Fingerprint.Simd;

/// <summary>
/// Vector512 path of <see cref="HammingKernels.FindWithin"/>: as the Vector256 path, with all 8 queries in one register
/// per word (lane j = query j; absent queries repeat query 0 and are masked off). The nibble lookup works per 128-bit
/// block, so the 16-entry table is repeated in every block. Hits come from the same scalar emitter, so they equal
/// <see cref="HammingKernels.FindWithinScalar"/>'s. Runs emulated (slowly) where Vector512 is not accelerated; the
/// dispatcher picks it only where it is. No tail: one row per step.
/// </summary>
internal static partial class HammingKernels
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static int FindWithinVector512(ReadOnlySpan<Hash256> queries, ReadOnlySpan<Hash256> rows, int maxDistance, Span<Hit> hits, out int hitCount)
    {
        Validate(queries, maxDistance, hits);
        ref ulong q0 = ref Words(queries);
        int queryCount = queries.Length;
        Vector512<ulong> a0 = Lanes8(ref q0, queryCount, 0), a1 = Lanes8(ref q0, queryCount, 1);
        Vector256<byte> half = Vector256.Create(NibblePopCounts);
        Vector512<byte> table = Vector512.Create(half, half);
        Vector512<long> limit = Vector512.Create((long)maxDistance + 1);
        ulong laneMask = (1UL << queryCount) - 1;

        ref ulong r0 = ref Words(rows);
        int count = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            ref ulong row = ref Unsafe.Add(ref r0, (nint)i * 4);
            Vector512<ulong> w0 = Vector512.Create(row);
            Vector512<ulong> w1 = Vector512.Create(Unsafe.Add(ref row, 1));
            Vector512<long> d = LaneSums(PopCountBytes(w0 ^ a0, table) + PopCountBytes(w1 ^ a1, table));
            uint mask = (uint)(Vector512.LessThan(d, limit).ExtractMostSignificantBits() & laneMask);
            if (mask != 0 && !EmitScalar(queries, rows[i], i, mask, maxDistance, hits, ref count))
            {
                hitCount = count;
                return i;
            }
        }
        hitCount = count;
        return rows.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Lanes8(ref ulong queries, int queryCount, int word) =>
        Vector512.Create(Lanes4(ref queries, queryCount, 0, word), Lanes4(ref queries, queryCount, 4, word));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> PopCountBytes(Vector512<ulong> value, Vector512<byte> table)
    {
        Vector512<byte> bytes = value.AsByte();
        Vector512<byte> nibble = Vector512.Create((byte)0x0F);
        return Vector512.ShuffleNative(table, bytes & nibble) +
               Vector512.ShuffleNative(table, Vector512.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> LaneSums(Vector512<byte> counts)
    {
        Vector512<ulong> x = counts.AsUInt64();
        x += Vector512.ShiftRightLogical(x, 8);
        x += Vector512.ShiftRightLogical(x, 16);
        x += Vector512.ShiftRightLogical(x, 32);
        return (x & Vector512.Create(0xFFUL)).AsInt64();
    }
}
