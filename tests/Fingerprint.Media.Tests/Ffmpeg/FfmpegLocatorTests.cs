using Fingerprint.Media.Ffmpeg;

namespace Fingerprint.Media.Tests.Ffmpeg;

public class FfmpegLocatorTests
{
    private static readonly Func<string, string?> s_noVariables = _ => null;

    [Fact]
    public void Locate_OnThisHost_FindsBothToolsOnPath()
    {
        FfmpegTools tools = FfmpegLocator.Locate(null, null, s_noVariables, Environment.GetEnvironmentVariable("PATH"));

        Assert.Equal("ffmpeg", Path.GetFileName(tools.FfmpegPath));
        Assert.Equal("ffprobe", Path.GetFileName(tools.FfprobePath));
        Assert.True(Path.IsPathFullyQualified(tools.FfmpegPath));
    }

    [Fact]
    public void Locate_Option_WinsOverVariableAndPath()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string optionFfmpeg = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", "exit 0");
        string optionFfprobe = FfmpegTestEnvironment.WriteScript(dir.Path, "ffprobe", "exit 0");
        using var other = FfmpegTestEnvironment.CreateTempDirectory();
        string variableFfmpeg = FfmpegTestEnvironment.WriteScript(other.Path, "ffmpeg", "exit 0");

        FfmpegTools tools = FfmpegLocator.Locate(optionFfmpeg, null,
            name => name == FfmpegLocator.FfmpegVariable ? variableFfmpeg : null, "/usr/bin");

        Assert.Equal(optionFfmpeg, tools.FfmpegPath);
        Assert.Equal(optionFfprobe, tools.FfprobePath);   // beside the explicit ffmpeg, before PATH
    }

    [Fact]
    public void Locate_OptionNamingAFolder_TakesBothToolsFromIt()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string ffmpeg = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", "exit 0");
        string ffprobe = FfmpegTestEnvironment.WriteScript(dir.Path, "ffprobe", "exit 0");

        FfmpegTools tools = FfmpegLocator.Locate(dir.Path, null, s_noVariables, null);

        Assert.Equal((ffmpeg, ffprobe), (tools.FfmpegPath, tools.FfprobePath));
    }

    [Fact]
    public void Locate_Variables_UsedWhenNoOption_AndFfprobeFallsBackToPath()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string fake = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", "exit 0");

        FfmpegTools tools = FfmpegLocator.Locate(null, null,
            name => name == FfmpegLocator.FfmpegVariable ? fake : null, "/usr/bin");

        Assert.Equal(fake, tools.FfmpegPath);
        Assert.Equal("/usr/bin/ffprobe", tools.FfprobePath);
    }

    [Fact]
    public void Locate_FfprobeVariable_WinsOverTheFolderOfFfmpeg()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", "exit 0");
        FfmpegTestEnvironment.WriteScript(dir.Path, "ffprobe", "exit 0");
        using var other = FfmpegTestEnvironment.CreateTempDirectory();
        string probe = FfmpegTestEnvironment.WriteScript(other.Path, "my-ffprobe", "exit 0");

        FfmpegTools tools = FfmpegLocator.Locate(dir.Path, null,
            name => name == FfmpegLocator.FfprobeVariable ? probe : null, null);

        Assert.Equal(probe, tools.FfprobePath);
    }

    [Fact]
    public void Locate_NothingAnywhere_ThrowsNamingTheDebianPackage()
    {
        using var empty = FfmpegTestEnvironment.CreateTempDirectory();

        FfmpegNotFoundException ex = Assert.Throws<FfmpegNotFoundException>(() => FfmpegLocator.Locate(null, null, s_noVariables, empty.Path));

        Assert.Equal("ffmpeg", ex.Tool);
        Assert.Contains("Debian package 'ffmpeg'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_FfmpegButNoFfprobe_ThrowsForFfprobe()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", "exit 0");

        FfmpegNotFoundException ex = Assert.Throws<FfmpegNotFoundException>(() => FfmpegLocator.Locate(null, null, s_noVariables, dir.Path));

        Assert.Equal("ffprobe", ex.Tool);
    }

    [Fact]
    public void Locate_NamedPathMissing_ThrowsInsteadOfFallingBack()
    {
        FfmpegNotFoundException ex = Assert.Throws<FfmpegNotFoundException>(() =>
            FfmpegLocator.Locate(null, null, name => name == FfmpegLocator.FfmpegVariable ? "/nonexistent/ffmpeg" : null, "/usr/bin"));

        Assert.Contains(FfmpegLocator.FfmpegVariable, ex.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/ffmpeg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NotExecutable_Throws()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("ffmpeg");
        File.WriteAllText(path, "not a program");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Throws<FfmpegNotFoundException>(() => FfmpegLocator.Locate(path, null, s_noVariables, "/usr/bin"));
    }

    [Fact]
    public async Task GetVersionsAsync_RealTools_ReportTheSamePackageVersion()
    {
        FfmpegVersions versions = await FfmpegTestEnvironment.Tools.GetVersionsAsync();

        // Independent: the first line of `ffmpeg -version` is "ffmpeg version <v> Copyright ...".
        string firstLine = System.Text.Encoding.UTF8.GetString(
            FfmpegTestEnvironment.RunTool(FfmpegTestEnvironment.Tools.FfmpegPath, "-version")).Split('\n')[0];
        Assert.StartsWith($"ffmpeg version {versions.Ffmpeg} ", firstLine, StringComparison.Ordinal);
        Assert.Equal(versions.Ffmpeg, versions.Ffprobe);
        Assert.Matches(@"^n?\d+\.\d+", versions.Ffmpeg);
    }

    [Fact]
    public async Task GetVersionsAsync_ToolFails_ThrowsWithItsStderr()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string broken = FfmpegTestEnvironment.WriteScript(dir.Path, "ffmpeg", "echo 'libavcodec.so.59: cannot open shared object' >&2; exit 127");

        FfmpegException ex = await Assert.ThrowsAsync<FfmpegException>(() => new FfmpegTools(broken, broken).GetVersionsAsync());

        Assert.Equal(127, ex.ExitCode);
        Assert.Contains("cannot open shared object", ex.StandardErrorTail, StringComparison.Ordinal);
    }
}
