using System.Globalization;

namespace Fingerprint.Harness;

/// <summary>
/// Command-line options of a subcommand: <c>--name value</c> (repeatable: every value is kept), <c>--flag</c> (a name
/// followed by another option or by nothing), and positional arguments. Unknown names are an error, so a typo in a
/// script fails instead of silently running the defaults.
/// </summary>
internal sealed class HarnessArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public HarnessArgs(ReadOnlySpan<string> args, IReadOnlySet<string> flags)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(a);
                continue;
            }
            string name = a[2..];
            string value = "true";
            if (!flags.Contains(name))
            {
                if (i + 1 >= args.Length)
                    throw new UsageException($"option --{name} needs a value");
                value = args[++i];
            }
            if (!_values.TryGetValue(name, out List<string>? list))
                _values[name] = list = [];
            list.Add(value);
        }
    }

    public List<string> Positional { get; } = [];

    public IReadOnlyList<string> All(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out List<string>? list) ? list : [];
    }

    public string? Get(string name)
    {
        IReadOnlyList<string> all = All(name);
        return all.Count == 0 ? null : all[^1];
    }

    public string Require(string name) => Get(name) ?? throw new UsageException($"missing option --{name}");

    public bool Flag(string name) => Get(name) is { } v && v != "false";

    public int Int(string name, int fallback) => Get(name) is { } v ? ParseInt(name, v) : fallback;

    public double Double(string name, double fallback) =>
        Get(name) is { } v
            ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw new UsageException($"--{name}: '{v}' is not a number")
            : fallback;

    /// <summary>Comma-separated integers, e.g. <c>--threads 1,2</c>.</summary>
    public int[] Ints(string name, int[] fallback) =>
        Get(name) is { } v ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => ParseInt(name, s)).ToArray() : fallback;

    /// <summary>Throws when an option was given that the subcommand never asked for.</summary>
    public void RejectUnknown()
    {
        string[] unknown = _values.Keys.Where(k => !_used.Contains(k)).ToArray();
        if (unknown.Length > 0)
            throw new UsageException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
    }

    private static int ParseInt(string name, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : throw new UsageException($"--{name}: '{v}' is not an integer");
}
