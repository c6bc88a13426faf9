using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Fingerprint.Hashing;

namespace Fingerprint.Simd;

/// <summary>
/// Vector256 path of <see cref="HammingKernels.FindWithin"/>. Lanes: for word w (0..3) of the 256-bit hashes, register
/// A holds word w of queries 0..3 and register B of queries 4..7 (one 64-bit lane each); missing queries repeat query
/// 0 and their lanes are masked off. Per row, words 0 and 1 are broadcast, XORed with the query lanes, counted with a
/// nibble lookup (ShuffleNative on a 16-entry table, per 128-bit half) and summed per 64-bit lane by shift-add (no
/// psadbw: cross-platform). Lanes whose half-distance is within the threshold go to the scalar emitter, which computes
/// full distances exactly as the reference does, so hits equal <see cref="HammingKernels.FindWithinScalar"/>'s. No
/// tail: one row per step.
/// </summary>
internal static partial class HammingKernels
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static int FindWithinVector256(ReadOnlySpan<Hash256> queries, ReadOnlySpan<Hash256> rows, int maxDistance, Span<Hit> hits, out int hitCount)
    {
        Validate(queries, maxDistance, hits);
        ref ulong q0 = ref Words(queries);
        int queryCount = queries.Length;
        // Lane j of A holds query j, of B query 4 + j; absent queries repeat query 0 (masked off below).
        Vector256<ulong> a0 = Lanes4(ref q0, queryCount, 0, 0), a1 = Lanes4(ref q0, queryCount, 0, 1);
        Vector256<ulong> b0 = Lanes4(ref q0, queryCount, 4, 0), b1 = Lanes4(ref q0, queryCount, 4, 1);
        Vector256<byte> table = Vector256.Create(NibblePopCounts);
        Vector256<long> limit = Vector256.Create((long)maxDistance + 1);
        uint laneMask = (1u << queryCount) - 1;

        ref ulong r0 = ref Words(rows);
        int count = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            ref ulong row = ref Unsafe.Add(ref r0, (nint)i * 4);
            Vector256<ulong> w0 = Vector256.Create(row);
            Vector256<ulong> w1 = Vector256.Create(Unsafe.Add(ref row, 1));
            Vector256<long> da = LaneSums(PopCountBytes(w0 ^ a0, table) + PopCountBytes(w1 ^ a1, table));
            Vector256<long> db = LaneSums(PopCountBytes(w0 ^ b0, table) + PopCountBytes(w1 ^ b1, table));
            uint mask = (Vector256.LessThan(da, limit).ExtractMostSignificantBits() |
                         (Vector256.LessThan(db, limit).ExtractMostSignificantBits() << 4)) & laneMask;
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
    private static Vector256<ulong> Lanes4(ref ulong queries, int queryCount, int first, int word)
    {
        Debug.Assert(queryCount is >= 1 and <= MaxQueries);
        return Vector256.Create(
            QueryWord(ref queries, queryCount, first, word),
            QueryWord(ref queries, queryCount, first + 1, word),
            QueryWord(ref queries, queryCount, first + 2, word),
            QueryWord(ref queries, queryCount, first + 3, word));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong QueryWord(ref ulong queries, int queryCount, int query, int word) =>
        Unsafe.Add(ref queries, (query < queryCount ? query : 0) * 4 + word);

    /// <summary>Per-byte popcount: table[low nibble] + table[high nibble]; each byte 0..8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> PopCountBytes(Vector256<ulong> value, Vector256<byte> table)
    {
        Vector256<byte> bytes = value.AsByte();
        Vector256<byte> nibble = Vector256.Create((byte)0x0F);
        return Vector256.ShuffleNative(table, bytes & nibble) +
               Vector256.ShuffleNative(table, Vector256.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble);
    }

    /// <summary>Sum of the 8 bytes of each 64-bit lane (each byte at most 16, so the sum fits the low byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> LaneSums(Vector256<byte> counts)
    {
        Vector256<ulong> x = counts.AsUInt64();
        x += Vector256.ShiftRightLogical(x, 8);
        x += Vector256.ShiftRightLogical(x, 16);
        x += Vector256.ShiftRightLogical(x, 32);
        return (x & Vector256.Create(0xFFUL)).AsInt64();
    }
}
