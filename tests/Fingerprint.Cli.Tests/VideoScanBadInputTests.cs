using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Fingerprint.TestUtilities;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// Bad video inputs through `scan`: each gets an error record with its code, the scan goes on (a good video after them
/// is still reported), the exit code is 3 (some inputs failed), and no ffmpeg, ffprobe or fake-tool process is left
/// behind (checked in /proc: children of the test process, live or zombie).
/// </summary>
[Collection(VideoCliCollection.Name)]
public class VideoScanBadInputTests
{
    [Fact]
    public async Task Scan_BadVideosThenAGoodOne_ErrorRecordsEachScanGoesOnAndNothingIsLeftRunning()
    {
        using var dir = new VideoCliHarness.Scratch();
        string uploads = Directory.CreateDirectory(dir.File("uploads")).FullName;
        string Upload(string name) => Path.Combine(uploads, name);
        string smoke = VideoCliHarness.Smoke;

        // Names sort in the order the records come out (inputs of a directory are scanned in ordinal order).
        byte[] chair = File.ReadAllBytes(VideoCliHarness.SampleVideo("chair-19-sd-bar"));
        File.WriteAllBytes(Upload("a-truncated.mp4"), chair.AsSpan(0, 1_000_000).ToArray());          // moov first: decodes, then cut
        byte[] clip = File.ReadAllBytes(Path.Combine(smoke, "video", "meme_clip.mp4"));
        File.WriteAllBytes(Upload("b-truncated-index-at-end.mp4"), clip.AsSpan(0, clip.Length / 2).ToArray());   // moov lost
        byte[] corrupt = new byte[64 * 1024];
        new SplitMix64(0xC0FFEE).NextBytes(corrupt);
        chair.AsSpan(0, 32).CopyTo(corrupt);                                                           // an MP4 ftyp, then noise
        File.WriteAllBytes(Upload("c-corrupt.mp4"), corrupt);
        Tool("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", Upload("d-audio-only.mp4"));
        File.WriteAllBytes(Upload("e-zero-length.mp4"), []);
        File.WriteAllBytes(Upload("f-huge.avi"), HugeAvi(dir));
        File.Copy(VideoCliHarness.SampleVideo("doorknob-hd-no-bar"), Upload("g-hang.mp4"));
        File.Copy(VideoCliHarness.SampleVideo("pattern-sd-grey-bar"), Upload("h-good.mp4"));

        // A fake ffmpeg that hangs (with a grandchild) on inputs named *hang*, and is the real one otherwise; ffprobe is
        // the real one from PATH.
        string fakeDir = Directory.CreateDirectory(dir.File("fake")).FullName;
        string pidFile = dir.File("sleep.pid");
        string fake = Path.Combine(fakeDir, "ffmpeg");
        File.WriteAllText(fake, "#!/bin/sh\ncase \"$*\" in\n  *hang*) sleep 300 & echo $! > '" + pidFile + "'; wait ;;\nesac\nexec " +
                                FindOnPath("ffmpeg") + " \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string db = dir.File("bank.db");
        VideoCliHarness.Result add = await VideoCliHarness.RunAsync("bank", "add", "--db", db, "--bank", "known", "--progress", "none",
            Path.Combine(smoke, "originals", "memes"));
        Assert.Equal(0, add.ExitCode);

        var clock = Stopwatch.StartNew();
        VideoCliHarness.Result scan = await VideoCliHarness.RunAsync("scan", "--db", db, "--progress", "none", "-f", "jsonl", "--jobs", "2",
            "--ffmpeg", fake, "--video-timeout", "2", uploads);
        clock.Stop();

        Assert.True(scan.ExitCode == 3, scan.ToString());
        Dictionary<string, JsonElement> records = scan.Records.ToDictionary(r => Path.GetFileName(r.GetProperty("path").GetString()!), StringComparer.Ordinal);
        Assert.Equal(
            ["a-truncated.mp4", "b-truncated-index-at-end.mp4", "c-corrupt.mp4", "d-audio-only.mp4", "e-zero-length.mp4", "f-huge.avi", "g-hang.mp4", "h-good.mp4"],
            scan.Records.Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)));
        Assert.Equal("truncated", ErrorCode(records["a-truncated.mp4"]));
        Assert.Contains("cut off", ErrorMessage(records["a-truncated.mp4"]), StringComparison.Ordinal);
        Assert.Equal("corrupt", ErrorCode(records["b-truncated-index-at-end.mp4"]));
        Assert.Contains("moov atom not found", ErrorMessage(records["b-truncated-index-at-end.mp4"]), StringComparison.Ordinal);
        Assert.Equal("corrupt", ErrorCode(records["c-corrupt.mp4"]));
        Assert.Equal("audio-only", ErrorCode(records["d-audio-only.mp4"]));
        Assert.Equal("empty", ErrorCode(records["e-zero-length.mp4"]));
        Assert.Equal("limit-exceeded", ErrorCode(records["f-huge.avi"]));
        Assert.Contains("16000x16000", ErrorMessage(records["f-huge.avi"]), StringComparison.Ordinal);
        Assert.Equal("timeout", ErrorCode(records["g-hang.mp4"]));
        JsonElement good = records["h-good.mp4"];
        Assert.Equal(JsonValueKind.Null, good.GetProperty("error").ValueKind);
        Assert.Equal(7, good.GetProperty("frames").GetArrayLength());   // 6.87 s at 1 s per frame
        foreach (JsonElement r in scan.Records.Where(r => r.GetProperty("error").ValueKind != JsonValueKind.Null))
            Assert.Empty(r.GetProperty("matches").EnumerateArray());
        Assert.Contains("failed       7", scan.Stderr, StringComparison.Ordinal);

