using System.Text.Json;
using Fingerprint.Cli.Tests.TestSupport;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// `fingerprint bank create|list|stats|remove|export|import|add`: round trips through the embedded database, import
/// error reporting (line numbers, exit 3), and the exit codes of a missing database (5), a bad bank name (2) and usage
/// errors (2).
/// </summary>
public sealed class BankCommandTests : IDisposable
{
    private const string GoodA = "8c629e779a663698b9a33866c026726c21a679f61eb6e1f8c79ba7e23c8299e0";
    private const string GoodB = "4adcdf52172c317caf03caa1536bde87dcb63e94352b4aad81c31152aad6154b";
    private const string GoodC = "21d3f602b8af9f534cdf7e62933bc005bb4242a7444e9aa1f09f034bde2079f6";

    private readonly TempDirectory _dir = new("fp-cli-bank-");

    private string Db => _dir.File("banks.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Bank_CreateListStatsRemove_RoundTrip()
    {
        CliResult create = await FingerprintCli.RunAsync("bank", "create", "--db", Db, "alpha", "-d", "first bank");
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("created bank 'alpha'", create.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Db));

        CliResult again = await FingerprintCli.RunAsync("bank", "create", "--db", Db, "ALPHA");
        Assert.True(again.ExitCode == 5, $"names are unique ignoring case: {again}");
        Assert.Contains("alpha", again.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await FingerprintCli.RunAsync("bank", "create", "--db", Db, "alpha", "--exist-ok")).ExitCode);
        Assert.Equal(0, (await FingerprintCli.RunAsync("bank", "create", "--db", Db, "beta")).ExitCode);

        string csv = _dir.File("three.csv");
        await File.WriteAllTextAsync(csv, $"hash,quality,label\n{GoodA},100,one\n{GoodB},90,two\n{GoodC},80,three\n");
        CliResult import = await FingerprintCli.RunAsync("bank", "import", "--db", Db, "alpha", csv);
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("imported 3 into 'alpha'", import.Stderr, StringComparison.Ordinal);

