using System.Text.Json;

namespace Fingerprint.Cli.Bench;

/// <summary>
/// Reads a generated corpus (testmedia/generate.py: <c>manifest.jsonl</c>, <c>tools.json</c>) into the still images the
/// robustness benchmark uses: originals, image edits and image distractors. Scan copies (<c>copy_of</c>) are skipped
/// (they repeat other records), and so are videos and animations (<c>kind</c> video): the benchmark is about stills.
/// </summary>
internal sealed class CorpusManifest
{
    private CorpusManifest(string directory, IReadOnlyList<CorpusItem> items, string? tier, long? seed)
    {
        Directory = directory;
        Items = items;
        Tier = tier;
        Seed = seed;
    }

    public string Directory { get; }

    /// <summary>Originals, edits and distractors, in manifest order (sorted by file name).</summary>
    public IReadOnlyList<CorpusItem> Items { get; }

    /// <summary>tools.json's tier (smoke, standard, extended), when recorded.</summary>
    public string? Tier { get; }

    /// <summary>tools.json's generator seed, when recorded.</summary>
    public long? Seed { get; }

    /// <exception cref="CliException">The directory has no manifest, or a record is malformed or inconsistent.</exception>
    public static CorpusManifest Load(string directory)
    {
        string manifest = Path.Combine(directory, "manifest.jsonl");
        if (!File.Exists(manifest))
        {
            throw new CliException(ExitCode.UsageError,
                $"bench robustness: '{manifest}' not found; generate a corpus first, e.g. " +
                "/usr/bin/python3 testmedia/generate.py --tier smoke (then --corpus testmedia/generated/smoke)");
        }

        var items = new List<CorpusItem>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(manifest))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                CorpusItem? item = Parse(line);
                if (item is not null)
                    items.Add(item);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new CliException(ExitCode.DataError, $"bench robustness: {manifest}:{lineNumber}: malformed record ({ex.Message})", ex);
            }
        }

        var originals = new HashSet<string>(items.Where(i => i.Role == CorpusRole.Original).Select(i => i.File), StringComparer.Ordinal);
        foreach (CorpusItem item in items)
        {
            if (item.Role == CorpusRole.Edit && !originals.Contains(item.Original!))
                throw new CliException(ExitCode.DataError, $"bench robustness: {item.File} is an edit of '{item.Original}', which is not an original image of the corpus");
        }
        if (originals.Count == 0)
            throw new CliException(ExitCode.DataError, $"bench robustness: {manifest} lists no original images");

        (string? tier, long? seed) = ReadTools(Path.Combine(directory, "tools.json"));
        return new CorpusManifest(directory, items, tier, seed);
    }

    private static CorpusItem? Parse(string line)
    {
        using JsonDocument doc = JsonDocument.Parse(line);
        JsonElement r = doc.RootElement;
        if (r.TryGetProperty("copy_of", out _))
            return null;
        if (r.GetProperty("kind").GetString() != "image")
            return null;
        string file = r.GetProperty("file").GetString() ?? throw new FormatException("file is null");
        string role = r.GetProperty("role").GetString() ?? throw new FormatException("role is null");
        string family = r.GetProperty("family").GetString() ?? throw new FormatException("family is null");
        string? strength = r.TryGetProperty("strength", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        switch (role)
        {
            case "original":
                return new CorpusItem(file, CorpusRole.Original, family, null, family, null);
            case "edit":
                string original = r.GetProperty("original").GetString() ?? throw new FormatException("an edit without its original");
                return new CorpusItem(file, CorpusRole.Edit, family, strength, VariantOf(file, family), original);
            case "distractor":
                string kind = DistractorKind(file) ?? family;
                return new CorpusItem(file, CorpusRole.Distractor, kind, strength, kind, null);
            default:
                throw new FormatException($"unknown role '{role}'");
        }
    }

    /// <summary><c>edits/crop/cv_graf1__crop-f20.jpg</c> -> <c>crop-f20</c> (the generator's variant key).</summary>
    internal static string VariantOf(string file, string family)
    {
        string stem = Path.GetFileNameWithoutExtension(file);
        int split = stem.LastIndexOf("__", StringComparison.Ordinal);
        return split >= 0 && split + 2 < stem.Length ? stem[(split + 2)..] : family;
    }

    /// <summary><c>distractors/same_scene/x.jpg</c> -> <c>same_scene</c>.</summary>
    internal static string? DistractorKind(string file)
    {
        string[] parts = file.Split('/');
        return parts.Length >= 3 && parts[0] == "distractors" ? parts[1] : null;
    }

    private static (string? Tier, long? Seed) ReadTools(string path)
    {
        if (!File.Exists(path))
            return (null, null);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement r = doc.RootElement;
            string? tier = r.TryGetProperty("tier", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            long? seed = r.TryGetProperty("seed", out JsonElement s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
            return (tier, seed);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
