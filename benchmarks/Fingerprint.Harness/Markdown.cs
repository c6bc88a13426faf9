using System.Globalization;
using System.Text;

namespace Fingerprint.Harness;

/// <summary>A markdown table built row by row (the format benchmarks/RESULTS.md is written in).</summary>
internal sealed class Markdown(params string[] header)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Which columns are right-aligned (numbers), by header.</summary>
    public Func<string, bool> IsNumeric { get; init; } = _ => false;

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        sb.Append('|').AppendJoin('|', header.Select(h => IsNumeric(h) ? "---:" : "---")).AppendLine("|");
        foreach (string[] row in _rows)
            sb.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        return sb.ToString();
    }

    /// <summary>Three significant digits (at least the integer part), "-" for NaN.</summary>
    public static string Num(double v)
    {
        if (double.IsNaN(v))
            return "-";
        double a = Math.Abs(v);
        string format = a >= 100 ? "0" : a >= 10 ? "0.0" : a >= 1 ? "0.00" : "0.000";
        return v.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Fixed(double v, int decimals) =>
        double.IsNaN(v) ? "-" : v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Ratio(double a, double b) => b > 0 && !double.IsNaN(a) ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
}
