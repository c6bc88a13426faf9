using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Pdq;

/// <summary>The PDQ conformance vectors of ../shared/conformance/pdq, read in place (README.md there describes them).</summary>
internal static class PdqConformanceData
{
    public static string Root => RepoPaths.PdqConformance;

    public static string ImagePath(string file) => Path.Combine(Root, "images", file);

    public static string ExpectedPath(params string[] parts) => Path.Combine([Root, "expected", .. parts]);

    public sealed record ExpectedRow(string File, int Width, int Height, string CliHash, int CliQuality, string FullResHash, int FullResQuality);

    public sealed record DihedralRow(string File, string Profile, int Quality, string[] Hashes);

    public sealed record PublishedRow(string SourceFile, string SourceKind, string Image, string Hash, int? HdVsCli512, int? HdVsFullRes);

    private static readonly Lazy<ExpectedRow[]> s_expected = new(() =>
        ReadCsv(ExpectedPath("pdq-expected.csv"))
            .Select(f => new ExpectedRow(f[0], Int(f[1]), Int(f[2]), f[3], Int(f[4]), f[5], Int(f[6])))
            .ToArray());

    private static readonly Lazy<DihedralRow[]> s_dihedral = new(() =>
        ReadCsv(ExpectedPath("pdq-dihedral-expected.csv"))
            .Select(f => new DihedralRow(f[0], f[1], Int(f[2]), f[3..11]))
            .ToArray());

    private static readonly Lazy<PublishedRow[]> s_published = new(() =>
        ReadCsv(ExpectedPath("published-hashes-vs-computed.csv"))
            .Select(f => new PublishedRow(f[0], f[1], f[2], f[3], NullableInt(f[5]), NullableInt(f[6])))
            .ToArray());

    public static IReadOnlyList<ExpectedRow> Expected => s_expected.Value;

    public static IReadOnlyList<DihedralRow> Dihedral => s_dihedral.Value;

    public static IReadOnlyList<PublishedRow> Published => s_published.Value;

    /// <summary>Reads one whitespace-separated float matrix (%.9g, so each value round-trips to the same float).</summary>
    public static float[] ReadFloats(string path) =>
        File.ReadAllText(path)
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToArray();

    public static Dictionary<string, string> ReadSummary(string name) =>
        File.ReadAllLines(ExpectedPath("intermediates", name, "summary.txt"))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>Rows of a simple CSV with a header; fields may be double-quoted (commas inside quotes).</summary>
    public static IEnumerable<string[]> ReadCsv(string path)
    {
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
                continue;
            var fields = new List<string>();
            var current = new System.Text.StringBuilder();
            bool quoted = false;
            foreach (char c in line)
            {
                if (c == '"')
                    quoted = !quoted;
                else if (c == ',' && !quoted)
                {
                    fields.Add(current.ToString());
                    current.Clear();
                }
                else
                    current.Append(c);
            }
            fields.Add(current.ToString());
            yield return fields.ToArray();
        }
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static int? NullableInt(string s) => s.Length == 0 ? null : Int(s);
}
