using Fingerprint.Cli.Tests.TestSupport;
using Xunit.Abstractions;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// Hostile inputs through the CLI (issue 3.5): one folder mixing good files (JPEG, PNG, WebP, GIF from the smoke corpus,
/// two of them under the wrong extension) with truncations, bit flips, an empty file, random bytes, decompression-bomb
/// headers declaring 60000x60000, a GIF declaring 10 000 frames and a text file. `hash -f jsonl` and `scan` must give one
/// record per file, a typed error code for each failure, every good file hashed as if it were alone, no crash, exit 3.
/// </summary>
public sealed class HostileInputTests : IClassFixture<HostileInputTests.Folder>
{
    /// <summary>Error codes a bad image may get (ProcessingError's documented codes for decoder failures).</summary>
    private static readonly string[] s_decodeErrors = ["empty", "truncated", "corrupt", "unsupported-format", "limit-exceeded"];

    private readonly Folder _folder;
    private readonly ITestOutputHelper _output;

    public HostileInputTests(Folder folder, ITestOutputHelper output)
    {
        _folder = folder;
        _output = output;
    }

    /// <summary>The hostile folder, written once for the class, and what each file must give (null: decodes).</summary>
    public sealed class Folder : IDisposable
    {
        private readonly TempDirectory _dir = new("fp-cli-hostile-");

        public Folder()
        {
            Root = _dir.Subdirectory("uploads");
            byte[] jpeg = File.ReadAllBytes(SmokeCorpus.PathOf("originals/photos/sk_coffee.jpg"));
            byte[] png = File.ReadAllBytes(SmokeCorpus.PathOf("originals/memes/comic_01.png"));
            byte[] webp = File.ReadAllBytes(SmokeCorpus.PathOf("originals/photos/gc_jaguar.webp"));
            byte[] gif = File.ReadAllBytes(SmokeCorpus.PathOf("edits/format/jxl_flower__gif-c256.gif"));
            Good = new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                ["good.jpg"] = jpeg,
                ["good.png"] = png,
                ["good.webp"] = webp,
                ["good.gif"] = gif,
                ["png-named.jpg"] = png,    // sniffed by content, never by extension
                ["jpeg-named.webp"] = jpeg,
            };
            foreach ((string name, byte[] data) in Good)
                Write(name, data);
            Expected = new Dictionary<string, string[]?>(StringComparer.Ordinal);
            foreach (string name in Good.Keys)
                Expected[name] = null;
            Add("truncated.jpg", HostileFiles.Truncate(jpeg, 0.5), "truncated", "corrupt");
            Add("truncated.png", HostileFiles.Truncate(png, 0.5), "truncated", "corrupt");
            Add("truncated.webp", HostileFiles.Truncate(webp, 0.5), "truncated", "corrupt");
            Add("truncated.gif", HostileFiles.Truncate(gif, 0.3), "truncated", "corrupt");
            Add("header-only.jpg", jpeg[..2], "truncated", "corrupt", "unsupported-format");
            Add("bitflips.jpg", HostileFiles.FlipBits(jpeg, 24, 0xB17F11), [.. s_decodeErrors, "ok"]);
            Add("bitflips.png", HostileFiles.FlipBits(png, 24, 0xB17F12), [.. s_decodeErrors, "ok"]);
            Add("bitflips.webp", HostileFiles.FlipBits(webp, 24, 0xB17F13), [.. s_decodeErrors, "ok"]);
            Add("empty.jpg", [], "empty");
            Add("random.bin", HostileFiles.Junk(4096, 7), "unsupported-format");
            Add("random.png", HostileFiles.Junk(20000, 8), "unsupported-format");
            Add("notes.txt", "not an image\n"u8.ToArray(), "unsupported-format");
            Add("bomb.png", HostileFiles.PngBomb(png, 60000, 60000), "limit-exceeded");
            Add("bomb.jpg", HostileFiles.JpegBomb(jpeg, 60000, 60000), "limit-exceeded");
            // 10 000 frames is exactly MediaLimits.MaxFrames: either hashed as an animation or refused by that limit.
            Add("frames-10000.gif", HostileFiles.AnimatedGif(10_000, 8), "limit-exceeded", "ok");
        }

        public string Root { get; }

        /// <summary>Good files by name (including the wrongly named copies).</summary>
        public Dictionary<string, byte[]> Good { get; }

        /// <summary>Allowed outcomes per file name: error codes, or "ok" for a decode; null = must decode.</summary>
        public Dictionary<string, string[]?> Expected { get; }

