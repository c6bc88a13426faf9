using System.Diagnostics;
using Fingerprint.Cli.Tests.TestSupport;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// `fingerprint info` lists every native library with the version it reports and ffmpeg/ffprobe with theirs, and doubles
/// as a dependency check (exit 4 when one is missing, naming the Debian package). The libraries are the ones
/// scripts/deps.sh installs; ffmpeg's version is read here from `ffmpeg -version` itself.
/// </summary>
public class InfoCommandTests
{
    [Fact]
    public async Task Info_EverythingInstalled_ListsEachLibraryAndFfmpegWithVersionsExit0()
    {
        CliResult r = await FingerprintCli.RunAsync("info");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("fingerprint 0.1.0", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^simd +Vector128=(True|False) Vector256=(True|False) Vector512=(True|False)", r.Stdout);
        foreach ((string name, string soname) in new[]
        {
            ("turbojpeg", "libturbojpeg.so.0"), ("spng", "libspng.so.0"), ("webp", "libwebp.so.7"),
            ("webpdemux", "libwebpdemux.so.2"), ("gif", "libgif.so.7"), ("heif", "libheif.so.1"),
        })
        {
            Assert.Matches($@"(?m)^  {name} +found +{soname.Replace(".", @"\.", StringComparison.Ordinal)} +\S", r.Stdout);
        }
        Assert.Matches(@"(?m)^  webp +found +libwebp\.so\.7 +\d+\.\d+\.\d+$", r.Stdout);
        Assert.Contains($"(version {await ToolVersionAsync("ffmpeg")})", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"(version {await ToolVersionAsync("ffprobe")})", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ffmpeg +found +/\S*ffmpeg ", r.Stdout);
        Assert.Matches(@"(?m)^ffprobe +found +/\S*ffprobe ", r.Stdout);
    }

    [Fact]
    public async Task Info_FfmpegMissing_SaysWhatToInstallExit4()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fp-cli-no-ffmpeg-" + Guid.NewGuid().ToString("N"), "ffmpeg");

        CliResult r = await FingerprintCli.RunAsync("info", "--ffmpeg", missing);

        Assert.True(r.ExitCode == 4, r.ToString());
        Assert.Matches(@"(?m)^ffmpeg +MISSING .*apt-get install ffmpeg", r.Stdout);
        Assert.Contains("native libraries:", r.Stdout, StringComparison.Ordinal);   // the rest is still reported
        Assert.Contains("a dependency is missing", r.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The third word of the tool's first -version line ("ffmpeg version 5.1.9-0+deb12u1 Copyright ...").</summary>
    private static async Task<string> ToolVersionAsync(string tool)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-hide_banner");
        psi.ArgumentList.Add("-version");
        using Process p = Process.Start(psi)!;
        string first = (await p.StandardOutput.ReadLineAsync())!;
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return first.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
    }
}
