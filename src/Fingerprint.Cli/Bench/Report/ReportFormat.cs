using System.Globalization;

namespace Fingerprint.Cli.Bench.Report;

/// <summary>Culture-invariant number formatting shared by the report writers.</summary>
internal static class ReportFormat
{
    /// <summary>1e-3 -> "1e-3", 1e-4 -> "1e-4" (column names and labels).</summary>
    public static string Rate(double rate)
    {
        if (rate > 0)
        {
            double exponent = Math.Log10(rate);
            if (Math.Abs(exponent - Math.Round(exponent)) < 1e-9)
                return "1e" + ((int)Math.Round(exponent)).ToString(CultureInfo.InvariantCulture);
        }
        return rate.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>A share as a percentage with one decimal: 0.955 -> "95.5%".</summary>
    public static string Percent(double? share) =>
        share is double s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>A share with four decimals for CSV ("0.9550"), empty when null.</summary>
    public static string Share(double? share) =>
        share is double s ? s.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    /// <summary>A small rate in scientific notation ("2.1e-05"), empty when null.</summary>
    public static string Scientific(double? rate) =>
        rate is double r ? r.ToString("0.0#e+00", CultureInfo.InvariantCulture) : "";

    public static string Int(long? value) => value is long v ? v.ToString(CultureInfo.InvariantCulture) : "";

    public static string Int(int? value) => value is int v ? v.ToString(CultureInfo.InvariantCulture) : "";

    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);
}
