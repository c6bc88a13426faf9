using System.Diagnostics;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.TestUtilities;

namespace Fingerprint.Media.Tests.Ffmpeg;

/// <summary>Shared helpers: the real tools (test.sh installs the Debian package), sample videos, fake tools, /proc checks.</summary>
internal static class FfmpegTestEnvironment
{
    private static readonly Lazy<FfmpegTools> s_tools = new(() => FfmpegLocator.Locate());

    public static FfmpegTools Tools => s_tools.Value;

    public static string Video(string name) => Path.Combine(RepoPaths.VideoConformance, "videos", name);

    public static string TmkFile(string name) => Path.Combine(RepoPaths.VideoConformance, "tmk-sample-hashes", name);

    public static IEnumerable<string> SampleVideoNames() =>
        Directory.GetFiles(Path.Combine(RepoPaths.VideoConformance, "videos"), "*.mp4")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    /// <summary>A fresh temporary folder, removed by the returned handle.</summary>
    public static TempDirectory CreateTempDirectory() => new();

    /// <summary>Writes an executable shell script (a fake ffmpeg) into <paramref name="directory"/>.</summary>
    public static string WriteScript(string directory, string name, string body)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Runs a tool to the end and returns its stdout (for independent reference output).</summary>
    public static byte[] RunTool(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
            startInfo.ArgumentList.Add(a);
        using Process process = Process.Start(startInfo)!;
        var output = new MemoryStream();
        Task stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        stderr.Wait();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}.");
        return output.ToArray();
    }

    /// <summary>
    /// True when <paramref name="pid"/> names a live process (a zombie counts as alive: it has not been reaped).
    /// </summary>
    public static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>
    /// True when <paramref name="pid"/> is gone or is a zombie (dead; a killed grandchild is re-parented to init, which
    /// reaps it when it does). Our direct children must be gone altogether: use <see cref="ProcessExists"/> for them.
    /// </summary>
    public static bool IsDead(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("State:", StringComparison.Ordinal))
                    return line.Contains('Z', StringComparison.Ordinal) || line.Contains('X', StringComparison.Ordinal);
            }
            return false;
        }
        catch (IOException)
        {
            return true;   // DirectoryNotFoundException / FileNotFoundException: gone
        }
    }

    /// <summary>Polls until the process is gone (reaping by init may take a moment for a killed grandchild).</summary>
    public static bool WaitUntilGone(int pid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (ProcessExists(pid))
        {
            if (clock.Elapsed > timeout)
                return false;
            Thread.Sleep(20);
        }
        return true;
    }

    public static int ReadPid(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out int pid))
                return pid;
            Thread.Sleep(10);
        }
        throw new TimeoutException($"{path} was not written.");
    }

    internal sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = Directory.CreateTempSubdirectory("fingerprint-ffmpeg-").FullName;
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
