using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using Fingerprint.Internal;

namespace Fingerprint.Hashing;

/// <summary>
/// A 256-bit hash (PDQ). The text form is the reference's: 64 lower-case hex digits of the 256-bit number, most
/// significant first (pdq/cpp/common/pdqhashtypes.cpp prints the 16 uint16 words from w[15] down to w[0] with "%04hx").
/// Bit k (value 2^k) is word k / 64, bit k % 64; for PDQ it is DCT coefficient (row k / 16, column k % 16)
/// (conformance/SPEC.md §1.5). As 32 bytes (<see cref="WriteBytes"/>) it is the same big-endian number:
/// byte[31 - k / 8], bit k % 8.
/// </summary>
public readonly struct Hash256 : IEquatable<Hash256>, ISpanFormattable, IComparable<Hash256>
{
    public const int BitCount = 256;
    public const int HexLength = 64;
    public const int ByteLength = 32;

    private readonly ulong _w0, _w1, _w2, _w3;

    /// <summary>Creates a hash from its four 64-bit words; <paramref name="w0"/> holds bits 0..63.</summary>
    public Hash256(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        _w0 = w0;
        _w1 = w1;
        _w2 = w2;
        _w3 = w3;
    }

    public static Hash256 Zero => default;

    /// <summary>All 256 bits set.</summary>
    public static Hash256 AllOnes => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    public ulong W0 => _w0;
    public ulong W1 => _w1;
    public ulong W2 => _w2;
    public ulong W3 => _w3;

    /// <summary>Word <paramref name="index"/> (0..3); word i holds bits 64i..64i+63.</summary>
    public ulong GetWord(int index) => index switch
    {
        0 => _w0,
        1 => _w1,
        2 => _w2,
        3 => _w3,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A Hash256 has words 0..3."),
    };

    /// <summary>True when bit <paramref name="bit"/> (0..255) is set.</summary>
    public bool GetBit(int bit)
    {
        if ((uint)bit >= BitCount)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bit), "A Hash256 has bits 0..255.");
        return ((GetWord(bit >> 6) >> (bit & 63)) & 1UL) != 0;
    }

    /// <summary>Number of set bits.</summary>
    public int PopCount =>
        BitOperations.PopCount(_w0) + BitOperations.PopCount(_w1) + BitOperations.PopCount(_w2) + BitOperations.PopCount(_w3);

    public bool IsZero => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <summary>Hamming distance in bits (0..256): the popcount of the XOR, as the reference's hammingDistance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DistanceTo(in Hash256 other) =>
        BitOperations.PopCount(_w0 ^ other._w0) + BitOperations.PopCount(_w1 ^ other._w1) +
        BitOperations.PopCount(_w2 ^ other._w2) + BitOperations.PopCount(_w3 ^ other._w3);

    /// <summary>Hamming distance between two hashes.</summary>
    public static int Distance(in Hash256 a, in Hash256 b) => a.DistanceTo(b);

    public static Hash256 operator ^(in Hash256 a, in Hash256 b) => new(a._w0 ^ b._w0, a._w1 ^ b._w1, a._w2 ^ b._w2, a._w3 ^ b._w3);
    public static Hash256 operator ~(in Hash256 a) => new(~a._w0, ~a._w1, ~a._w2, ~a._w3);

    /// <summary>Returns a copy with bit <paramref name="bit"/> flipped.</summary>
    public Hash256 FlipBit(int bit)
    {
        if ((uint)bit >= BitCount)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bit), "A Hash256 has bits 0..255.");
        ulong m = 1UL << (bit & 63);
        return (bit >> 6) switch
        {
            0 => new Hash256(_w0 ^ m, _w1, _w2, _w3),
            1 => new Hash256(_w0, _w1 ^ m, _w2, _w3),
            2 => new Hash256(_w0, _w1, _w2 ^ m, _w3),
            _ => new Hash256(_w0, _w1, _w2, _w3 ^ m),
        };
    }

    /// <summary>Writes the 32-byte big-endian form (the same order as the hex text).</summary>
    public void WriteBytes(Span<byte> destination)
    {
        if (destination.Length < ByteLength)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w0);
    }

    public byte[] ToBytes()
    {
        byte[] bytes = new byte[ByteLength];
        WriteBytes(bytes);
        return bytes;
    }

    /// <summary>Reads the 32-byte big-endian form written by <see cref="WriteBytes"/>.</summary>
    public static Hash256 FromBytes(ReadOnlySpan<byte> source)
    {
        if (source.Length != ByteLength)
            ThrowHelper.ThrowArgument(nameof(source), $"A Hash256 is {ByteLength} bytes; got {source.Length}.");
        return new Hash256(
            BinaryPrimitives.ReadUInt64BigEndian(source[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(source));
    }

    /// <summary>Parses 64 hex digits (either case). Throws <see cref="FormatException"/> naming the problem.</summary>
    public static Hash256 Parse(ReadOnlySpan<char> hex)
    {
        if (!TryParse(hex, out Hash256 result, out string? error))
            ThrowHelper.ThrowFormat(error);
        return result;
    }

    public static Hash256 Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return Parse(hex.AsSpan());
    }

    public static bool TryParse(ReadOnlySpan<char> hex, out Hash256 result) => TryParse(hex, out result, out _);

    /// <summary>Parses 64 hex digits; on failure <paramref name="error"/> says what is wrong (length or which character).</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out Hash256 result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (hex.Length != HexLength)
        {
            error = $"a 256-bit hash is {HexLength} hex digits; got {hex.Length} characters";
            return false;
        }
        Span<ulong> words = stackalloc ulong[4];
        for (int w = 0; w < 4; w++)
        {
            ulong value = 0;
            int offset = (3 - w) * 16;
            for (int i = 0; i < 16; i++)
            {
                char c = hex[offset + i];
                int nibble = HexDigit.Value(c);
                if (nibble < 0)
                {
                    error = $"'{HexDigit.Printable(c)}' at position {offset + i + 1} is not a hex digit";
                    return false;
                }
                value = (value << 4) | (uint)nibble;
            }
            words[w] = value;
        }
        result = new Hash256(words[0], words[1], words[2], words[3]);
        error = null;
        return true;
    }

    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length < HexLength)
        {
            charsWritten = 0;
            return false;
        }
        HexDigit.WriteWord(_w3, destination);
        HexDigit.WriteWord(_w2, destination[16..]);
        HexDigit.WriteWord(_w1, destination[32..]);
        HexDigit.WriteWord(_w0, destination[48..]);
        charsWritten = HexLength;
        return true;
    }

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The reference text form: 64 lower-case hex digits.</summary>
    public override string ToString() => string.Create(HexLength, this, static (span, h) => h.TryFormat(span, out _));

    public bool Equals(Hash256 other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;
    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);
    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);
    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);

    /// <summary>Orders by the 256-bit value (most significant word first).</summary>
    public int CompareTo(Hash256 other)
    {
        int c = _w3.CompareTo(other._w3);
        if (c != 0) return c;
        c = _w2.CompareTo(other._w2);
        if (c != 0) return c;
        c = _w1.CompareTo(other._w1);
        return c != 0 ? c : _w0.CompareTo(other._w0);
    }

    public static bool operator <(Hash256 left, Hash256 right) => left.CompareTo(right) < 0;
    public static bool operator >(Hash256 left, Hash256 right) => left.CompareTo(right) > 0;
    public static bool operator <=(Hash256 left, Hash256 right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Hash256 left, Hash256 right) => left.CompareTo(right) >= 0;
}
