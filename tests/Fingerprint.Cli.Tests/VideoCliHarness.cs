using System.Diagnostics;
using System.Text.Json;
using Fingerprint.Cli.Tests.TestSupport;
using Fingerprint.TestUtilities;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// Shared by the video CLI tests: runs the host in process (<see cref="Program.RunAsync"/> with string writers), finds
/// the smoke corpus (generating it when missing), the conformance sample videos, and looks for left-over child
/// processes in /proc.
/// </summary>
internal static class VideoCliHarness
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        /// <summary>stdout as JSON lines.</summary>
        public List<JsonElement> Records => [.. Lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];

        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

        private static string Tail(string s) => s.Length <= 6000 ? s : "..." + s[^6000..];
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stdin = new StringReader("");
        int exit = await Program.RunAsync(args, stdout, stderr, stdin, CancellationToken.None);
        return new Result(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The smoke tier (testmedia/README.md), generated once if missing (<see cref="SmokeCorpus"/>).</summary>
    public static string Smoke => SmokeCorpus.Root;

    public static string SampleVideo(string name) => Path.Combine(RepoPaths.VideoConformance, "videos", name + ".mp4");

    public static string ReferenceTmk(string name) => Path.Combine(RepoPaths.VideoConformance, "tmk-sample-hashes", name + ".tmk");

    public static string RecomputedVpdq(string name) => Path.Combine(RepoPaths.VideoConformance, "recomputed-vpdq-ffmpeg5.1", name + ".txt");

    /// <summary>The smoke manifest record of <paramref name="file"/> (relative to the tier).</summary>
    public static JsonElement Manifest(string file)
    {
        foreach (string line in File.ReadLines(Path.Combine(Smoke, "manifest.jsonl")))
        {
            JsonElement e = JsonDocument.Parse(line).RootElement;
            if (e.GetProperty("file").GetString() == file)
                return e.Clone();
        }
        throw new InvalidOperationException($"{file} is not in the smoke manifest");
    }

    /// <summary>The test process's children that are ffmpeg, ffprobe or a fake tool's shell (or its sleep), live or zombie.</summary>
    public static List<string> ToolChildren()
    {
        int self = Environment.ProcessId;
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
                continue;
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int close = stat.LastIndexOf(')');
                string name = stat[(stat.IndexOf('(') + 1)..close];
                string[] rest = stat[(close + 2)..].Split(' ');
                if (int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) == self && name is "ffmpeg" or "ffprobe" or "sh" or "sleep")
                    found.Add($"{pid} {name} state {rest[0]}");
            }
            catch (IOException)
            {
                // gone meanwhile
            }
        }
        return found;
    }

    /// <summary>Polls until the test process has no tool children (a killed process is reaped asynchronously).</summary>
    public static List<string> WaitForNoToolChildren(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        List<string> children;
        while ((children = ToolChildren()).Count > 0 && clock.Elapsed < timeout)
            Thread.Sleep(50);
        return children;
    }

    /// <summary>A temporary folder removed on dispose.</summary>
    public sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("fp-video-cli-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}

/// <summary>
/// The video CLI tests run alone (after the parallel collections): they count the test process's ffmpeg children, which
/// other tests running at the same time would add to.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VideoCliCollection
{
    public const string Name = "video CLI (not parallel)";
}
