namespace Fingerprint.Cli.Tests.TestSupport;

/// <summary>Runs the console host in process through its testable entry point, <see cref="Program.RunAsync"/>.</summary>
internal static class FingerprintCli
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunWithStdinAsync("", args);

    public static async Task<CliResult> RunWithStdinAsync(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);
        int exit = await Program.RunAsync(args, stdout, stderr, input, CancellationToken.None);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
