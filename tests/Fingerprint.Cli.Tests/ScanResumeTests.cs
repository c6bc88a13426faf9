using System.Globalization;
using System.Text;
using System.Text.Json;
using Fingerprint.Cli.Tests.TestSupport;
using Fingerprint.TestUtilities;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// Resumable scans (issue 5.4) with a real `fingerprint` process over a folder of 1000 small distinct images: SIGKILL
/// mid-run, then the same command with the same journal: the union of both outputs (by path) is one uninterrupted run's
/// output, no path missing; and SIGINT stops cleanly (exit 130, summary on stderr, every record written is journaled
/// and every journaled path has its record). The kill lands mid-run however fast or slow the machine: the test reads
/// 64 records (the first journal flush), then stops reading, so the process blocks on the full stdout pipe after a few
/// hundred more (its 64 KiB buffer plus the pipe's); only then is the signal sent.
/// </summary>
public sealed class ScanResumeTests : IClassFixture<ScanResumeTests.Folder>
{
    private const int Files = 1000;
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    private readonly Folder _folder;

    public ScanResumeTests(Folder folder) => _folder = folder;

    /// <summary>The uploads, a bank holding 25 of them (so records carry matches), and one uninterrupted scan of all.</summary>
    public sealed class Folder : IAsyncLifetime, IDisposable
    {
        private readonly TempDirectory _dir = new("fp-cli-resume-");

        /// <summary>Deep, as upload stores are: records and journal lines of 100+ characters fill buffers quickly.</summary>
        public string Uploads => Path.Combine(_dir.Path, "uploads", "incoming-from-the-public-upload-endpoint", "2026", "11", "27");

        public string Db => _dir.File("resume.db");

        internal TempDirectory Dir => _dir;

