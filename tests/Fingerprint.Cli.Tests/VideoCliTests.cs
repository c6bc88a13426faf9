using System.Globalization;
using System.Text.Json;
using Fingerprint.Storage;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// hash, compare, bank add and scan on videos against the reference data: the files `hash --vpdq-out/--tmk-out` writes
/// are the reference's byte for byte (recomputed-vpdq-ffmpeg5.1 and tmk-sample-hashes, made with this ffmpeg), TMK
/// scores equal expected/tmk-pair-scores.txt, and vPDQ percentages expected/vpdq-pair-matches.csv.
/// </summary>
[Collection(VideoCliCollection.Name)]
public class VideoCliTests
{
    private static string Expected(string level1, string level2) => $"{level1} {level2}";

    [Fact]
    public async Task Hash_VpdqOutAndTmkOut_WriteTheReferenceFilesByteForByte()
    {
        using var dir = new VideoCliHarness.Scratch();
        string doorknob = VideoCliHarness.SampleVideo("doorknob-hd-no-bar"), grey = VideoCliHarness.SampleVideo("pattern-sd-grey-bar");

        VideoCliHarness.Result hash = await VideoCliHarness.RunAsync("hash", "--progress", "none", "--seconds-per-frame", "0",
            "--vpdq-out", dir.File("vpdq"), "--tmk-out", dir.File("tmk"), doorknob, grey);

        Assert.True(hash.ExitCode == 0, hash.ToString());
        foreach (string name in new[] { "doorknob-hd-no-bar", "pattern-sd-grey-bar" })
        {
            Assert.Equal(File.ReadAllBytes(VideoCliHarness.RecomputedVpdq(name)), File.ReadAllBytes(Path.Combine(dir.File("vpdq"), name + ".txt")));
            Assert.Equal(File.ReadAllBytes(VideoCliHarness.ReferenceTmk(name)), File.ReadAllBytes(Path.Combine(dir.File("tmk"), name + ".tmk")));
        }
        Assert.Contains($"tmk,frames=62,fps=15,{doorknob},{Path.Combine(dir.File("tmk"), "doorknob-hd-no-bar.tmk")}", hash.Lines);
        Assert.Equal(120 + 206 + 2, hash.Lines.Length);   // one line per frame (-r 0), one tmk line per video
        Assert.Empty(Directory.GetFiles(dir.File("tmk"), "*.tmp"));
    }