        CliResult list = await FingerprintCli.RunAsync("bank", "list", "--db", Db);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"(?m)^alpha +3 +3 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  first bank\s*$", list.Stdout);
        Assert.Matches(@"(?m)^beta +0 +0 ", list.Stdout);

        CliResult stats = await FingerprintCli.RunAsync("bank", "stats", "--db", Db, "alpha");
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("live entries      3", stats.Stdout, StringComparison.Ordinal);
        Assert.Contains("searchable PDQ    3", stats.Stdout, StringComparison.Ordinal);
        Assert.Contains("80-89:1  90-100:2", stats.Stdout, StringComparison.Ordinal);

        long two = EntryIdOf(await Export("alpha", "jsonl"), GoodB);
        CliResult removeEntry = await FingerprintCli.RunAsync("bank", "remove", "--db", Db, "alpha", "--entry", two.ToString());
        Assert.True(removeEntry.ExitCode == 0, removeEntry.ToString());
        CliResult removeAgain = await FingerprintCli.RunAsync("bank", "remove", "--db", Db, "alpha", "--entry", two.ToString());
        Assert.True(removeAgain.ExitCode == 3, $"an entry that is no longer live: {removeAgain}");
        stats = await FingerprintCli.RunAsync("bank", "stats", "--db", Db, "alpha");
        Assert.Contains("live entries      2", stats.Stdout, StringComparison.Ordinal);
        Assert.Contains("removed entries   1", stats.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(GoodB, await Export("alpha", "csv"), StringComparison.Ordinal);

        Assert.Equal(0, (await FingerprintCli.RunAsync("bank", "remove", "--db", Db, "beta")).ExitCode);
        list = await FingerprintCli.RunAsync("bank", "list", "--db", Db);
        Assert.DoesNotMatch(@"(?m)^beta ", list.Stdout);
        CliResult gone = await FingerprintCli.RunAsync("bank", "stats", "--db", Db, "beta");
        Assert.True(gone.ExitCode == 5, gone.ToString());
        Assert.Contains("'beta' does not exist", gone.Stderr, StringComparison.Ordinal);
        Assert.Equal(5, (await FingerprintCli.RunAsync("bank", "remove", "--db", Db, "beta")).ExitCode);
        Assert.Equal(0, (await FingerprintCli.RunAsync("bank", "create", "--db", Db, "beta")).ExitCode);   // the name is free again
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public async Task Bank_ExportThenImport_ReproducesEveryFieldButTheEntryId(string format)
    {
        // Real entries: stills, an animation and a video (vPDQ frames), with label, campaign and tags.
        string[] files =
        [
            SmokeCorpus.PathOf("originals/photos/sk_coffee.jpg"), SmokeCorpus.PathOf("originals/memes/comic_01.png"),
            SmokeCorpus.PathOf("video/comparison_meme.gif"), SmokeCorpus.PathOf("video/meme_clip.mp4"),
        ];
        CliResult add = await FingerprintCli.RunAsync(["bank", "add", "--db", Db, "--bank", "source", "--campaign", "camp-1",
            "--tag", "t1", "--tag", "t2", "--label", "known meme", "--progress", "none", .. files]);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(files.Length, add.Lines.Length);

        string exported = await Export("source", format);
        string file = _dir.File("export." + format);
        CliResult toFile = await FingerprintCli.RunAsync("bank", "export", "--db", Db, "source", "-f", format, "-o", file);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(exported, await File.ReadAllTextAsync(file));   // -o writes what stdout would carry
        Assert.Contains($"exported {files.Length} entries of 'source' to {file}", toFile.Stderr, StringComparison.Ordinal);

        CliResult import = await FingerprintCli.RunAsync("bank", "import", "--db", Db, "copy", file, "--create");
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains($"imported {files.Length} into 'copy'", import.Stderr, StringComparison.Ordinal);
        string roundTrip = await Export("copy", format);

        Assert.Equal(WithoutEntryIds(exported, format), WithoutEntryIds(roundTrip, format));
        Assert.Contains("camp-1", exported, StringComparison.Ordinal);
        Assert.Contains("known meme", exported, StringComparison.Ordinal);
        Assert.Contains("vpdq", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bank_ImportWithBadLines_ReportsEachWithItsLineNumberImportsTheRestExit3()
    {
        Assert.Equal(0, (await FingerprintCli.RunAsync("bank", "create", "--db", Db, "shared")).ExitCode);
        string file = _dir.File("shared.csv");
        await File.WriteAllTextAsync(file, string.Join('\n',
            "hash,quality,label",
            $"{GoodA},100,good one",
            $"{GoodA[..60]},100,too short",
            $"{new string('z', 64)},100,not hex",
            $"{new string('0', 64)},100,all zero",
            $"{GoodB},20,below the quality gate",
            $"{GoodC},90,good two") + "\n");

        CliResult r = await FingerprintCli.RunAsync("bank", "import", "--db", Db, "shared", file);

        Assert.True(r.ExitCode == 3, r.ToString());
        foreach (int line in new[] { 3, 4, 5, 6 })
            Assert.Contains($"{file}: line {line}: ", r.Stderr, StringComparison.Ordinal);
        foreach (int line in new[] { 1, 2, 7 })
            Assert.DoesNotContain($"{file}: line {line}: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("imported 2 into 'shared'", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("4 rejected", r.Stderr, StringComparison.Ordinal);
        string exported = await Export("shared", "csv");
        Assert.Contains(GoodA, exported, StringComparison.Ordinal);
        Assert.Contains(GoodC, exported, StringComparison.Ordinal);
        Assert.DoesNotContain(GoodB, exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bank_ImportHashOutputFromStdin_ReadsPdqPhotoHasherLines()
    {
        // `fingerprint hash` prints what pdq-photo-hasher prints, and import reads that format back.
        string[] images = PdqConformance.Expected.Where(e => e.FullResQuality >= 50).Take(5).Select(e => PdqConformance.ImagePath(e.File)).ToArray();
        CliResult hash = await FingerprintCli.RunAsync(["hash", .. images]);
        Assert.Equal(0, hash.ExitCode);

        CliResult missing = await FingerprintCli.RunWithStdinAsync(hash.Stdout, "bank", "import", "--db", Db, "from-hash", "-");
        Assert.True(missing.ExitCode == 5, $"the bank does not exist and --create was not given: {missing}");
        CliResult r = await FingerprintCli.RunWithStdinAsync(hash.Stdout, "bank", "import", "--db", Db, "from-hash", "-", "--create");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"imported {images.Length} into 'from-hash' (PdqPhotoHasher;", r.Stderr, StringComparison.Ordinal);
        string exported = await Export("from-hash", "csv");
        foreach (string line in hash.Lines)
            Assert.Contains(line.Split(',')[0], exported, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> NeedTheDatabase() =>
    [
        ["bank", "list"], ["bank", "stats", "alpha"], ["bank", "remove", "alpha"], ["bank", "export", "alpha"],
        ["scan", "."],
    ];

    [Theory]
    [MemberData(nameof(NeedTheDatabase))]
    public async Task Bank_MissingDatabase_Exit5WithAClearMessageAndNoFileCreated(string[] args)
    {
        string db = _dir.File("no-such.db");

        CliResult r = await FingerprintCli.RunAsync([.. args, "--db", db]);

        Assert.True(r.ExitCode == 5, r.ToString());
        Assert.Contains($"bank database '{db}' does not exist", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
        Assert.False(File.Exists(db));
    }

    public static TheoryData<string[]> BadNames() =>
    [
        ["bank", "create", "bad name"], ["bank", "create", "../evil"], ["bank", "create", "-dash-first"], ["bank", "create", ""],
        ["bank", "create", new string('x', 65)], ["bank", "stats", "bad/name"], ["bank", "remove", "semi;colon"],
        ["bank", "export", "é"], ["bank", "import", "bad name", "-"], ["bank", "add", "--bank", "a b", "."],
    ];

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Bank_BadBankName_Exit2(string[] args)
    {
        Assert.Equal(0, (await FingerprintCli.RunAsync("bank", "create", "--db", Db, "alpha")).ExitCode);

        CliResult r = await FingerprintCli.RunAsync([.. args, "--db", Db]);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("name", r.Stderr, StringComparison.OrdinalIgnoreCase);   // "Invalid bank name ..." ("-dash-first" reads as an option: "Required argument 'NAME' missing")
    }

    public static TheoryData<string[]> UsageErrors() =>
    [
        ["bank"], ["bank", "frobnicate"], ["bank", "create"], ["bank", "stats"], ["bank", "import", "alpha"],
        ["bank", "export", "alpha", "--format", "xml"], ["bank", "list", "--bogus"], ["bank", "add", "."],
        ["bank", "remove", "alpha", "--entry", "seven"], ["bank", "add", "--bank", "alpha"],
    ];

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Bank_UsageError_Exit2WithAHint(string[] args)
    {
        Assert.Equal(0, (await FingerprintCli.RunAsync("bank", "create", "--db", Db, "alpha")).ExitCode);

        CliResult r = await FingerprintCli.RunAsync([.. args, "--db", Db]);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("fingerprint: ", r.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> Export(string bank, string format)
    {
        CliResult r = await FingerprintCli.RunAsync("bank", "export", "--db", Db, bank, "-f", format);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout;
    }

    private static long EntryIdOf(string jsonl, string hash)
    {
        foreach (string line in jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("hash").GetString() == hash)
                return doc.RootElement.GetProperty("entry_id").GetInt64();
        }
        throw new Xunit.Sdk.XunitException($"{hash} not in the export");
    }

    /// <summary>The export with its entry_id column (csv) or member (jsonl) removed: the only field a bank assigns itself.</summary>
    private static string[] WithoutEntryIds(string export, string format)
    {
        if (format == "csv")
        {
            CsvTable t = CsvTable.Parse(export);
            Assert.Equal("entry_id", t.Header[0]);
            return t.Rows.Select(r => string.Join('\u001f', r[1..])).ToArray();
        }
        return export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            Assert.True(node.Remove("entry_id"));
            return node.ToJsonString();
        }).ToArray();
    }
}
