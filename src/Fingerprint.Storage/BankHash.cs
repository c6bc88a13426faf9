using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Fingerprint.Hashing;

namespace Fingerprint.Storage;

/// <summary>
/// An entry-level hash together with its <see cref="BankHashType"/>. Stored bytes (<see cref="WriteBytes"/>) are the
/// big-endian number, the same order as the hex text: <see cref="Hash256.WriteBytes"/> for PDQ (32 bytes), the
/// 64-bit value big-endian for the classic hashes (8 bytes), and nothing for video types, whose hashes are frames or
/// a payload.
/// </summary>
public readonly struct BankHash : IEquatable<BankHash>
{
    private readonly Hash256 _bits;   // PDQ: the hash; 64-bit types: W0 holds the value; video types: zero

    private BankHash(BankHashType type, Hash256 bits)
    {
        Type = type;
        _bits = bits;
    }

    public BankHashType Type { get; }

    /// <summary>Bytes of the stored form: 32, 8 or 0 (<see cref="BankHashTypeExtensions.HashByteLength"/>).</summary>
    public int ByteLength => Type.HashByteLength();

    /// <summary>True for video types, which carry no entry-level hash.</summary>
    public bool IsEmpty => ByteLength == 0;

    /// <summary>True when every bit is 0 or every bit is 1 (a hash of a flat image, never a useful bank entry).</summary>
    public bool IsDegenerate => ByteLength switch
    {
        32 => _bits.IsZero || _bits == Hash256.AllOnes,
        8 => _bits.W0 is 0 or ulong.MaxValue,
        _ => false,
    };

    public static BankHash Pdq(Hash256 hash) => new(BankHashType.Pdq, hash);

    /// <summary>A 64-bit classic hash (<see cref="BankHashType.AHash"/>, <see cref="BankHashType.DHash"/>, <see cref="BankHashType.PHash"/>).</summary>
    public static BankHash Classic(BankHashType type, Hash64 hash)
    {
        if (type.HashByteLength() != 8)
            throw new ArgumentException($"{type.ToName()} is not a 64-bit hash type.", nameof(type));
        return new BankHash(type, new Hash256(hash.Value, 0, 0, 0));
    }

    /// <summary>The empty hash of a video type (<see cref="BankHashType.Vpdq"/>, <see cref="BankHashType.Tmk"/>).</summary>
    public static BankHash None(BankHashType type)
    {
        if (type.HashByteLength() != 0)
            throw new ArgumentException($"{type.ToName()} entries carry a hash; use Pdq or Classic.", nameof(type));
        return new BankHash(type, default);
    }

    public Hash256 ToHash256() =>
        ByteLength == 32 ? _bits : throw new InvalidOperationException($"A {Type.ToName()} hash is not 256 bits.");

    public Hash64 ToHash64() =>
        ByteLength == 8 ? new Hash64(_bits.W0) : throw new InvalidOperationException($"A {Type.ToName()} hash is not 64 bits.");

    /// <summary>Writes the <see cref="ByteLength"/>-byte big-endian form.</summary>
    public void WriteBytes(Span<byte> destination)
    {
        switch (ByteLength)
        {
            case 32:
                _bits.WriteBytes(destination);
                break;
            case 8:
                BinaryPrimitives.WriteUInt64BigEndian(destination, _bits.W0);
                break;
        }
    }

    public byte[] ToBytes()
    {
        byte[] bytes = new byte[ByteLength];
        WriteBytes(bytes);
        return bytes;
    }

    /// <summary>Reads the stored form written by <see cref="WriteBytes"/>; the length must match the type.</summary>
    public static BankHash FromBytes(BankHashType type, ReadOnlySpan<byte> bytes)
    {
        int expected = type.HashByteLength();
        if (bytes.Length != expected)
            throw new ArgumentException($"A {type.ToName()} hash is {expected} bytes; got {bytes.Length}.", nameof(bytes));
        return expected switch
        {
            32 => new BankHash(type, Hash256.FromBytes(bytes)),
            8 => new BankHash(type, new Hash256(BinaryPrimitives.ReadUInt64BigEndian(bytes), 0, 0, 0)),
            _ => new BankHash(type, default),
        };
    }

    /// <summary>
    /// Parses the hex text of a <paramref name="type"/> hash (64 digits for PDQ, 16 for the classic hashes, empty for
    /// video types); <paramref name="error"/> names the problem.
    /// </summary>
    public static bool TryParse(BankHashType type, ReadOnlySpan<char> hex, out BankHash result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        switch (type.HashByteLength())
        {
            case 32:
                if (!Hash256.TryParse(hex, out Hash256 h256, out error))
                    return false;
                result = Pdq(h256);
                return true;
            case 8:
                if (!Hash64.TryParse(hex, out Hash64 h64, out error))
                    return false;
                result = Classic(type, h64);
                return true;
            default:
                if (!hex.IsEmpty)
                {
                    error = $"a {type.ToName()} entry has no entry-level hash (its hashes are frames or a payload)";
                    return false;
                }
                result = None(type);
                error = null;
                return true;
        }
    }

    /// <summary>Lower-case hex of the stored bytes (empty for video types).</summary>
    public override string ToString() => ByteLength switch
    {
        32 => _bits.ToString(),
        8 => new Hash64(_bits.W0).ToString(),
        _ => string.Empty,
    };

    public bool Equals(BankHash other) => Type == other.Type && _bits == other._bits;
    public override bool Equals(object? obj) => obj is BankHash other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Type, _bits);
    public static bool operator ==(BankHash left, BankHash right) => left.Equals(right);
    public static bool operator !=(BankHash left, BankHash right) => !left.Equals(right);
}