        public string PathOf(string name) => Path.Combine(Root, name);

        private void Add(string name, byte[] data, params string[] outcomes)
        {
            Write(name, data);
            Expected[name] = outcomes;
        }

        private void Write(string name, byte[] data) => File.WriteAllBytes(PathOf(name), data);

        public void Dispose() => _dir.Dispose();
    }

    [Fact]
    public async Task Hash_HostileFolder_OneRecordPerFileTypedErrorsGoodFilesHashedExit3()
    {
        CliResult r = await FingerprintCli.RunAsync("hash", "-f", "jsonl", "--jobs", "2", "--progress", "none", _folder.Root);
        CliResult alone = await FingerprintCli.RunAsync(["hash", "-f", "jsonl", "--progress", "none", .. _folder.Good.Keys.Select(_folder.PathOf)]);

        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Equal(0, alone.ExitCode);
        Dictionary<string, ScanRecord> hashedAlone = ScanRecord.ParseAll(alone.Stdout, scan: false).ToDictionary(x => Path.GetFileName(x.Path), StringComparer.Ordinal);
        AssertOneTypedRecordPerFile(ScanRecord.ParseAll(r.Stdout, scan: false), hashedAlone);
    }

    [Fact]
    public async Task Scan_HostileFolder_OneRecordPerFileTypedErrorsGoodFilesMatchedExit3()
    {
        using var dbDir = new TempDirectory("fp-cli-hostile-db-");
        string db = dbDir.File("bank.db");
        string[] originals = ["good.jpg", "good.png", "good.webp", "good.gif"];
        CliResult add = await FingerprintCli.RunAsync(["bank", "add", "--db", db, "--bank", "known", "--progress", "none", .. originals.Select(_folder.PathOf)]);
        Assert.True(add.ExitCode == 0, add.ToString());

        CliResult r = await FingerprintCli.RunAsync("scan", "--db", db, "--jobs", "2", "--progress", "none", _folder.Root);

        Assert.True(r.ExitCode == 3, r.ToString());
        List<ScanRecord> records = ScanRecord.ParseAll(r.Stdout, scan: true);
        AssertOneTypedRecordPerFile(records, hashedAlone: null);
        foreach (string name in _folder.Good.Keys)
        {
            ScanRecord x = records.Single(x => Path.GetFileName(x.Path) == name);
            Assert.True(x.Matches!.Count > 0 && x.Matches[0].Distance == 0, $"{name} is banked (or a copy of a banked file): {x.Line}");
        }
        int failed = records.Count(x => x.Error is not null);
        Assert.Contains($"  failed       {failed} (", r.Stderr, StringComparison.Ordinal);
        Assert.Contains($"  scanned      {records.Count} inputs", r.Stderr, StringComparison.Ordinal);
    }

    private void AssertOneTypedRecordPerFile(List<ScanRecord> records, Dictionary<string, ScanRecord>? hashedAlone)
    {
        string[] files = Directory.GetFiles(_folder.Root).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, records.Select(x => x.Path));
        var problems = new List<string>();
        foreach (ScanRecord x in records)
        {
            string name = Path.GetFileName(x.Path);
            string outcome = x.Error?.Code ?? "ok";
            _output.WriteLine($"{name,-18} {outcome,-18} {(x.Error is null ? $"{x.Kind} pdq={x.Pdq} q={x.Quality} frames={x.FrameCount}" : x.Error.Message)}");
            string[] allowed = _folder.Expected[name] ?? ["ok"];
            if (!allowed.Contains(outcome))
                problems.Add($"{name}: {outcome} ({x.Error?.Message}), expected one of {string.Join('/', allowed)}");
            if (x.Error is not null && !s_decodeErrors.Contains(x.Error.Code))
                problems.Add($"{name}: untyped error {x.Error.Code}: {x.Error.Message}");
            if (x.Error is null && x.Pdq is null)
                problems.Add($"{name}: no error and no hash");
            if (hashedAlone is not null && _folder.Good.ContainsKey(name) && x.Pdq != hashedAlone[name].Pdq)
                problems.Add($"{name}: hashed {x.Pdq} among hostile files, {hashedAlone[name].Pdq} alone");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        ScanRecord renamed = records.Single(x => x.Path.EndsWith("png-named.jpg", StringComparison.Ordinal));
        Assert.Equal(records.Single(x => x.Path.EndsWith("good.png", StringComparison.Ordinal)).Pdq, renamed.Pdq);
    }
}
