using System.Text;

namespace Fingerprint.Cli.Tests.TestSupport;

/// <summary>An RFC 4180 CSV document with a header row (quoted fields, doubled quotes, quoted newlines), read by column name.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public string Get(string[] row, string column) =>
        _columns.TryGetValue(column, out int i) ? row[i] : throw new Xunit.Sdk.XunitException($"no column '{column}' in {string.Join(',', Header)}");

    public static CsvTable Parse(string text)
    {
        List<string[]> records = ReadRecords(text);
        if (records.Count == 0)
            throw new Xunit.Sdk.XunitException("empty CSV (no header row)");
        string[] header = records[0];
        for (int i = 1; i < records.Count; i++)
        {
            if (records[i].Length != header.Length)
                throw new Xunit.Sdk.XunitException($"CSV record {i} has {records[i].Length} fields, the header {header.Length}: {string.Join('|', records[i])}");
        }
        return new CsvTable(header, records.Skip(1).ToList());
    }

    private static List<string[]> ReadRecords(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        records.Add(fields.ToArray());
                    }
                    fields.Clear();
                    field.Clear();
                    any = false;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }
        return records;
    }
}