        /// <summary>path -> record line of the uninterrupted run.</summary>
        public Dictionary<string, string> Baseline { get; } = new(StringComparer.Ordinal);

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Uploads);
            for (int i = 0; i < Files; i++)
                await File.WriteAllBytesAsync(Path.Combine(Uploads, $"upload-{i:D4}.pgm"), BlockyPgm(64, 64, 0x5EED0000UL + (ulong)i));
            string[] known = Directory.GetFiles(Uploads).Order(StringComparer.Ordinal).Take(25).ToArray();
            CliResult add = await FingerprintCli.RunAsync(["bank", "add", "--db", Db, "--bank", "known", "--progress", "none", .. known]);
            if (add.ExitCode != 0)
                throw new InvalidOperationException(add.ToString());
            CliResult full = await FingerprintCli.RunAsync(ScanArgs(Db, Uploads, journal: null));
            if (full.ExitCode != 0)
                throw new InvalidOperationException(full.ToString());
            foreach (string line in full.Lines)
                Baseline.Add(ScanRecord.Parse(line, scan: true).Path, line);
            if (Baseline.Count != Files)
                throw new InvalidOperationException($"{Baseline.Count} records for {Files} files");
        }

        public Task DisposeAsync()
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose() => _dir.Dispose();
    }

    internal static string[] ScanArgs(string db, string uploads, string? journal) =>
        ["scan", "--db", db, "-f", "jsonl", "--jobs", "2", "--progress", "none", .. journal is null ? Array.Empty<string>() : ["--journal", journal], uploads];

    [Fact]
    public async Task Scan_KilledThenRerunWithTheJournal_UnionEqualsOneUninterruptedRun()
    {
        string journal = _folder.Dir.File("killed.journal");
        string[] args = ScanArgs(_folder.Db, _folder.Uploads, journal);

        List<string> first;
        using (FingerprintProcess run = FingerprintProcess.Start(args))
        {
            await run.ReadLinesAsync(64, s_timeout);
            run.KillHard();
            int exit = await run.WaitForExitAsync(s_timeout);
            await run.ReadToEndAsync(s_timeout);   // what it wrote before dying (a torn last record is not a record)
            Assert.True(exit == 128 + 9, $"killed by SIGKILL, exit {exit}; stderr:\n{run.Stderr}");
            first = [.. run.Lines];
        }
        HashSet<string> journaled = ReadJournal(journal);
        Dictionary<string, string> firstByPath = ByPath(first);
        Assert.True(first.Count < Files && journaled.Count < Files, $"the kill landed mid-run: {first.Count} records, {journaled.Count} journaled");
        Assert.True(journaled.Count >= 64, $"the first 64 records were out, so they were journaled: {journaled.Count}");
        Assert.All(journaled, p => Assert.True(firstByPath.ContainsKey(p), $"{p} is journaled but its record never came out"));

        using FingerprintProcess rerun = FingerprintProcess.Start(args);
        await rerun.ReadToEndAsync(s_timeout);
        int rerunExit = await rerun.WaitForExitAsync(s_timeout);
        Assert.True(rerunExit is 0 or 1, $"rerun exit {rerunExit}; stderr:\n{rerun.Stderr}");
        Assert.Equal("", rerun.TornTail);
        Assert.Contains($"resuming: {journaled.Count.ToString("N0", CultureInfo.InvariantCulture)} inputs already done", rerun.Stderr, StringComparison.Ordinal);
        Dictionary<string, string> second = ByPath(rerun.Lines);
        Assert.All(second.Keys, p => Assert.DoesNotContain(p, journaled));

        AssertUnionIsTheBaseline(firstByPath, second);
    }

    [Fact]
    public async Task Scan_Interrupted_Exits130WithSummaryAndJournalsExactlyWhatItWrote()
    {
        string journal = _folder.Dir.File("interrupted.journal");
        string[] args = ScanArgs(_folder.Db, _folder.Uploads, journal);

        Dictionary<string, string> first;
        using (FingerprintProcess run = FingerprintProcess.Start(args))
        {
            await run.ReadLinesAsync(64, s_timeout);
            run.Interrupt();
            await run.ReadToEndAsync(s_timeout);   // reading again lets it finish writing what was done, then stop
            int exit = await run.WaitForExitAsync(s_timeout);
            Assert.True(exit == 130, $"SIGINT: exit {exit}; stderr:\n{run.Stderr}");
            Assert.Equal("", run.TornTail);
            Assert.True(run.Stderr.Contains("fingerprint: stopping", StringComparison.Ordinal), run.Stderr);
            Assert.Contains("scan canceled: summary of what finished", run.Stderr, StringComparison.Ordinal);
            Assert.Contains($"  scanned      {run.Lines.Count.ToString("N0", CultureInfo.InvariantCulture)} inputs", run.Stderr, StringComparison.Ordinal);
            first = ByPath(run.Lines);
        }
        Assert.True(first.Count < Files, $"it stopped early: {first.Count} records");
        HashSet<string> journaled = ReadJournal(journal);
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), journaled.Order(StringComparer.Ordinal));

        using FingerprintProcess rerun = FingerprintProcess.Start(args);
        await rerun.ReadToEndAsync(s_timeout);
        Assert.True(await rerun.WaitForExitAsync(s_timeout) is 0 or 1, rerun.Stderr);
        Dictionary<string, string> second = ByPath(rerun.Lines);
        Assert.Empty(second.Keys.Intersect(first.Keys));   // nothing twice after a clean stop
        AssertUnionIsTheBaseline(first, second);
    }

    private void AssertUnionIsTheBaseline(Dictionary<string, string> first, Dictionary<string, string> second)
    {
        var union = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach ((string path, string line) in second)
        {
            if (union.TryGetValue(path, out string? earlier))
                Assert.Equal(earlier, line);   // written but not journaled before the kill: reported again, identically
            union[path] = line;
        }
        Assert.Equal(_folder.Baseline.Keys.Order(StringComparer.Ordinal), union.Keys.Order(StringComparer.Ordinal));
        foreach ((string path, string line) in _folder.Baseline)
            Assert.Equal(line, union[path]);
    }

    private static Dictionary<string, string> ByPath(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            string path = ScanRecord.Parse(line, scan: true).Path;
            if (result.TryGetValue(path, out string? earlier))
                Assert.Equal(earlier, line);
            result[path] = line;
        }
        return result;
    }

    /// <summary>The journal's paths: a header line, then one JSON string per line; a torn last line is not an entry.</summary>
    private static HashSet<string> ReadJournal(string path)
    {
        string[] lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
        Assert.Equal("# fingerprint journal v1", lines[0]);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            try
            {
                done.Add(JsonSerializer.Deserialize<string>(line)!);
            }
            catch (JsonException)
            {
                // a line torn by the kill
            }
        }
        return done;
    }

    /// <summary>A binary PGM (P5) of 8x8-pixel blocks of random grey levels: distinct per seed, PDQ quality well above the gate.</summary>
    internal static byte[] BlockyPgm(int width, int height, ulong seed)
    {
        var rng = new SplitMix64(seed);
        byte[] header = Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n");
        byte[] data = new byte[header.Length + width * height];
        header.CopyTo(data, 0);
        int bw = (width + 7) / 8, bh = (height + 7) / 8;
        byte[] levels = new byte[bw * bh];
        rng.NextBytes(levels);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
                data[header.Length + y * width + x] = levels[(y / 8) * bw + x / 8];
        }
        return data;
    }
}
