using System.Text;

namespace Fingerprint.Storage.ImportExport;

/// <summary>
/// RFC 4180 CSV: fields separated by ',', a field containing ',', '"', CR or LF is quoted, and a quote inside a
/// quoted field is doubled. Strict on malformed quoting (a quote inside an unquoted field, text after a closing
/// quote), so a damaged line is rejected with a reason instead of being read wrongly.
/// </summary>
internal static class Csv
{
    public enum Status
    {
        Ok,
        Unterminated,
        Malformed,
    }

    /// <summary>Splits one record's text (which may span lines) into <paramref name="fields"/>.</summary>
    public static Status Parse(string text, List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                int open = i;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        error = $"the quoted field {fields.Count + 1} opened at character {open + 1} is not closed";
                        return Status.Unterminated;
                    }
                    char c = text[i++];
                    if (c != '"')
                    {
                        field.Append(c);
                        continue;
                    }
                    if (i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                        continue;
                    }
                    break;
                }
                fields.Add(field.ToString());
                if (i == text.Length)
                    return Status.Ok;
                if (text[i] != ',')
                {
                    error = $"malformed CSV quoting: '{text[i]}' after the closing quote of field {fields.Count} (character {i + 1})";
                    return Status.Malformed;
                }
                i++;
                continue;
            }

            int comma = text.IndexOf(',', i);
            int end = comma < 0 ? text.Length : comma;
            int quote = text.IndexOf('"', i, end - i);
            if (quote >= 0)
            {
                error = $"malformed CSV quoting: a quote inside the unquoted field {fields.Count + 1} (character {quote + 1})";
                return Status.Malformed;
            }
            fields.Add(text[i..end]);
            if (comma < 0)
                return Status.Ok;
            i = comma + 1;
        }
    }

    /// <summary>Appends <paramref name="value"/> as one CSV field, quoted when it must be (or has surrounding spaces).</summary>
    public static void AppendField(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]);
        if (!quote)
        {
            line.Append(value);
            return;
        }
        line.Append('"');
        foreach (char c in value)
        {
            if (c == '"')
                line.Append('"');
            line.Append(c);
        }
        line.Append('"');
    }
}
