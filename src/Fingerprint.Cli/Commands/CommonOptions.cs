using System.CommandLine;
using Fingerprint.Cli.Output;
using Fingerprint.Cli.Progress;

namespace Fingerprint.Cli.Commands;

/// <summary>Options shared by several commands (one instance per command tree: System.CommandLine options are not shared between commands).</summary>
internal static class CommonOptions
{
    public const string DbEnvironmentVariable = "FINGERPRINT_DB";

    public static Option<string> Db() => new("--db")
    {
        Description = $"Bank database file (SQLite; created on first use). Default: ${DbEnvironmentVariable}, else ./fingerprint.db.",
        HelpName = "FILE",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(DbEnvironmentVariable) is { Length: > 0 } env ? env : "fingerprint.db",
    };

    public static Option<OutputFormat> Format(OutputFormat defaultFormat) => new("--format", "-f")
    {
        Description = "Result format on stdout: text, csv (with a header row) or jsonl (one JSON object per input).",
        HelpName = "text|csv|jsonl",
        DefaultValueFactory = _ => defaultFormat,
    };

    public static Option<ProgressMode> Progress() => new("--progress")
    {
        Description = "Progress on stderr: auto (a bar on a terminal, periodic lines otherwise), bar, plain or none.",
        HelpName = "auto|bar|plain|none",
        DefaultValueFactory = _ => ProgressMode.Auto,
    };

    public static Option<string?> FromList() => new("--from-list")
    {
        Description = "Also read input paths from FILE, one per line ('-' = stdin; blank lines and '#' comments skipped).",
        HelpName = "FILE|-",
    };

    public static Argument<string[]> Paths(string description, ArgumentArity arity) => new("PATH")
    {
        Description = description,
        Arity = arity,
    };
}
