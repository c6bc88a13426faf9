using System.Text.RegularExpressions;
using Fingerprint.Cli.Tests.TestSupport;
using Xunit.Abstractions;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// `fingerprint scan` end to end over the smoke tier's scan scenario (issue 5.6): the bank originals are added with
/// `bank add`, the uploads scanned, and the results held against scan/expected.jsonl, which the corpus generator wrote
/// (ground truth: which bank file each upload was made from, or null).
/// </summary>
[Collection(SmokeScanCollection.Name)]
public partial class ScanScenarioTests(SmokeScanFixture scan, ITestOutputHelper output)
{
    /// <summary>
    /// The edits PDQ with dihedral matching is built to survive, decided from the corpus' edit catalogue
    /// (testmedia/README.md "Edits"): global re-encodings, rescalings and tone changes leave the 64x64 luma's
    /// low-frequency DCT signs alone, and the 8 dihedral variants cover the lossless rotations and mirrors.
    /// <list type="bullet">
    /// <item>jpeg: re-encoding at quality 90 / 70 / 40;</item>
    /// <item>resize: 0.75 / 0.5 / 0.25, and the one-axis 0.85 stretch (PDQ rescales to 64x64 anyway);</item>
    /// <item>dihedral: rotate 90 / 180 / 270, mirror, flip, transpose, transverse;</item>
    /// <item>format: WebP q90 / q75 / q40, PNG8 and GIF with 256 / 64 / 16 colours, lossless PNG;</item>
    /// <item>colour, mild only: brightness/contrast 5x5, gamma 0.85-1.2, saturation 80-125, hue 96-104;</item>
    /// <item>blur, mild only (sigma 1), and noise, mild only (attenuate 0.3);</item>
    /// <item>reshare generation_loss: resizes and JPEG re-encodes only (the jpeg and resize families chained).</item>
    /// </list>
    /// Everything else (crops, pads, borders, captions, text overlays, screenshots, 2-10 degree rotations, collage
    /// panels, stronger colour/blur/noise, the other reshare chains, stills inside videos) is measured and reported per
    /// family by <see cref="Scan_EditsPdqIsBuiltToSurvive_MatchTheirOwnOriginal"/>, not asserted.
    /// </summary>
    internal static bool MustSurvive(SmokeCorpus.ExpectedUpload u) =>
        u.Role == "edit" && u.Expected is not null && (u.Family switch
        {
            "jpeg" or "resize" or "dihedral" or "format" => true,
            "colour" or "blur" or "noise" => u.Strength == "mild",
            "reshare" => u.Transform == "generation_loss",
            _ => false,
        });

    [Fact]
    public void BankAdd_ScanBankOriginals_AddsEachFileOnceWithItsQuality()
    {
        string[] files = Directory.GetFiles(SmokeCorpus.ScanBank).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(16, files.Length);
        Assert.Equal(files, scan.EntryOf.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(files.Length, scan.EntryOf.Values.Distinct().Count());
        Assert.Contains($"bank '{SmokeScanFixture.BankName}': added 16, already present 0, skipped (low quality) 0, failed 0", scan.BankAdd.Stderr, StringComparison.Ordinal);
        foreach (string line in scan.BankAdd.Lines)
        {
            string[] f = line.Split(',', 4);
            Assert.Matches("^[0-9a-f]{64}$", f[1]);
            Assert.InRange(int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), 50, 100);
        }
    }

