namespace Fingerprint.Storage;

/// <summary>
/// What kind of hash a bank entry holds. The stored name (<see cref="BankHashTypeExtensions.ToName"/>) is what the
/// database, CSV and JSONL carry; the numeric values are not persisted.
/// </summary>
public enum BankHashType
{
    /// <summary>PDQ, 256 bits (32 bytes).</summary>
    Pdq = 1,

    /// <summary>vPDQ video: no entry-level hash; the per-frame PDQ hashes are the entry's frames.</summary>
    Vpdq = 2,

    /// <summary>TMK+PDQF video: no entry-level hash; the .tmk file's bytes are the entry's payload.</summary>
    Tmk = 3,

    /// <summary>Classic average hash, 64 bits (8 bytes).</summary>
    AHash = 4,

    /// <summary>Classic difference hash, 64 bits (8 bytes).</summary>
    DHash = 5,

    /// <summary>Classic DCT perceptual hash, 64 bits (8 bytes).</summary>
    PHash = 6,
}
