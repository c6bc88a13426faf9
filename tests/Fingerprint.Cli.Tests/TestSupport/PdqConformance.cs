using System.Globalization;
using Fingerprint.TestUtilities;

namespace Fingerprint.Cli.Tests.TestSupport;

/// <summary>
/// The PDQ conformance tables of ../shared/conformance/pdq/expected (README.md there), read in place. Which rows are
/// checked strictly follows that README and the core's PdqConformanceTests: every row, except the flat image's hash
/// (quality 0: its hash is floating-point noise, so only its quality is compared) and the 16-bit I16.png in the cli512
/// profile (the reference's CImg wraps 16-bit samples mod 256, a quirk the product does not copy; its fullres row, made
/// with ImageMagick -depth 8 scaling, is exact).
/// </summary>
internal static class PdqConformance
{
    public const string Flat = "synthetic/synth-flat-200x150.png";
    public const string SixteenBit = "python-threatexchange/threatexchange/tests/hashing/resources/I16.png";
    public const string Exif6 = "pdq/data/reg-test-input/exif-rotn/exif-rotn-6.jpg";

    public static string Images => Path.Combine(RepoPaths.PdqConformance, "images");

    public static string ImagePath(string file) => Path.Combine(Images, file);

    public static IReadOnlyList<ExpectedRow> Expected { get; } =
        ReadCsv(Path.Combine(RepoPaths.PdqConformance, "expected", "pdq-expected.csv"))
            .Select(f => new ExpectedRow(f[0], Int(f[1]), Int(f[2]), f[3], Int(f[4]), f[5], Int(f[6])))
            .ToArray();

    public static IReadOnlyList<DihedralRow> Dihedral { get; } =
        ReadCsv(Path.Combine(RepoPaths.PdqConformance, "expected", "pdq-dihedral-expected.csv"))
            .Select(f => new DihedralRow(f[0], f[1], Int(f[2]), f[3..11]))
            .ToArray();

    /// <summary>Whether the row's hash is compared bit for bit in <paramref name="profile"/> ("fullres" or "cli512").</summary>
    public static bool HashIsStrict(string file, string profile) => file != Flat && !(file == SixteenBit && profile == "cli512");

    /// <summary>Whether the row's quality is compared in <paramref name="profile"/>.</summary>
    public static bool QualityIsStrict(string file, string profile) => !(file == SixteenBit && profile == "cli512");

    public sealed record ExpectedRow(string File, int Width, int Height, string CliHash, int CliQuality, string FullResHash, int FullResQuality)
    {
        public string Hash(string profile) => profile == "cli512" ? CliHash : FullResHash;

        public int Quality(string profile) => profile == "cli512" ? CliQuality : FullResQuality;
    }

    /// <summary>A pdq-dihedral-expected.csv row: the 8 hashes in the order orig, rot90, rot180, rot270, flipx, flipy, flipp, flipm.</summary>
    public sealed record DihedralRow(string File, string Profile, int Quality, string[] Hashes);

    private static IEnumerable<string[]> ReadCsv(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