    [Fact]
    public async Task Hash_TmkJsonl_CarriesTheTmkRecord()
    {
        VideoCliHarness.Result hash = await VideoCliHarness.RunAsync("hash", "--progress", "none", "-f", "jsonl", "--tmk",
            VideoCliHarness.SampleVideo("doorknob-hd-no-bar"));

        JsonElement tmk = Assert.Single(hash.Records).GetProperty("tmk");
        Assert.Equal(62, tmk.GetProperty("frames").GetInt32());
        Assert.Equal(15, tmk.GetProperty("framesPerSecond").GetInt32());
        Assert.False(tmk.TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Hash_WithoutTmk_HasNoTmkRecord()
    {
        VideoCliHarness.Result hash = await VideoCliHarness.RunAsync("hash", "--progress", "none", "-f", "jsonl",
            VideoCliHarness.SampleVideo("doorknob-hd-no-bar"));

        Assert.False(Assert.Single(hash.Records).TryGetProperty("tmk", out _));
    }

    [Fact]
    public async Task Hash_TwoInputsNamedAlike_TheSecondIsAnOutputErrorNotAnOverwrite()
    {
        using var dir = new VideoCliHarness.Scratch();
        string first = Directory.CreateDirectory(dir.File("a")).FullName, second = Directory.CreateDirectory(dir.File("b")).FullName;
        File.Copy(VideoCliHarness.SampleVideo("doorknob-hd-no-bar"), Path.Combine(first, "clip.mp4"));
        File.Copy(VideoCliHarness.SampleVideo("pattern-sd-grey-bar"), Path.Combine(second, "clip.mp4"));

        VideoCliHarness.Result hash = await VideoCliHarness.RunAsync("hash", "--progress", "none", "-f", "jsonl", "--jobs", "1",
            "--vpdq-out", dir.File("out"), Path.Combine(first, "clip.mp4"), Path.Combine(second, "clip.mp4"));

        Assert.Equal(3, hash.ExitCode);
        List<JsonElement> records = hash.Records;
        Assert.Equal(Path.Combine(dir.File("out"), "clip.txt"), records[0].GetProperty("vpdqFile").GetString());
        Assert.Equal("output", records[1].GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("0,", File.ReadAllText(Path.Combine(dir.File("out"), "clip.txt")), StringComparison.Ordinal);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(dir.File("out"), "clip.txt")).Length);   // doorknob: 4 s at 1 s per frame
    }

    [Fact]
    public async Task CompareTmk_VideoAgainstTmkFile_PrintsTheReferencePairScoresAndMatches()
    {
        // expected/tmk-pair-scores.txt: "0.786372 0.772097 pattern-hd-no-bar.tmk pattern-sd-with-small-logo-bar.tmk".
        VideoCliHarness.Result compare = await VideoCliHarness.RunAsync("compare", "--tmk",
            VideoCliHarness.SampleVideo("pattern-hd-no-bar"), VideoCliHarness.ReferenceTmk("pattern-sd-with-small-logo-bar"));

        Assert.True(compare.ExitCode == 0, compare.ToString());
        Assert.Equal(Expected("0.786372", "0.772097"), Expected(Score(compare, "TMK level 1"), Score(compare, "TMK level 2")));
        Assert.Contains(compare.Lines, l => l.StartsWith("verdict       MATCH (TMK)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompareTmk_TwoTmkFilesOfDifferentVideos_NoMatchExit1()
    {
        // "0.199326 0.281832 chair-19-sd-bar.tmk doorknob-hd-no-bar.tmk"
        VideoCliHarness.Result compare = await VideoCliHarness.RunAsync("compare", "--tmk",
            VideoCliHarness.ReferenceTmk("chair-19-sd-bar"), VideoCliHarness.ReferenceTmk("doorknob-hd-no-bar"));

        Assert.Equal(1, compare.ExitCode);
        Assert.Equal(Expected("0.199326", "0.281832"), Expected(Score(compare, "TMK level 1"), Score(compare, "TMK level 2")));
        Assert.Contains(compare.Lines, l => l.StartsWith("verdict       NO MATCH (TMK): level 1 0.199326 < 0.7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompareTmk_AnImage_IsAUsageError()
    {
        string image = Path.Combine(VideoCliHarness.Smoke, "originals", "memes", "top_bottom_01.jpg");

        VideoCliHarness.Result compare = await VideoCliHarness.RunAsync("compare", "--tmk", image, VideoCliHarness.ReferenceTmk("doorknob-hd-no-bar"));

        Assert.Equal(2, compare.ExitCode);
        Assert.Contains("is not a video", compare.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareTmk_CorruptTmkFile_IsAnInputError()
    {
        using var dir = new VideoCliHarness.Scratch();
        string bad = dir.File("bad.tmk");
        File.WriteAllBytes(bad, File.ReadAllBytes(VideoCliHarness.ReferenceTmk("doorknob-hd-no-bar")).AsSpan(0, 1000).ToArray());

        VideoCliHarness.Result compare = await VideoCliHarness.RunAsync("compare", "--tmk", bad, VideoCliHarness.ReferenceTmk("doorknob-hd-no-bar"));

        Assert.Equal(3, compare.ExitCode);
        Assert.Contains("corrupt: not a readable .tmk file", compare.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BankAddThenScan_VideoAgainstVideoEntry_VpdqPercentagesAndTmkScoresEqualTheReference()
    {
        using var dir = new VideoCliHarness.Scratch();
        string db = dir.File("videos.db");
        string entryVideo = VideoCliHarness.SampleVideo("pattern-hd-no-bar"), upload = VideoCliHarness.SampleVideo("pattern-longer-no-bar");

        VideoCliHarness.Result add = await VideoCliHarness.RunAsync("bank", "add", "--db", db, "--bank", "videos", "--progress", "none",
            "--seconds-per-frame", "0", entryVideo, VideoCliHarness.SampleVideo("chair-19-sd-bar"));
        VideoCliHarness.Result te = await VideoCliHarness.RunAsync("scan", "--db", db, "--progress", "none", "--seconds-per-frame", "0", "--tmk", upload);
        VideoCliHarness.Result cpp = await VideoCliHarness.RunAsync("scan", "--db", db, "--progress", "none", "--seconds-per-frame", "0",
            "--vpdq-mode", "cpp", upload);

        Assert.True(add.ExitCode == 0, add.ToString());
        // The entry keeps the .tmk file's bytes as its payload: the reference file, bit for bit.
        await using (SqliteBankStore store = await SqliteBankStore.OpenAsync(db))
        {
            var payloads = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
            await foreach (BankEntry e in store.StreamEntriesAsync("videos"))
                payloads[Path.GetFileNameWithoutExtension(e.Source!)] = e.Payload;
            Assert.Equal(File.ReadAllBytes(VideoCliHarness.ReferenceTmk("pattern-hd-no-bar")), payloads["pattern-hd-no-bar"]);
            Assert.Equal(File.ReadAllBytes(VideoCliHarness.ReferenceTmk("chair-19-sd-bar")), payloads["chair-19-sd-bar"]);
        }

        // expected/vpdq-pair-matches.csv, pattern-longer-no-bar.txt -> pattern-hd-no-bar.txt: cpp 88.03 / 100.00,
        // python-threatexchange 87.93 / 100.00. expected/tmk-pair-scores.txt: 0.981078 0.954990 (hd, longer).
        Assert.True(te.ExitCode == 0, te.ToString());
        JsonElement match = Assert.Single(Assert.Single(te.Records).GetProperty("matches").EnumerateArray());
        Assert.Equal(87.93, match.GetProperty("queryPercent").GetDouble());
        Assert.Equal(100.0, match.GetProperty("targetPercent").GetDouble());
        Assert.True(match.GetProperty("vpdqMatch").GetBoolean());
        Assert.Equal("threatexchange", match.GetProperty("vpdqMode").GetString());
        Assert.Equal("0.981078", match.GetProperty("tmkLevel1").GetSingle().ToString("F6", CultureInfo.InvariantCulture));
        Assert.Equal(0.954990, match.GetProperty("tmkLevel2").GetSingle(), 5e-6);   // the reference scored (hd, longer); this is (longer, hd)
        Assert.True(match.GetProperty("tmkMatch").GetBoolean());
        Assert.InRange(match.GetProperty("entryFrame").GetInt32(), 0, 205);
        Assert.Contains("TMK: 2 video entries with TMK features", te.Stderr, StringComparison.Ordinal);

        JsonElement cppMatch = Assert.Single(Assert.Single(cpp.Records).GetProperty("matches").EnumerateArray());
        Assert.Equal(88.03, cppMatch.GetProperty("queryPercent").GetDouble());
        Assert.Equal(100.0, cppMatch.GetProperty("targetPercent").GetDouble());
        Assert.Equal("cpp", cppMatch.GetProperty("vpdqMode").GetString());
        Assert.False(cppMatch.TryGetProperty("tmkLevel1", out _));
    }

    [Fact]
    public async Task ScanTmk_SdCopyWithBars_MatchesByTmkAndByTrimmedFrames()
    {
        // pattern-sd-with-small-logo-bar is pattern-hd-no-bar scaled into 480x720 with black bars and a logo: no whole
        // frame is within 31 bits (vPDQ 0 %), the pictures inside the bars are, and TMK scores it 0.786372 / 0.772097.
        using var dir = new VideoCliHarness.Scratch();
        string db = dir.File("videos.db");
        VideoCliHarness.Result add = await VideoCliHarness.RunAsync("bank", "add", "--db", db, "--bank", "videos", "--progress", "none",
            VideoCliHarness.SampleVideo("pattern-hd-no-bar"));
        Assert.Equal(0, add.ExitCode);

        VideoCliHarness.Result scan = await VideoCliHarness.RunAsync("scan", "--db", db, "--progress", "none", "--tmk",
            VideoCliHarness.SampleVideo("pattern-sd-with-small-logo-bar"));

        JsonElement match = Assert.Single(Assert.Single(scan.Records).GetProperty("matches").EnumerateArray());
        Assert.Equal("trimmed", match.GetProperty("region").GetString());
        Assert.Equal(0.0, match.GetProperty("queryPercent").GetDouble());
        Assert.False(match.GetProperty("vpdqMatch").GetBoolean());
        Assert.Equal("0.786372", match.GetProperty("tmkLevel1").GetSingle().ToString("F6", CultureInfo.InvariantCulture));
        Assert.True(match.GetProperty("tmkMatch").GetBoolean());

        // With --threshold 0 no frame matches: TMK alone reports the entry, explained by the closest frame pair.
        VideoCliHarness.Result strict = await VideoCliHarness.RunAsync("scan", "--db", db, "--progress", "none", "--tmk", "--threshold", "0",
            VideoCliHarness.SampleVideo("pattern-sd-with-small-logo-bar"));

        Assert.True(strict.ExitCode == 0, strict.ToString());
        JsonElement tmkOnly = Assert.Single(Assert.Single(strict.Records).GetProperty("matches").EnumerateArray());
        Assert.True(tmkOnly.GetProperty("tmkMatch").GetBoolean());
        Assert.Equal(0.772097, tmkOnly.GetProperty("tmkLevel2").GetSingle(), 5e-6);
        Assert.True(tmkOnly.GetProperty("distance").GetInt32() > 0);
        Assert.True(tmkOnly.GetProperty("margin").GetInt32() < 0);
        Assert.False(tmkOnly.TryGetProperty("framesMatched", out _));
        Assert.True(tmkOnly.TryGetProperty("entryFrame", out _));

        // Without --tmk the same scan finds nothing.
        VideoCliHarness.Result plain = await VideoCliHarness.RunAsync("scan", "--db", db, "--progress", "none", "--threshold", "0",
            VideoCliHarness.SampleVideo("pattern-sd-with-small-logo-bar"));
        Assert.Equal(1, plain.ExitCode);
    }

    [Fact]
    public async Task Compare_StillAgainstAClipShowingItInsideBorders_MatchesThroughTheFramesTrimmedRegion()
    {
        // meme_clip.mp4 (20 s, 25 fps) shows its meme from 8 to 10 s at the manifest's region of the 640x360 frame, on a
        // plain background with a logo over the corner: no whole frame is within 31 bits of the meme; the trimmed regions
        // of the two frames sampled there (200 and 225, at 1 s per frame) are.
        JsonElement manifest = VideoCliHarness.Manifest("video/meme_clip.mp4");
        JsonElement shown = manifest.GetProperty("params").GetProperty("segments").EnumerateArray()
            .Single(s => s.GetProperty("content").GetString() == "meme").GetProperty("region");
        int[] box = [.. shown.EnumerateArray().Select(v => v.GetInt32())];
        string meme = Path.Combine(VideoCliHarness.Smoke, manifest.GetProperty("shows").GetString()!);
        string clip = Path.Combine(VideoCliHarness.Smoke, "video", "meme_clip.mp4");

        VideoCliHarness.Result compare = await VideoCliHarness.RunAsync("compare", meme, clip);
        VideoCliHarness.Result whole = await VideoCliHarness.RunAsync("compare", "--no-regions", meme, clip);

        Assert.True(compare.ExitCode == 0, compare.ToString());
        string closest = Assert.Single(compare.Lines, l => l.StartsWith("closest frame", StringComparison.Ordinal));
        Assert.Contains($", region trimmed at {box[0]},{box[1]} {box[2]}x{box[3]}: ", closest, StringComparison.Ordinal);
        Assert.Contains("frames        2 of 20 sampled frames within 31 bits of A", compare.Lines);
        Assert.Contains(compare.Lines, l => l.StartsWith("verdict       MATCH", StringComparison.Ordinal));

        Assert.True(whole.ExitCode == 1, whole.ToString());
        Assert.DoesNotContain("region", Assert.Single(whole.Lines, l => l.StartsWith("closest frame", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("frames        0 of 20 sampled frames within 31 bits of A", whole.Lines);
    }

    private static string Score(VideoCliHarness.Result result, string label)
    {
        string line = Assert.Single(result.Lines, l => l.StartsWith(label, StringComparison.Ordinal));
        return line[label.Length..].TrimStart().Split(' ')[0];
    }
}
