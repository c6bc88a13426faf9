using System.Text;

namespace Fingerprint.Storage.ImportExport;

/// <summary>
/// Reads CSV records over a <see cref="LineReader"/>. A quoted field may span lines (the original line ends are
/// kept). A record whose quote never closes (before the end of input or the length limit) is rejected at its first
/// line, and the lines after it are read again as records of their own, so one stray quote costs one line.
/// </summary>
internal sealed class CsvRecordReader
{
    private const int MaxLinesPerRecord = 1000;

    private readonly LineReader _lines;
    private readonly List<TextLine> _consumed = new();

    public CsvRecordReader(LineReader lines) => _lines = lines;

    /// <summary>The next non-blank record, or null at the end: fields on success, else the reason.</summary>
    public async ValueTask<(long Line, bool Ok, string? Error)?> ReadAsync(List<string> fields, CancellationToken cancellationToken)
    {
        TextLine first;
        do
        {
            TextLine? next = await _lines.ReadAsync(cancellationToken);
            if (next is null)
                return null;
            first = next.Value;
        }
        while (first.IsBlank);

        if (first.TooLong)
            return (first.Number, false, $"line longer than {_lines.MaxLength} characters");
        Csv.Status status = Csv.Parse(first.Text, fields, out string? error);
        if (status != Csv.Status.Unterminated)
            return (first.Number, status == Csv.Status.Ok, error);

        // Read on only while the field stays open. If it never closes, or closing it leaves malformed text, the first
        // line's unclosed quote is the error (the later lines are then read again as records of their own).
        string unclosed = "malformed CSV quoting: " + error;
        _consumed.Clear();
        var text = new StringBuilder(first.Text);
        string terminator = first.Terminator;
        while (true)
        {
            TextLine? next = await _lines.ReadAsync(cancellationToken);
            if (next is null || next.Value.TooLong || _consumed.Count >= MaxLinesPerRecord ||
                text.Length + terminator.Length + next.Value.Text.Length > _lines.MaxLength)
            {
                if (next is not null)
                    _consumed.Add(next.Value);
                _lines.Unread(_consumed);
                return (first.Number, false, unclosed);
            }
            _consumed.Add(next.Value);
            text.Append(terminator).Append(next.Value.Text);
            terminator = next.Value.Terminator;
            if (!next.Value.Text.Contains('"', StringComparison.Ordinal))
                continue;   // still inside the open quoted field: only a quote can close it
            status = Csv.Parse(text.ToString(), fields, out error);
            if (status == Csv.Status.Unterminated)
                continue;
            if (status == Csv.Status.Ok)
                return (first.Number, true, null);
            _lines.Unread(_consumed);
            return (first.Number, false, unclosed);
        }
    }
}
