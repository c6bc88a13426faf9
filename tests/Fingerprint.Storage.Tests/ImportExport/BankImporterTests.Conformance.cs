using Fingerprint.Hashing;
using Fingerprint.Storage.ImportExport;
using Fingerprint.TestUtilities;

namespace Fingerprint.Storage.Tests.ImportExport;

public partial class BankImporterTests
{
    /// <summary>
    /// pdq-photo-hasher lines rebuilt from the conformance table's <c>cli_hash</c>/<c>cli_quality</c> columns (what the
    /// reference tool prints, ../shared/conformance/pdq/README.md) import as exactly those hashes; rows the README marks
    /// as degenerate (the 4x4 image's zero hash, the flat image's quality 0) are rejected by the checks.
    /// </summary>
    [Fact]
    public async Task PdqPhotoHasher_ConformanceRows_ImportAsThePrintedHashes()
    {
        string table = Path.Combine(RepoPaths.PdqConformance, "expected", "pdq-expected.csv");
        string[] rows = (await File.ReadAllLinesAsync(table)).Skip(1).Where(l => l.Length > 0).ToArray();
        Assert.True(rows.Length > 40, $"expected the conformance table at {table}");
        var expected = new List<(Hash256 Hash, int Quality, string File)>();
        var lines = new List<string>();
        int rejected = 0;
        foreach (string row in rows)
        {
            string[] f = row.Split(',');
            (string file, string hash, int quality) = (f[0], f[3], int.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture));
            lines.Add($"{hash},{quality},{file}");   // pdq-photo-hasher.cpp: printf("%s,%d,%s\n", hash, quality, filename)
            Hash256 h = Hash256.Parse(hash);
            if (h.IsZero || quality < ImportOptions.DefaultMinQuality)
                rejected++;
            else if (!expected.Exists(e => e.Hash == h))
                expected.Add((h, quality, file));
        }

        (ImportResult result, List<BankEntry> entries) = await ImportAsync(string.Join('\n', lines));
        Assert.Equal(ImportFormat.PdqPhotoHasher, result.Format);
        Assert.Equal(rejected, result.Rejected);
        Assert.Contains(result.Errors, e => e.Reason.StartsWith("hash is all zeros", StringComparison.Ordinal));
        Assert.Equal(expected.Select(e => e.Hash), entries.Select(e => e.Hash.ToHash256()));
        Assert.Equal(expected.Select(e => e.Quality), entries.Select(e => e.Quality!.Value));
        Assert.Equal(expected.Select(e => e.File), entries.Select(e => e.Source));
        Assert.Equal(rows.Length, result.Imported + result.Duplicates + result.Rejected);
    }
}