        // The hang was cut at the 2 s stall timeout, not the fake's 300 s; the fake's grandchild went with it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the scan took {clock.Elapsed}");
        int sleeper = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(WaitUntil(() => !IsAlive(sleeper), TimeSpan.FromSeconds(10)), $"the fake ffmpeg's child {sleeper} still runs");
        List<string> left = VideoCliHarness.WaitForNoToolChildren(TimeSpan.FromSeconds(10));
        Assert.True(left.Count == 0, "left-over children: " + string.Join("; ", left));
    }

    [Fact]
    public async Task Hash_TruncatedVideo_ErrorAndExitCode3WithTmkToo()
    {
        using var dir = new VideoCliHarness.Scratch();
        string cut = dir.File("cut.mp4");
        File.WriteAllBytes(cut, File.ReadAllBytes(VideoCliHarness.SampleVideo("chair-19-sd-bar")).AsSpan(0, 700_000).ToArray());

        VideoCliHarness.Result hash = await VideoCliHarness.RunAsync("hash", "--progress", "none", "-f", "jsonl", "--tmk-out", dir.File("tmk"), cut);

        Assert.Equal(3, hash.ExitCode);
        JsonElement record = Assert.Single(hash.Records);
        Assert.Equal("truncated", ErrorCode(record));
        Assert.False(File.Exists(Path.Combine(dir.File("tmk"), "cut.tmk")));
        Assert.Empty(VideoCliHarness.WaitForNoToolChildren(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void ToolChildren_SeesARunningChildAndItsEnd()
    {
        // The left-over check itself: a child named like a tool is seen while it runs and gone once killed and reaped.
        using var child = Process.Start(new ProcessStartInfo(FindOnPath("sleep"), "30") { UseShellExecute = false })!;
        try
        {
            Assert.Contains(VideoCliHarness.ToolChildren(), c => c.StartsWith($"{child.Id} sleep", StringComparison.Ordinal));
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
        Assert.DoesNotContain(VideoCliHarness.WaitForNoToolChildren(TimeSpan.FromSeconds(10)), c => c.StartsWith($"{child.Id} ", StringComparison.Ordinal));
    }

    private static string? ErrorCode(JsonElement record) =>
        record.GetProperty("error").ValueKind == JsonValueKind.Object ? record.GetProperty("error").GetProperty("code").GetString() : null;

    private static string ErrorMessage(JsonElement record) => record.GetProperty("error").GetProperty("message").GetString()!;

    /// <summary>
    /// A rawvideo AVI whose headers declare 16000x16000 (256 MP, over the 36 MP limit) holding 16x16 frames: the limit
    /// must refuse it from ffprobe's declared size, before any decoding.
    /// </summary>
    private static byte[] HugeAvi(VideoCliHarness.Scratch dir)
    {
        string small = dir.File("small.avi");
        Tool("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=red:s=16x16:d=0.2", "-c:v", "rawvideo",
            "-pix_fmt", "yuv420p", small);
        byte[] avi = File.ReadAllBytes(small);
        int strf = avi.AsSpan().IndexOf("strf"u8);
        int avih = avi.AsSpan().IndexOf("avih"u8);
        Assert.True(strf > 0 && avih > 0);
        // BITMAPINFOHEADER biWidth/biHeight after strf's size and biSize; MainAVIHeader dwWidth/dwHeight at +32.
        BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(strf + 12), 16000);
        BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(strf + 16), 16000);
        BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(avih + 40), 16000);
        BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(avih + 44), 16000);
        return avi;
    }

    private static void Tool(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(FindOnPath(name)) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{name} failed: {err}");
    }

    private static string FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not on PATH (apt-get install ffmpeg)");

    private static bool IsAlive(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("State:", StringComparison.Ordinal))
                    return !line.Contains('Z', StringComparison.Ordinal);
            }
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                return false;
            Thread.Sleep(50);
        }
        return true;
    }
}
