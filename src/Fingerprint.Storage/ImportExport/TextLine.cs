namespace Fingerprint.Storage.ImportExport;

/// <summary>One physical input line.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Text">The line without its terminator (empty when <paramref name="TooLong"/>).</param>
/// <param name="Terminator">"\n", "\r\n", "\r", or "" for a last line without one.</param>
/// <param name="TooLong">True when the line exceeded the length limit; its text was dropped, not buffered.</param>
internal readonly record struct TextLine(long Number, string Text, string Terminator, bool TooLong)
{
    public bool IsBlank => !TooLong && string.IsNullOrWhiteSpace(Text);
}
