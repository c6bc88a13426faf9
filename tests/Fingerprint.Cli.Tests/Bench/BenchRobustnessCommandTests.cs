using System.Text.Json;
using Fingerprint.Cli.Bench;
using Fingerprint.Cli.Tests.TestSupport;

namespace Fingerprint.Cli.Tests.Bench;

/// <summary>
/// `fingerprint bench robustness` on the smoke tier, run once for the class: the report files exist, parse, cover every
/// algorithm and edit family, and show properties that must hold on any corpus (not golden numbers).
/// </summary>
public sealed class BenchRobustnessCommandTests(BenchRobustnessCommandTests.SmokeRun run) : IClassFixture<BenchRobustnessCommandTests.SmokeRun>
{
    private static readonly string[] s_algorithms = ["pdq", "pdq-dihedral", "pdq-meme", "pdq-meme-crops", "pdq-meme-panels", "ahash", "dhash", "phash"];

    [Fact]
    public void Run_Succeeds_AndWritesEveryOutput()
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (string file in new[] { "report.html", "results.csv", "results.json", "summary.md", "positives.csv", "closest-negatives.csv" })
            Assert.True(new FileInfo(Path.Combine(run.Out, file)).Length > 0, file);
        Assert.Contains("recall at FPR 1e-4", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("images hashed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsJson_CoversEveryAlgorithmAndEditFamily()
    {
        JsonElement root = run.Json.RootElement;
        Assert.Equal(s_algorithms, root.GetProperty("algorithms").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        HashSet<string> families = EditFamilies();
        Assert.True(families.Count >= 15, $"{families.Count} edit families in the smoke tier");
        foreach (string algorithm in s_algorithms)
        {
            var covered = root.GetProperty("groups").EnumerateArray()
                .Where(g => g.GetProperty("algorithm").GetString() == algorithm && g.GetProperty("level").GetString() == "family")
                .Select(g => g.GetProperty("family").GetString()!).ToHashSet();
            Assert.Equal(families, covered);
        }
        Assert.Equal(EditCount(), root.GetProperty("pairs").GetProperty("positives").GetInt64());
    }

    [Fact]
    public void ResultsCsv_HasAHeaderAndOneRowPerAlgorithmAndGroup()
    {
        string[] lines = File.ReadAllLines(Path.Combine(run.Out, "results.csv"));
        Assert.StartsWith("algorithm,level,family,strength,variant,positives,unmatchable,threshold_fpr_1e-3,recall_fpr_1e-3", lines[0], StringComparison.Ordinal);
        int groups = run.Json.RootElement.GetProperty("groups").GetArrayLength();
        Assert.Equal(groups + 1, lines.Length);
        int columns = lines[0].Split(',').Length;
        Assert.All(lines, l => Assert.Equal(columns, l.Split(',').Length));
    }

    [Fact]
    public void ReportHtml_IsSelfContainedAndShowsEveryAlgorithmAndFamily()
    {
        string html = File.ReadAllText(Path.Combine(run.Out, "report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(html.Split("http://").Length - 1, html.Split("http://www.w3.org/2000/svg").Length - 1);   // only SVG namespaces
        foreach (string algorithm in s_algorithms)
            Assert.Contains($">{algorithm}<", html, StringComparison.Ordinal);
        foreach (string family in EditFamilies())
            Assert.Contains(family, html, StringComparison.Ordinal);
    }

    [Fact]
    public void EasyEdits_AreAllFoundAtTheStandardThreshold()
    {
        // A mild JPEG re-encode is found by every PDQ variant; rotations and mirrors by the dihedral ones; plain PDQ,
        // which compares one orientation, misses them (a 90-degree turn of a photo is ~120 bits away).
        foreach (string algorithm in new[] { "pdq", "pdq-dihedral", "pdq-meme" })
            Assert.Equal(1.0, RecallAtStandard(algorithm, "strength", "jpeg", "mild"));
        Assert.Equal(1.0, RecallAtStandard("pdq-dihedral", "family", "dihedral"));
        Assert.Equal(1.0, RecallAtStandard("pdq-meme", "family", "dihedral"));
        Assert.True(RecallAtStandard("pdq", "family", "dihedral") < 0.5);
    }

    [Fact]
    public void MemeAware_NeverFindsLessThanPlainPdq_AndFindsPadsAndCaptions()
    {
        // Per pair, pdq-meme compares a superset of what pdq-dihedral compares, which is a superset of pdq's: at a
        // fixed threshold its recall cannot be lower in any group.
        foreach (string family in EditFamilies())
        {
            double pdq = RecallAtStandard("pdq", "family", family);
            double dihedral = RecallAtStandard("pdq-dihedral", "family", family);
            double meme = RecallAtStandard("pdq-meme", "family", family);
            Assert.True(pdq <= dihedral && dihedral <= meme, $"{family}: {pdq} {dihedral} {meme}");
        }
        Assert.True(RecallAtStandard("pdq-meme", "family", "pad") > RecallAtStandard("pdq", "family", "pad"));
        Assert.True(RecallAtStandard("pdq-meme", "family", "caption") > RecallAtStandard("pdq", "family", "caption"));
    }

    [Fact]
    public async Task Run_SameSeedTwice_GivesTheSameResults()
    {
        string again = Path.Combine(run.Root, "again");
        (int code, _, string stderr) = await FingerprintCli.RunAsync(
            "bench", "robustness", "--corpus", SmokeCorpus.Root, "--out", again, "--progress", "none", "--bootstrap", "50", "--jobs", "1");
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(run.Out, "results.csv")), File.ReadAllText(Path.Combine(again, "results.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(run.Out, "positives.csv")), File.ReadAllText(Path.Combine(again, "positives.csv")));
    }

    [Theory]
    [InlineData("--algorithms", "pdq,nope")]
    [InlineData("--min-quality", "101")]
    [InlineData("--bootstrap", "-1")]
    public async Task Run_BadOption_IsAUsageError(string option, string value)
    {
        (int code, _, string stderr) = await FingerprintCli.RunAsync("bench", "robustness", "--corpus", SmokeCorpus.Root, "--out", Path.Combine(run.Root, "bad"), option, value);
        Assert.Equal((int)ExitCode.UsageError, code);
        Assert.Contains("fingerprint:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DirectoryWithoutManifest_IsAUsageError()
    {
        string empty = Directory.CreateDirectory(Path.Combine(run.Root, "empty")).FullName;
        (int code, _, string stderr) = await FingerprintCli.RunAsync("bench", "robustness", "--corpus", empty, "--out", Path.Combine(run.Root, "none"));
        Assert.Equal((int)ExitCode.UsageError, code);
        Assert.Contains("manifest.jsonl", stderr, StringComparison.Ordinal);
    }

    private double RecallAtStandard(string algorithm, string level, string family, string? strength = null) =>
        run.Json.RootElement.GetProperty("groups").EnumerateArray()
            .Single(g => g.GetProperty("algorithm").GetString() == algorithm && g.GetProperty("level").GetString() == level
                && g.GetProperty("family").GetString() == family
                && (strength is null || (g.TryGetProperty("strength", out JsonElement s) && s.GetString() == strength)))
            .GetProperty("recallAtStandard").GetDouble();

    private static HashSet<string> EditFamilies() =>
        CorpusManifest.Load(SmokeCorpus.Root).Items.Where(i => i.Role == CorpusRole.Edit).Select(i => i.Family).ToHashSet();

    private static long EditCount() => CorpusManifest.Load(SmokeCorpus.Root).Items.Count(i => i.Role == CorpusRole.Edit);

    /// <summary>One bench run on the smoke tier into a temporary directory, shared by the class.</summary>
    public sealed class SmokeRun : IAsyncLifetime
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("fp-bench-").FullName;
        public string Out => Path.Combine(Root, "report");
        public int ExitCode { get; private set; }
        public string Stdout { get; private set; } = "";
        public string Stderr { get; private set; } = "";
        public JsonDocument Json { get; private set; } = JsonDocument.Parse("{}");

        public async Task InitializeAsync()
        {
            (ExitCode, Stdout, Stderr) = await FingerprintCli.RunAsync(
                "bench", "robustness", "--corpus", SmokeCorpus.Root, "--out", Out, "--progress", "plain", "--bootstrap", "50");
            string json = Path.Combine(Out, "results.json");
            if (File.Exists(json))
                Json = JsonDocument.Parse(File.ReadAllText(json));
        }

        public Task DisposeAsync()
        {
            Json.Dispose();
            Directory.Delete(Root, recursive: true);
            return Task.CompletedTask;
        }
    }
}
