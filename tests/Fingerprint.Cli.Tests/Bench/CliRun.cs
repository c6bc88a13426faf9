namespace Fingerprint.Cli.Tests.Bench;

/// <summary>Runs the console host in-process (Program.RunAsync) with captured output.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await Program.RunAsync(args, stdout, stderr, TextReader.Null, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
