namespace Fingerprint.Cli.Tests.TestSupport;

/// <summary>What one `fingerprint` invocation produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The non-empty stdout lines.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

    private static string Tail(string s) => s.Length <= 4000 ? s : "..." + s[^4000..];
}
