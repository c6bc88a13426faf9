namespace Fingerprint.Storage.ImportExport;

/// <summary>Summary of one import: what was read, added, skipped and rejected (with line numbers and reasons).</summary>
public sealed record ImportResult
{
    /// <summary>The format used (detected or forced).</summary>
    public required ImportFormat Format { get; init; }

    /// <summary>Lines read, including blank and comment lines.</summary>
    public required long LinesRead { get; init; }

    public required int Imported { get; init; }

    public required int Duplicates { get; init; }

    public required int Rejected { get; init; }

    /// <summary>The first <see cref="ImportOptions.MaxReportedLines"/> rejected lines, in order.</summary>
    public required IReadOnlyList<ImportLineError> Errors { get; init; }

    /// <summary>The first <see cref="ImportOptions.MaxReportedLines"/> duplicate lines, in order.</summary>
    public required IReadOnlyList<ImportDuplicate> DuplicateLines { get; init; }

    /// <summary>CSV columns (or JSON fields) that were not recognised and so not imported.</summary>
    public required IReadOnlyList<string> IgnoredColumns { get; init; }

    /// <summary>Change-log sequences of the first and last addition (0 when nothing was added).</summary>
    public required long FirstSequence { get; init; }

    public required long LastSequence { get; init; }
}
