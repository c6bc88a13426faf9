using System.Text;

namespace Fingerprint.Cli.Output;

/// <summary>RFC 4180 field quoting: quote when the field holds a comma, quote, CR or LF; double inner quotes.</summary>
internal static class Csv
{
    public static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
            return "";
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
            return field;
        var sb = new StringBuilder(field.Length + 2);
        sb.Append('"');
        foreach (char c in field)
        {
            if (c == '"')
                sb.Append('"');
            sb.Append(c);
        }
        sb.Append('"');
        return sb.ToString();
    }

    public static string Row(params string?[] fields) => string.Join(',', fields.Select(Escape));
}
