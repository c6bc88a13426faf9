namespace Fingerprint.Storage.ImportExport;

/// <summary>Input formats of <see cref="BankImporter"/>.</summary>
public enum ImportFormat
{
    /// <summary>Detect from the first non-blank line (<see cref="BankImporter"/> describes the rules).</summary>
    Auto = 0,

    /// <summary>One hash per line in hex; optionally <c>hash&lt;TAB&gt;quality&lt;TAB&gt;path</c> (our text output). '#' starts a comment line.</summary>
    HexLines,

    /// <summary>CSV (RFC 4180) with a header naming the columns; see <see cref="BankImporter"/> for the names.</summary>
    Csv,

    /// <summary>What Meta's <c>pdq-photo-hasher</c> prints: <c>hash,quality,path</c>, no header.</summary>
    PdqPhotoHasher,

    /// <summary>One JSON object per line, with the CSV column names as fields (also our scan/hash JSONL records).</summary>
    Jsonl,
}
