using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Fingerprint.Internal;

namespace Fingerprint.Hashing;

/// <summary>
/// A 64-bit hash (aHash, dHash, pHash). Text form: 16 lower-case hex digits of the 64-bit number, most significant
/// first; bit k has value 2^k. Distance is the popcount of the XOR.
/// </summary>
public readonly struct Hash64 : IEquatable<Hash64>, ISpanFormattable, IComparable<Hash64>
{
    public const int BitCount = 64;
    public const int HexLength = 16;

    public Hash64(ulong value) => Value = value;

    public ulong Value { get; }

    public bool GetBit(int bit)
    {
        if ((uint)bit >= BitCount)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bit), "A Hash64 has bits 0..63.");
        return ((Value >> bit) & 1UL) != 0;
    }

    public int DistanceTo(Hash64 other) => BitOperations.PopCount(Value ^ other.Value);

    public static Hash64 Parse(ReadOnlySpan<char> hex)
    {
        if (!TryParse(hex, out Hash64 result, out string? error))
            ThrowHelper.ThrowFormat(error);
        return result;
    }

    public static bool TryParse(ReadOnlySpan<char> hex, out Hash64 result) => TryParse(hex, out result, out _);

    public static bool TryParse(ReadOnlySpan<char> hex, out Hash64 result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (hex.Length != HexLength)
        {
            error = $"a 64-bit hash is {HexLength} hex digits; got {hex.Length} characters";
            return false;
        }
        ulong value = 0;
        for (int i = 0; i < HexLength; i++)
        {
            int nibble = HexDigit.Value(hex[i]);
            if (nibble < 0)
            {
                error = $"'{HexDigit.Printable(hex[i])}' at position {i + 1} is not a hex digit";
                return false;
            }
            value = (value << 4) | (uint)nibble;
        }
        result = new Hash64(value);
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
        HexDigit.WriteWord(Value, destination);
        charsWritten = HexLength;
        return true;
    }

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString() => string.Create(HexLength, Value, static (span, v) => HexDigit.WriteWord(v, span));

    public bool Equals(Hash64 other) => Value == other.Value;
    public override bool Equals(object? obj) => obj is Hash64 other && Equals(other);
    public override int GetHashCode() => Value.GetHashCode();
    public int CompareTo(Hash64 other) => Value.CompareTo(other.Value);
    public static bool operator ==(Hash64 left, Hash64 right) => left.Equals(right);
    public static bool operator !=(Hash64 left, Hash64 right) => !left.Equals(right);
    public static bool operator <(Hash64 left, Hash64 right) => left.Value < right.Value;
    public static bool operator >(Hash64 left, Hash64 right) => left.Value > right.Value;
    public static bool operator <=(Hash64 left, Hash64 right) => left.Value <= right.Value;
    public static bool operator >=(Hash64 left, Hash64 right) => left.Value >= right.Value;
}
