using System.Diagnostics;
using Fingerprint.TestUtilities;

namespace Fingerprint.Cli.Tests.Bench;

/// <summary>
/// The smoke tier of the test corpus (testmedia/README.md), generated on first use when missing or stale:
/// <c>/usr/bin/python3 testmedia/generate.py --tier smoke --if-stale</c> (about a minute; CI has ImageMagick, ffmpeg
/// and the DejaVu fonts it needs). Once per test process.
/// </summary>
internal static class SmokeCorpus
{
    private static readonly Lazy<string> s_directory = new(Generate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => s_directory.Value;

    private static string Generate()
    {
        string dir = RepoPaths.InRepo("testmedia", "generated", "smoke");
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("testmedia/generate.py");
        psi.ArgumentList.Add("--tier");
        psi.ArgumentList.Add("smoke");
        psi.ArgumentList.Add("--if-stale");
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("testmedia/generate.py --tier smoke took more than 10 minutes");
        }
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(dir, "manifest.jsonl")))
            throw new InvalidOperationException($"testmedia/generate.py --tier smoke failed ({process.ExitCode}): {stdout.Result}\n{stderr.Result}");
        return dir;
    }
}
