using System.Text.Json;
using Fingerprint.Cli.Tests.TestSupport;

namespace Fingerprint.Cli.Tests.Scanning;

/// <summary>
/// Meme-aware matching end to end on the smoke tier's scan scenario (testmedia/README.md: scan/bank, scan/uploads,
/// scan/expected.jsonl): `bank add` then `scan`, with regions on as by default, finds padded, captioned and collaged
/// re-uploads and the meme inside a video, names the region, and keeps a collage that only shares a panel with a banked
/// one apart.
/// </summary>
public sealed class ScanRegionsTests : IDisposable
{
    private static readonly string[] s_families = ["pad", "caption", "collage_panel", "video_embed", "shared_panel"];

    private readonly string _root = Directory.CreateTempSubdirectory("fp-scan-regions-").FullName;

    [Fact]
    public async Task Scan_WithRegions_FindsMemeEditsAndNamesTheRegion()
    {
        (Dictionary<string, Expected> expected, string[] uploads) = Uploads();
        // --aspect-crops: one of the collage uploads crops its photo to a 4:3 cell ("cover" fit).
        string db = await BankAsync("--aspect-crops");

        Dictionary<string, JsonElement> results = await ScanAsync(db, uploads);

        foreach ((string upload, Expected e) in expected)
        {
            JsonElement[] matches = results[upload].GetProperty("matches").EnumerateArray().ToArray();
            if (e.Bank is null)
            {
                Assert.True(matches.Length == 0, $"{upload} ({e.Family}) matched {matches.Length} entries");
                continue;
            }
            JsonElement match = Assert.Single(matches, m => Path.GetFileName(m.GetProperty("source").GetString()) == Path.GetFileName(e.Bank));
            if (e.Family == "video_embed")
                continue;   // the GIF shows the whole meme in a frame: found without a region; the clip is checked below
            Assert.True(match.TryGetProperty("region", out JsonElement region), $"{upload} ({e.Family}) matched without a region");
            Assert.True(region.GetString() is "trimmed" || region.GetString()!.StartsWith("panel-", StringComparison.Ordinal)
                || region.GetString()!.StartsWith("group-", StringComparison.Ordinal), region.GetString());
        }

        // The meme shown for 2 s (frames 200-249) in a 640x360 clip, with bars and a logo around it: found through the
        // trimmed region of the frames sampled there, and timed.
        JsonElement clip = Assert.Single(results[expected.Single(kv => kv.Value.Family == "video_embed" && kv.Key.EndsWith(".mp4", StringComparison.Ordinal)).Key]
            .GetProperty("matches").EnumerateArray());
        Assert.Equal("trimmed", clip.GetProperty("region").GetString());
        Assert.InRange(clip.GetProperty("timestamp").GetDouble(), 8.0, 10.0);
    }

    [Fact]
    public async Task BankAdd_NoRegionsWithIndexPanels_IsAUsageError()
    {
        (int code, _, string stderr) = await FingerprintCli.RunAsync("bank", "add", "--db", Path.Combine(_root, "x.db"), "--bank", "b",
            "--no-regions", "--index-panels", Path.Combine(SmokeCorpus.Root, "scan", "bank"));
        Assert.Equal((int)ExitCode.UsageError, code);
        Assert.Contains("--no-regions", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_WithoutRegions_MissesWhatRegionsFind()
    {
        (Dictionary<string, Expected> expected, string[] uploads) = Uploads();
        string plainDb = await BankAsync("--no-regions");
        string regionsDb = await BankAsync();

        int plain = Found(expected, await ScanAsync(plainDb, uploads, "--no-regions"));
        int withRegions = Found(expected, await ScanAsync(regionsDb, uploads));

        Assert.True(withRegions > plain, $"found {withRegions} with regions, {plain} without");
    }

    [Fact]
    public async Task BankAdd_IndexPanels_MakesTheSharedPanelCollageMatch()
    {
        // The policy the default avoids: with the banked collage's panels indexed, a new collage that reuses one of its
        // panels matches it.
        (Dictionary<string, Expected> expected, _) = Uploads();
        string shared = expected.Single(kv => kv.Value.Family == "shared_panel").Key;
        string db = await BankAsync("--index-panels");

        Dictionary<string, JsonElement> results = await ScanAsync(db, [shared]);

        JsonElement match = Assert.Single(results[shared].GetProperty("matches").EnumerateArray());
        Assert.StartsWith("panel-", match.GetProperty("entryRegion").GetString(), StringComparison.Ordinal);
    }

    private static int Found(Dictionary<string, Expected> expected, Dictionary<string, JsonElement> results) =>
        expected.Count(kv => kv.Value.Bank is not null && results[kv.Key].GetProperty("matches").EnumerateArray()
            .Any(m => Path.GetFileName(m.GetProperty("source").GetString()) == Path.GetFileName(kv.Value.Bank)));

    private async Task<string> BankAsync(params string[] options)
    {
        string db = Path.Combine(_root, $"bank{Guid.NewGuid():N}.db");
        (int code, _, string stderr) = await FingerprintCli.RunAsync(
            ["bank", "add", "--db", db, "--bank", "known", "--progress", "none", .. options, Path.Combine(SmokeCorpus.Root, "scan", "bank")]);
        Assert.True(code == 0, stderr);
        return db;
    }

    private static async Task<Dictionary<string, JsonElement>> ScanAsync(string db, string[] uploads, params string[] options)
    {
        (int code, string stdout, string stderr) = await FingerprintCli.RunAsync(["scan", "--db", db, "--progress", "none", .. options, .. uploads]);
        Assert.True(code is 0 or 1, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("path").GetString()!, StringComparer.Ordinal);
    }

    private sealed record Expected(string? Bank, string Family);

    /// <summary>The smoke scenario's uploads of the meme families, with the bank file each was made from (or null).</summary>
    private static (Dictionary<string, Expected> Expected, string[] Uploads) Uploads()
    {
        string scan = Path.Combine(SmokeCorpus.Root, "scan");
        var expected = new Dictionary<string, Expected>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Path.Combine(scan, "expected.jsonl")))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement r = doc.RootElement;
            string family = r.GetProperty("family").GetString()!;
            if (!s_families.Contains(family))
                continue;
            string? bank = r.GetProperty("expected").ValueKind == JsonValueKind.String ? r.GetProperty("expected").GetString() : null;
            if (family != "shared_panel" && bank is null)
                continue;   // edits of photos that are not in the scan bank
            expected[Path.Combine(scan, r.GetProperty("upload").GetString()!)] = new Expected(bank, family);
        }
        Assert.Contains(expected.Values, e => e.Family == "shared_panel");
        return (expected, [.. expected.Keys]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
