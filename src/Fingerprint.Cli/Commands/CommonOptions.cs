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

    public static Argument<string[]> Paths(string description, ArgumentArity arity)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = description,
            Arity = arity,
        };
        RejectUnknownOptions(paths);
        return paths;
    }

    /// <summary>
    /// The parser hands an unknown option such as `--bogus` to a path argument; without this it would be read as a
    /// missing file (exit 3) instead of reported as the usage error it is (exit 2). A file that really is named like an
    /// option is still accepted.
    /// </summary>
    public static void RejectUnknownOptions(Argument argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (System.CommandLine.Parsing.Token token in result.Tokens)
            {
                string value = token.Value;
                if (value.Length > 1 && value[0] == '-' && !File.Exists(value) && !Directory.Exists(value))
                    result.AddError($"Unrecognized option '{value}'.");
            }
        });
    }
}
