using System.CommandLine;
using Fingerprint.Cli.Tests.TestSupport;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// The command line itself: every command's --help (exit 0, with an example), unknown options and commands, bad option
/// values (exit 2 with a hint on stderr, nothing on stdout). The command list is read from the parser, so a new command
/// is covered the day it is added.
/// </summary>
public class CommandLineTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (string path in CommandPaths())
            data.Add(path);
        return data;
    }

    /// <summary>"" for the root, then "hash", "bank create", ...: every command the parser knows.</summary>
    private static List<string> CommandPaths()
    {
        var paths = new List<string>();
        var context = new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null);
        void Walk(Command command, string path)
        {
            paths.Add(path);
            foreach (Command sub in command.Subcommands)
                Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}");
        }
        Walk(Program.BuildRoot(context), "");
        return paths;
    }

    [Fact]
    public void Commands_AreTheDocumentedOnes()
    {
        // DESIGN.md §6; bench has one benchmark, robustness.
        string[] expected = ["", "hash", "compare", "scan", "bank", "bank create", "bank list", "bank stats", "bank remove",
            "bank export", "bank import", "bank add", "bench", "bench robustness", "info"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), CommandPaths().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_Exits0WithUsageAndAnExample(string command)
    {
        string[] path = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        CliResult r = await FingerprintCli.RunAsync([.. path, "--help"]);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Usage:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Example", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("fingerprint " + command, r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", r.Stderr);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task UnknownOption_EveryCommand_Exits2WithAHintOnStderr(string command)
    {
        string[] path = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        CliResult r = await FingerprintCli.RunAsync([.. path, "--no-such-option"]);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("fingerprint: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_BeforeAPath_IsAUsageErrorNotAMissingFile()
    {
        // The parser hands unknown options to a PATH list; they must not be hashed as files that do not exist (exit 3).
        string image = PdqConformance.ImagePath(PdqConformance.Expected[0].File);
        foreach (string[] args in new[] { new[] { "hash", "--bogus", image }, ["scan", "--db", "x.db", "-x", image], ["bank", "add", "--bank", "b", "--nope", image] })
        {
            CliResult r = await FingerprintCli.RunAsync(args);
            Assert.True(r.ExitCode == 2, $"{string.Join(' ', args)}: {r}");
            Assert.Contains($"Unrecognized option '{args[^2]}'", r.Stderr, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string[]> BadValues() =>
    [
        ["frobnicate"],
        [],
        ["hash", "--profile", "bogus", "x.jpg"],
        ["hash", "--jobs", "many", "x.jpg"],
        ["hash", "-f", "xml", "x.jpg"],
        ["hash", "--seconds-per-frame", "-1", "x.jpg"],
        ["hash", "--apply-exif", "--ignore-exif", "x.jpg"],
        ["hash"],
        ["scan", "--threshold", "300", "--db", "x.db", "x.jpg"],
        ["scan", "--threshold", "ten", "x.jpg"],
        ["scan", "--db", "x.db"],
        ["compare", "a.jpg"],
        ["compare", "a.jpg", "b.jpg", "c.jpg"],
        ["compare", "--threshold", "x", "a.jpg", "b.jpg"],
    ];

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task BadArguments_Exit2WithoutTouchingStdout(string[] args)
    {
        CliResult r = await FingerprintCli.RunAsync(args);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("fingerprint: ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_RealProcess_Exits0AndPrintsTheAssemblyVersion()
    {
        // A real process: in process, System.CommandLine reports the entry assembly, which is the test host.
        using FingerprintProcess p = FingerprintProcess.Start(["--version"]);
        await p.ReadToEndAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, await p.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        Assert.StartsWith("0.1.0", Assert.Single(p.Lines), StringComparison.Ordinal);
    }
}
