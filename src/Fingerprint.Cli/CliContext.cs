namespace Fingerprint.Cli;

/// <summary>The console streams injected into every command, so tests capture output (dotnet-counters' IConsole idea).</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        Stdout = stdout;
        Stderr = stderr;
        Stdin = stdin;
    }

    public TextWriter Stdout { get; }
    public TextWriter Stderr { get; }
    public TextReader Stdin { get; }
}