    [Fact]
    public void Scan_EveryUpload_OneSchemaValidRecordInInputOrderWithTheFileFacts()
    {
        Assert.True(scan.Scan.ExitCode == 0, $"matches were found, so the exit code is 0: {scan.Scan}");
        string[] uploads = Directory.GetFiles(SmokeCorpus.ScanUploads).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(103, uploads.Length);
        Assert.Equal(uploads, scan.Records.Select(r => r.Path));   // one record each, in the (sorted) input order
        Dictionary<string, SmokeCorpus.ManifestRecord> manifest = SmokeCorpus.Manifest.ToDictionary(m => m.File, StringComparer.Ordinal);
        foreach (SmokeCorpus.ExpectedUpload u in SmokeCorpus.Expected)
        {
            ScanRecord r = scan.ByPath[u.UploadPath];
            Assert.Null(r.Error);
            Assert.Equal(manifest["scan/" + u.Upload].Sha256, r.Sha256);   // the generator's sha256, not ours
            string kind = u.Kind == "image" ? "image" : u.Upload.EndsWith(".gif", StringComparison.Ordinal) ? "animation" : "video";
            Assert.Equal(kind, r.Kind);
            if (kind == "video")
            {
                Assert.Null(r.Pdq);
                Assert.True(r.FrameCount > 0, $"{u.Upload}: a video record lists its sampled frames");
            }
            else
            {
                Assert.NotNull(r.Pdq);
                Assert.NotNull(r.Quality);
                Assert.NotNull(r.LowQuality);
            }
        }
        Assert.Contains("scan summary", scan.Scan.Stderr, StringComparison.Ordinal);
        Assert.Contains("  scanned      103 inputs", scan.Scan.Stderr, StringComparison.Ordinal);
        Assert.Contains("  failed       0", scan.Scan.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_EditsPdqIsBuiltToSurvive_MatchTheirOwnOriginal()
    {
        var failures = new List<string>();
        var byFamily = new SortedDictionary<string, (int Found, int Total, List<string> Missed)>(StringComparer.Ordinal);
        foreach (SmokeCorpus.ExpectedUpload u in SmokeCorpus.Expected.Where(u => u.Role == "edit" && u.Expected is not null))
        {
            ScanRecord r = scan.ByPath[u.UploadPath];
            long entry = scan.EntryOf[u.ExpectedPath!];
            bool found = r.Matches!.Count > 0 && r.Matches[0].Entry == entry;
            string key = u.Family!;
            (int f, int t, List<string> missed) = byFamily.TryGetValue(key, out var v) ? v : (0, 0, new List<string>());
            if (!found)
                missed.Add($"{u.Transform}/{u.Strength ?? "-"}");
            byFamily[key] = (f + (found ? 1 : 0), t + 1, missed);
            if (!MustSurvive(u))
                continue;
            if (!found)
            {
                failures.Add($"{u.Upload} ({u.Variant}) should match {u.Expected} (entry {entry}): got " +
                             (r.Matches.Count == 0 ? "no match" : string.Join(", ", r.Matches.Select(m => $"entry {m.Entry} at {m.Distance}"))));
                continue;
            }
            MatchInfo m = r.Matches[0];
            Assert.Equal(SmokeScanFixture.BankName, m.Bank);
            Assert.Equal(Path.GetFileName(u.ExpectedPath), m.Label);       // bank add labels entries with the file name
            Assert.Equal(u.ExpectedPath, m.Source);                        // and records the path it was given
            Assert.Equal(31, m.Threshold);
            if (u.Family == "dihedral")
                Assert.Equal(DihedralVariantOf(u.Transform!), m.Variant);
        }
        output.WriteLine("recall per edit family on the smoke scan scenario (best match is the expected bank entry):");
        foreach ((string family, (int found, int total, List<string> missed)) in byFamily)
            output.WriteLine($"  {family,-14} {found,2}/{total,-2}{(missed.Count == 0 ? "" : "  missed: " + string.Join(", ", missed))}");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(31, SmokeCorpus.Expected.Count(MustSurvive));   // the list above as the smoke tier instantiates it: 3+4+7+10+4+1+1+1
    }

    /// <summary>Which dihedral variant of the upload equals the original, in PDQ's naming (rotations counter-clockwise).</summary>
    private static string DihedralVariantOf(string transform) => transform switch
    {
        "rotate90_cw" => "rot90",       // the upload turned 90 degrees counter-clockwise is the original
        "rotate180" => "rot180",
        "rotate270_cw" => "rot270",
        "mirror_lr" => "flipy",
        "flip_tb" => "flipx",
        "transpose" => "flipp",
        "transverse" => "flipm",
        _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, null),
    };

    [Fact]
    public void Scan_AnyMatchOfAnEdit_IsItsOwnOriginal()
    {
        foreach (SmokeCorpus.ExpectedUpload u in SmokeCorpus.Expected.Where(u => u.Expected is not null))
        {
            long entry = scan.EntryOf[u.ExpectedPath!];
            foreach (MatchInfo m in scan.ByPath[u.UploadPath].Matches!)
                Assert.True(m.Entry == entry, $"{u.Upload} ({u.Variant}) matched entry {m.Entry} ({m.Label}) at {m.Distance}, not its original {u.Expected}");
        }
    }

    [Fact]
    public void Scan_Distractors_MatchNothing()
    {
        SmokeCorpus.ExpectedUpload[] distractors = SmokeCorpus.Expected.Where(u => u.Expected is null).ToArray();
        Assert.True(distractors.Length >= 20, "the smoke scenario has distractors");
        foreach (SmokeCorpus.ExpectedUpload u in distractors)
        {
            ScanRecord r = scan.ByPath[u.UploadPath];
            Assert.True(r.Matches!.Count == 0,
                $"distractor {u.Upload} ({u.Variant}, from {u.SourceFile}) matched {string.Join(", ", r.Matches.Select(m => $"{m.Label} at {m.Distance}"))}");
        }
    }

    [Fact]
    public void Scan_FlatUploads_AreReportedLowQualityAndNotMatched()
    {
        // Solid colours and smooth gradients carry no DCT structure: PDQ quality is low (0 for a solid colour by
        // definition), so the gate reports them instead of matching. The text-only "flat" image is not low quality
        // (its glyph edges give quality 100), although the manifest marks it low_quality_expected; it is only held to
        // matching nothing, with the other distractors.
        SmokeCorpus.ExpectedUpload[] flat = SmokeCorpus.Expected
            .Where(u => u.Transform is "flat_solid" or "flat_gradient" or "flat_radial_gradient").ToArray();
        Assert.True(flat.Length >= 4);
        foreach (SmokeCorpus.ExpectedUpload u in flat)
        {
            ScanRecord r = scan.ByPath[u.UploadPath];
            Assert.True(r.LowQuality == true && r.Quality < 50 && r.Matches!.Count == 0, $"{u.Upload} ({u.Transform}): {r.Line}");
            if (u.Transform == "flat_solid")
                Assert.Equal(0, r.Quality);
        }
        Assert.All(scan.Records.Where(r => r.LowQuality == true), r => Assert.Empty(r.Matches!));
        Assert.Contains($"  low quality  {scan.Records.Count(r => r.LowQuality == true)} (below 50, not matched)", scan.Scan.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_CsvAndText_CarryTheSameFactsAsJsonl()
    {
        CliResult csvRun = await FingerprintCli.RunAsync("scan", "--db", scan.Db, "-f", "csv", "--progress", "none", SmokeCorpus.ScanUploads);
        CliResult textRun = await FingerprintCli.RunAsync("scan", "--db", scan.Db, "-f", "text", "--progress", "none", SmokeCorpus.ScanUploads);
        Assert.Equal(0, csvRun.ExitCode);
        Assert.Equal(0, textRun.ExitCode);

        var jsonFacts = scan.Records.ToDictionary(r => r.Path, r => Facts(r.Pdq, r.Quality?.ToString(), r.LowQuality, MatchFacts(r)), StringComparer.Ordinal);

        CsvTable csv = CsvTable.Parse(csvRun.Stdout);
        string[] required = ["path", "sha256", "kind", "pdq", "quality", "low_quality", "bank", "entry", "label", "source", "distance", "threshold", "margin", "variant", "error"];
        Assert.All(required, c => Assert.Contains(c, csv.Header));
        var csvFacts = csv.Rows.GroupBy(row => csv.Get(row, "path"), StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            string[] first = g.First();
            Assert.All(g, row => Assert.Equal(csv.Get(first, "sha256"), csv.Get(row, "sha256")));
            Assert.Equal(scan.ByPath[g.Key].Sha256, csv.Get(first, "sha256"));
            Assert.Equal(scan.ByPath[g.Key].Kind, csv.Get(first, "kind"));
            return Facts(Empty(csv.Get(first, "pdq")), Empty(csv.Get(first, "quality")), Empty(csv.Get(first, "low_quality")) is string b ? bool.Parse(b) : null,
                g.Where(row => csv.Get(row, "bank").Length > 0)
                 .Select(row => $"{csv.Get(row, "bank")}#{csv.Get(row, "entry")}:{csv.Get(row, "label")}:{csv.Get(row, "distance")}/{csv.Get(row, "threshold")}/{csv.Get(row, "margin")}:{csv.Get(row, "variant")}"));
        }, StringComparer.Ordinal);
        Assert.Equal(jsonFacts.Keys.Order(StringComparer.Ordinal), csvFacts.Keys.Order(StringComparer.Ordinal));
        foreach (string path in jsonFacts.Keys)
            Assert.Equal(jsonFacts[path], csvFacts[path]);

        // Text: one MATCH line per match, else one nomatch or LOWQ line per input (no failures in this scenario).
        var textMatches = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var textOther = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in textRun.Lines)
        {
            Match m = TextMatchLine().Match(line);
            if (m.Success)
            {
                string label = m.Groups["label"].Value;
                (textMatches.TryGetValue(m.Groups["path"].Value, out var list) ? list : textMatches[m.Groups["path"].Value] = [])
                    .Add($"{m.Groups["bank"].Value}#{m.Groups["entry"].Value}:{label}:{m.Groups["d"].Value}/{m.Groups["t"].Value}/{m.Groups["m"].Value}:{m.Groups["v"].Value}");
                continue;
            }
            Match o = TextOtherLine().Match(line);
            Assert.True(o.Success, $"unexpected text line: {line}");
            textOther.Add(o.Groups["path"].Value, o.Groups["what"].Value);
        }
        foreach (ScanRecord r in scan.Records)
        {
            if (r.Matches!.Count > 0)
            {
                Assert.Equal(MatchFacts(r), textMatches[r.Path]);
                Assert.False(textOther.ContainsKey(r.Path));
            }
            else
            {
                Assert.Equal(r.LowQuality == true ? "LOWQ" : "nomatch", textOther[r.Path]);
                if (r.Pdq is not null && r.LowQuality != true)
                    Assert.Contains($"{r.Path}  pdq={r.Pdq} q={r.Quality}", textRun.Stdout, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The facts of one input, as one comparable string: pdq | quality | lowQuality | match;match;...</summary>
    private static string Facts(string? pdq, string? quality, bool? low, IEnumerable<string> matches) =>
        $"{pdq}|{quality}|{low}|{string.Join(';', matches)}";

    private static List<string> MatchFacts(ScanRecord r) =>
        r.Matches!.Select(m => $"{m.Bank}#{m.Entry}:{m.Label}:{m.Distance}/{m.Threshold}/{m.Margin}:{m.Variant}").ToList();

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    [GeneratedRegex(@"^MATCH +(?<path>.+?)  -> (?<bank>[^#]+)#(?<entry>\d+) ""(?<label>[^""]*)""  distance (?<d>\d+)/(?<t>\d+) \(margin (?<m>-?\d+)\) variant=(?<v>\w+)")]
    private static partial Regex TextMatchLine();

    [GeneratedRegex(@"^(?<what>nomatch|LOWQ) +(?<path>.+?)  ")]
    private static partial Regex TextOtherLine();

    [Fact]
    public async Task Scan_DistractorsOnly_ExitsNoMatchAndWithABadFileMixedInExitsInputError()
    {
        string[] distractors = SmokeCorpus.Expected.Where(u => u.Expected is null).Select(u => u.UploadPath).ToArray();
        string list = scan.Scratch.File("distractors.txt");
        await File.WriteAllLinesAsync(list, distractors);

        CliResult clean = await FingerprintCli.RunAsync("scan", "--db", scan.Db, "--progress", "none", "--from-list", list);
        Assert.True(clean.ExitCode == 1, $"nothing matched, so the exit code is 1: {clean}");
        List<ScanRecord> records = ScanRecord.ParseAll(clean.Stdout, scan: true);
        Assert.Equal(distractors, records.Select(r => r.Path));
        Assert.All(records, r => Assert.Empty(r.Matches!));

        string empty = scan.Scratch.File("empty-upload.jpg");
        await File.WriteAllBytesAsync(empty, []);
        CliResult mixed = await FingerprintCli.RunWithStdinAsync(string.Join('\n', distractors.Take(3).Append(empty)),
            "scan", "--db", scan.Db, "--progress", "none", "--from-list", "-");
        Assert.True(mixed.ExitCode == 3, $"an input failed, so the exit code is 3: {mixed}");
        ScanRecord bad = ScanRecord.ParseAll(mixed.Stdout, scan: true).Single(r => r.Path == empty);
        Assert.Equal("empty", bad.Error?.Code);
        Assert.Contains("  failed       1 (empty 1)", mixed.Stderr, StringComparison.Ordinal);

        // A matching upload with a bad file mixed in is still exit 3: the failure is what a caller must notice.
        string match = SmokeCorpus.Expected.First(u => u.Family == "jpeg").UploadPath;
        CliResult matchAndBad = await FingerprintCli.RunAsync("scan", "--db", scan.Db, "--progress", "none", match, empty);
        Assert.Equal(3, matchAndBad.ExitCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Scan_ByteIdenticalCopies_HashedOnceAndReportedForEachPath(int round)
    {
        SmokeCorpus.ExpectedUpload source = SmokeCorpus.Expected.First(u => u.Family == "jpeg");
        string dir = scan.Scratch.Subdirectory($"duplicates-{round}");
        string[] copies = ["a.jpg", "b.jpg", "c.jpg"];
        foreach (string name in copies)
            File.Copy(source.UploadPath, Path.Combine(dir, name));
        File.Copy(SmokeCorpus.Expected.First(u => u.Family == "random_photo").UploadPath, Path.Combine(dir, "d" + Path.GetExtension(SmokeCorpus.Expected.First(u => u.Family == "random_photo").Upload)));

        CliResult r = await FingerprintCli.RunAsync("scan", "--db", scan.Db, "--jobs", "2", "--progress", "none", dir);

        Assert.True(r.ExitCode == 0, r.ToString());
        List<ScanRecord> records = ScanRecord.ParseAll(r.Stdout, scan: true);
        Assert.Equal(4, records.Count);
        ScanRecord[] same = records.Where(x => copies.Contains(Path.GetFileName(x.Path))).ToArray();
        Assert.Equal(3, same.Length);
        ScanRecord original = scan.ByPath[source.UploadPath];
        foreach (ScanRecord x in same)
        {
            Assert.Equal((original.Sha256, original.Pdq, original.Quality), (x.Sha256, x.Pdq, x.Quality));
            Assert.Equal(original.Matches, x.Matches);
        }
        ScanRecord hashed = Assert.Single(same, x => x.DuplicateOf is null);
        Assert.All(same.Where(x => x != hashed), x => Assert.Equal(hashed.Path, x.DuplicateOf));
        Assert.Contains("  identical    2 inputs were byte-identical to an earlier one (hashed once)", r.Stderr, StringComparison.Ordinal);
    }
}
