namespace Fingerprint.Storage.ImportExport;

/// <summary>A rejected input line.</summary>
/// <param name="Line">1-based line number (the first line of a multi-line CSV record).</param>
/// <param name="Reason">Why it was rejected.</param>
public readonly record struct ImportLineError(long Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}
