namespace Fingerprint.Storage;

/// <summary>Stored names and hash sizes of <see cref="BankHashType"/>.</summary>
public static class BankHashTypeExtensions
{
    /// <summary>The stored, lower-case name: <c>pdq</c>, <c>vpdq</c>, <c>tmk</c>, <c>ahash</c>, <c>dhash</c>, <c>phash</c>.</summary>
    public static string ToName(this BankHashType type) => type switch
    {
        BankHashType.Pdq => "pdq",
        BankHashType.Vpdq => "vpdq",
        BankHashType.Tmk => "tmk",
        BankHashType.AHash => "ahash",
        BankHashType.DHash => "dhash",
        BankHashType.PHash => "phash",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown hash type."),
    };

    /// <summary>Bytes of the entry-level hash: 32 for PDQ, 8 for the classic hashes, 0 for video types.</summary>
    public static int HashByteLength(this BankHashType type) => type switch
    {
        BankHashType.Pdq => 32,
        BankHashType.AHash or BankHashType.DHash or BankHashType.PHash => 8,
        BankHashType.Vpdq or BankHashType.Tmk => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown hash type."),
    };

    /// <summary>True for the names <see cref="ToName"/> produces (case-insensitive).</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out BankHashType type)
    {
        name = name.Trim();
        foreach (BankHashType candidate in All)
        {
            if (name.Equals(candidate.ToName(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>Parses a stored name; unknown names are a <see cref="BankStoreException"/> (the database holds a type this build does not know).</summary>
    internal static BankHashType ParseStored(string name) =>
        TryParse(name, out BankHashType type)
            ? type
            : throw new BankStoreException(BankStoreErrorKind.Corrupt, $"The database holds an unknown hash type '{name}'.");

    internal static ReadOnlySpan<BankHashType> All =>
        [BankHashType.Pdq, BankHashType.Vpdq, BankHashType.Tmk, BankHashType.AHash, BankHashType.DHash, BankHashType.PHash];
}
