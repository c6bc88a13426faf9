namespace Fingerprint.Storage.ImportExport;

/// <summary>Settings of one <see cref="BankImporter"/> run.</summary>
public sealed record ImportOptions
{
    /// <summary>The default quality gate (DESIGN.md §3: default quality gate >= 50).</summary>
    public const int DefaultMinQuality = 50;

    public ImportFormat Format { get; init; } = ImportFormat.Auto;

    /// <summary>Lines whose quality is below this are rejected; null disables the gate. Lines without a quality pass.</summary>
    public int? MinQuality { get; init; } = DefaultMinQuality;

    /// <summary>Hash type of records that do not name one (hex lines, pdq-photo-hasher, CSV without a hash_type column).</summary>
    public BankHashType DefaultHashType { get; init; } = BankHashType.Pdq;

    /// <summary>Campaign given to records that have none, or null.</summary>
    public string? Campaign { get; init; }

    /// <summary>Tags added to every record (after its own, skipping ones it already has).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Added time of records that have none; null means the time of the import.</summary>
    public DateTimeOffset? AddedUtc { get; init; }

    /// <summary>Rejected (and duplicate) lines listed in the result, at most; the counts always cover every line.</summary>
    public int MaxReportedLines { get; init; } = 1000;

    /// <summary>Longest accepted line (or multi-line CSV record) in characters; a longer one is rejected, never buffered.</summary>
    public int MaxLineLength { get; init; } = 16 * 1024 * 1024;
}
