using System.Text.Json;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// Built once: a bank of the smoke tier's 16 originals (photos and memes, `bank add`), and one JSONL `scan` of its three
/// videos (testmedia/README.md "Videos"): the 20 s clip showing a banked meme for 2 s scaled onto a plain background
/// with a logo badge, the animated GIF of a banked comparison meme, and a distractor clip.
/// </summary>
public sealed class VideoScanFixture : IAsyncLifetime, IDisposable
{
    private readonly VideoCliHarness.Scratch _dir = new();

    public string Db => _dir.File("video.db");

    internal VideoCliHarness.Result BankAdd { get; private set; } = null!;

    internal VideoCliHarness.Result Scan { get; private set; } = null!;

    internal VideoCliHarness.Result ScanText { get; private set; } = null!;

    /// <summary>Bank file name (e.g. top_bottom_01.jpg) to its entry id.</summary>
    internal Dictionary<string, long> EntryOf { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, JsonElement> RecordOf { get; } = new(StringComparer.Ordinal);

    public static string[] Videos => ["video/meme_clip.mp4", "video/comparison_meme.gif", "video/distractor_clip.mp4"];

    public async Task InitializeAsync()
    {
        string smoke = VideoCliHarness.Smoke;
        BankAdd = await VideoCliHarness.RunAsync("bank", "add", "--db", Db, "--bank", "known", "--progress", "none", "--jobs", "2",
            Path.Combine(smoke, "originals"));
        if (BankAdd.ExitCode != 0)
            throw new InvalidOperationException($"bank add failed: {BankAdd}");
        foreach (string line in BankAdd.Lines)
        {
            string[] f = line.Split(',', 4);
            EntryOf.Add(Path.GetFileName(f[3]), long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        string[] videos = [.. Videos.Select(v => Path.Combine(smoke, v))];
        Scan = await VideoCliHarness.RunAsync(["scan", "--db", Db, "--progress", "none", "-f", "jsonl", .. videos]);
        foreach (JsonElement r in Scan.Records)
            RecordOf[Path.GetRelativePath(smoke, r.GetProperty("path").GetString()!)] = r;
        ScanText = await VideoCliHarness.RunAsync(["scan", "--db", Db, "--progress", "none", "-f", "text", .. videos]);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>Clips against an image bank (the smoke corpus's video scenario).</summary>
[Collection(VideoCliCollection.Name)]
public class VideoScanTests(VideoScanFixture fixture) : IClassFixture<VideoScanFixture>
{
    [Fact]
    public void BankAdd_AddsThe16Originals()
    {
        Assert.Equal(16, fixture.EntryOf.Count);
    }

    [Fact]
    public void Scan_ThreeVideos_OneRecordEachAndExitCodeMatchFound()
    {
        Assert.Equal(0, fixture.Scan.ExitCode);
        Assert.Equal(VideoScanFixture.Videos.Order(StringComparer.Ordinal), fixture.RecordOf.Keys.Order(StringComparer.Ordinal));
        Assert.All(fixture.RecordOf.Values, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("error").ValueKind));
    }

    [Fact]
    public void Scan_MemeClip_MatchesTheShownMemeWithTimestampsInsideItsWindow()
    {
        // meme_clip.mp4: 25 fps; frames 200-249 show the meme (from_s 8, to_s 10) at 486x324 on #202020 with a logo
        // over its corner. Sampled at 1 s: frames 200 and 225 can match; as whole frames they are far from the meme.
        JsonElement manifest = VideoCliHarness.Manifest("video/meme_clip.mp4");
        string shown = Path.GetFileName(manifest.GetProperty("shows").GetString()!);
        double from = manifest.GetProperty("from_s").GetDouble(), to = manifest.GetProperty("to_s").GetDouble();
        JsonElement record = fixture.RecordOf["video/meme_clip.mp4"];

        JsonElement match = Assert.Single(record.GetProperty("matches").EnumerateArray());

        Assert.Equal(fixture.EntryOf[shown], match.GetProperty("entry").GetInt64());
        Assert.Equal("video", record.GetProperty("kind").GetString());
        double first = match.GetProperty("timestamp").GetDouble(), last = match.GetProperty("lastTimestamp").GetDouble();
        Assert.InRange(first, from, to - 0.001);
        Assert.InRange(last, first, to - 0.001);
        Assert.Equal("trimmed", match.GetProperty("region").GetString());
        Assert.InRange(match.GetProperty("distance").GetInt32(), 0, 31);
        Assert.Equal(2, match.GetProperty("framesMatched").GetInt32());
        long frame = match.GetProperty("frame").GetInt64();
        Assert.InRange(frame, (long)(from * 25), (long)(to * 25) - 1);
    }

    [Fact]
    public void Scan_AnimatedGif_MatchesItsOriginalAtTheFrameShowingIt()
    {
        // comparison_meme.gif: 4 frames of 0.5, 0.5, 2.0 and 0.5 s; the third (1.0-3.0 s) is the whole banked meme.
        JsonElement manifest = VideoCliHarness.Manifest("video/comparison_meme.gif");
        string shown = Path.GetFileName(manifest.GetProperty("shows").GetString()!);
        double from = manifest.GetProperty("from_s").GetDouble(), to = manifest.GetProperty("to_s").GetDouble();
        JsonElement record = fixture.RecordOf["video/comparison_meme.gif"];

        JsonElement match = Assert.Single(record.GetProperty("matches").EnumerateArray());

        Assert.Equal(fixture.EntryOf[shown], match.GetProperty("entry").GetInt64());
        Assert.Equal("animation", record.GetProperty("kind").GetString());
        Assert.Equal(2, match.GetProperty("frame").GetInt64());
        Assert.InRange(match.GetProperty("timestamp").GetDouble(), from, to - 0.001);
        Assert.InRange(match.GetProperty("distance").GetInt32(), 0, 31);
    }

    [Fact]
    public void Scan_DistractorClip_MatchesNothing()
    {
        JsonElement record = fixture.RecordOf["video/distractor_clip.mp4"];

        Assert.Empty(record.GetProperty("matches").EnumerateArray());
        Assert.Equal(10, record.GetProperty("frames").GetArrayLength());   // 10 s at 1 s per frame
    }

    [Fact]
    public void ScanText_MemeClip_SaysWhenAndWhere()
    {
        string line = Assert.Single(fixture.ScanText.Lines, l => l.Contains("meme_clip.mp4", StringComparison.Ordinal));

        Assert.StartsWith("MATCH", line, StringComparison.Ordinal);
        Assert.Contains("region=trimmed at 8s-9s (2 frames)", line, StringComparison.Ordinal);
        Assert.Contains("top_bottom_01.jpg", line, StringComparison.Ordinal);
        Assert.Contains(fixture.ScanText.Lines, l => l.StartsWith("nomatch", StringComparison.Ordinal) && l.Contains("distractor_clip.mp4", StringComparison.Ordinal));
    }
}
