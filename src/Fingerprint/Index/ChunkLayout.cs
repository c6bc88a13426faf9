using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Fingerprint.Hashing;

namespace Fingerprint.Index;

/// <summary>
/// How multi-index hashing splits the 256 bits (Norouzi, Punjani, Fleet, "Fast Exact Search in Hamming Space with
/// Multi-Index Hashing", IEEE TPAMI 2014, §3): m disjoint chunks of contiguous bits that together cover the hash, widths
/// differing by at most one (the wider ones first). For 16-bit chunks this is exactly the reference's slot layout
/// (pdq/cpp/index/mih.h: slot i is 16-bit word w[i], bits 16i..16i+15).
/// </summary>
internal sealed class ChunkLayout
{
    /// <summary>Narrowest chunk the index builds (32 chunks; at r = 31 every chunk is probed exactly).</summary>
    public const int MinChunkBits = 8;

    /// <summary>Widest chunk: its offsets table is 2^24 + 1 uint32 (64 MiB).</summary>
    public const int MaxChunkBits = 24;

    private readonly int[] _starts;
    private readonly int[] _widths;

    private ChunkLayout(int[] starts, int[] widths)
    {
        _starts = starts;
        _widths = widths;
    }

    public int Count => _starts.Length;

    public int Start(int chunk) => _starts[chunk];

    public int Width(int chunk) => _widths[chunk];

    /// <summary>Nominal width: the narrowest chunk's (chunks are this wide or one bit wider).</summary>
    public int NominalBits => _widths[^1];

    /// <summary>Fewest chunks: 11 chunks are 23 or 24 bits wide.</summary>
    public const int MinChunkCount = 11;

    /// <summary>Most chunks: 32 chunks of 8 bits.</summary>
    public const int MaxChunkCount = 32;

    /// <summary>
    /// The layout for a nominal chunk width: m = floor(256 / bits) chunks of floor(256 / m) bits, the first 256 mod m of
    /// them one bit wider, so they cover all 256 bits. Widths 22 and 23 both give m = 11 (3 x 24 + 8 x 23 bits).
    /// </summary>
    public static ChunkLayout ForBits(int bits)
    {
        Debug.Assert(bits is >= MinChunkBits and <= MaxChunkBits);
        return ForCount(Math.Max(MinChunkCount, Hash256.BitCount / bits));
    }

    /// <summary><paramref name="count"/> chunks (11..32) of floor(256 / count) or one more bits, wider ones first.</summary>
    public static ChunkLayout ForCount(int count)
    {
        Debug.Assert(count is >= MinChunkCount and <= MaxChunkCount);
        int width = Hash256.BitCount / count;
        int extra = Hash256.BitCount - count * width;
        var starts = new int[count];
        var widths = new int[count];
        int start = 0;
        for (int i = 0; i < count; i++)
        {
            starts[i] = start;
            widths[i] = width + (i < extra ? 1 : 0);
            start += widths[i];
        }
        Debug.Assert(start == Hash256.BitCount);
        return new ChunkLayout(starts, widths);
    }

    /// <summary>
    /// Rebuilds a layout read from a snapshot, or returns null when it is not one this code would build (disjoint,
    /// contiguous from bit 0, covering 256 bits, widths MinChunkBits..MaxChunkBits).
    /// </summary>
    public static ChunkLayout? TryCreate(ReadOnlySpan<int> starts, ReadOnlySpan<int> widths)
    {
        if (starts.Length != widths.Length || starts.Length is < MinChunkCount or > MaxChunkCount)
            return null;
        int expected = 0;
        for (int i = 0; i < starts.Length; i++)
        {
            if (starts[i] != expected || widths[i] is < MinChunkBits or > MaxChunkBits)
                return null;
            expected += widths[i];
        }
        return expected == Hash256.BitCount ? new ChunkLayout(starts.ToArray(), widths.ToArray()) : null;
    }

    /// <summary>The value of chunk <paramref name="chunk"/> of <paramref name="hash"/>: bits Start..Start+Width-1, bit Start lowest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Extract(in Hash256 hash, int chunk) => ExtractBits(in hash, _starts[chunk], _widths[chunk]);

    /// <summary>Bits <paramref name="start"/>..<paramref name="start"/>+<paramref name="width"/>-1 (width 1..32) as a number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ExtractBits(in Hash256 hash, int start, int width)
    {
        Debug.Assert(width is >= 1 and <= 32 && start >= 0 && start + width <= Hash256.BitCount);
        ref ulong words = ref Unsafe.As<Hash256, ulong>(ref Unsafe.AsRef(in hash));
        int word = start >> 6;
        int shift = start & 63;
        ulong value = Unsafe.Add(ref words, word) >> shift;
        if (shift + width > 64)
            value |= Unsafe.Add(ref words, word + 1) << (64 - shift);
        return (uint)(value & ((1UL << width) - 1));
    }

    /// <summary>Hamming distance between two chunk values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(uint a, uint b) => BitOperations.PopCount(a ^ b);
}
