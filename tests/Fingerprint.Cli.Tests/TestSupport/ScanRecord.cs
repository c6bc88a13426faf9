using System.Text.Json;

namespace Fingerprint.Cli.Tests.TestSupport;

/// <summary>
/// One JSONL record of `hash -f jsonl` or `scan`, read with the documented schema checked as it is read: path, sha256
/// (64 lower-case hex), kind, pdq (64 lower-case hex), quality (0..100), lowQuality, duplicateOf, matches[] {bank, entry,
/// label, source, distance, threshold, margin, variant}, error null | {code, message}. Anything else malformed throws.
/// </summary>
internal sealed record ScanRecord(
    string Path, string? Sha256, string? Kind, string? Pdq, int? Quality, bool? LowQuality, string? DuplicateOf,
    IReadOnlyList<MatchInfo>? Matches, ErrorInfo? Error, int FrameCount, string Line)
{
    public static readonly string[] VariantNames = ["orig", "rot90", "rot180", "rot270", "flipx", "flipy", "flipp", "flipm"];

    public static ScanRecord Parse(string line, bool scan)
    {
        using var doc = JsonDocument.Parse(line);
        JsonElement e = doc.RootElement;
        Require(e.ValueKind == JsonValueKind.Object, line, "not an object");
        string path = RequiredString(e, "path", line);
        string? sha = OptionalString(e, "sha256", line);
        if (sha is not null)
            Require(IsHex(sha, 64), line, "sha256 is not 64 lower-case hex digits");
        string? kind = OptionalString(e, "kind", line);
        if (kind is not null)
            Require(kind is "image" or "animation" or "video", line, $"unknown kind '{kind}'");
        string? pdq = OptionalString(e, "pdq", line);
        if (pdq is not null)
            Require(IsHex(pdq, 64), line, "pdq is not 64 lower-case hex digits");
        int? quality = null;
        if (e.TryGetProperty("quality", out JsonElement q))
        {
            quality = q.GetInt32();
            Require(quality is >= 0 and <= 100, line, "quality outside 0..100");
        }
        bool? low = e.TryGetProperty("lowQuality", out JsonElement l) ? l.GetBoolean() : null;
        string? duplicateOf = OptionalString(e, "duplicateOf", line);

        // error is always present: null on success, {code, message} on failure.
        Require(e.TryGetProperty("error", out JsonElement err), line, "no 'error' member");
        ErrorInfo? error = null;
        if (err.ValueKind != JsonValueKind.Null)
        {
            error = new ErrorInfo(RequiredString(err, "code", line), RequiredString(err, "message", line));
            Require(error.Code.Length > 0 && error.Message.Length > 0, line, "empty error code or message");
        }

        List<MatchInfo>? matches = null;
        if (e.TryGetProperty("matches", out JsonElement m))
        {
            Require(m.ValueKind == JsonValueKind.Array, line, "matches is not an array");
            matches = [];
            foreach (JsonElement x in m.EnumerateArray())
            {
                var match = new MatchInfo(
                    RequiredString(x, "bank", line), x.GetProperty("entry").GetInt64(), OptionalString(x, "label", line),
                    OptionalString(x, "source", line), x.GetProperty("distance").GetInt32(), x.GetProperty("threshold").GetInt32(),
                    x.GetProperty("margin").GetInt32(), RequiredString(x, "variant", line));
                Require(match.Margin == match.Threshold - match.Distance, line, "margin != threshold - distance");
                Require(match.Distance >= 0 && match.Distance <= match.Threshold, line, "a match beyond its threshold");
                Require(VariantNames.Contains(match.Variant), line, $"unknown variant '{match.Variant}'");
                matches.Add(match);
            }
        }
        if (scan)
        {
            Require(matches is not null, line, "a scan record without 'matches'");
            if (error is not null)
                Require(matches!.Count == 0 && pdq is null, line, "a failed input with hashes or matches");
        }
        int frames = e.TryGetProperty("frames", out JsonElement f) ? f.GetArrayLength() : 0;
        return new ScanRecord(path, sha, kind, pdq, quality, low, duplicateOf, matches, error, frames, line);
    }

    /// <summary>Parses every line; a line that is not a complete JSON record fails the test.</summary>
    public static List<ScanRecord> ParseAll(string stdout, bool scan) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Parse(line, scan)).ToList();

    private static string RequiredString(JsonElement e, string name, string line)
    {
        Require(e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String, line, $"no string '{name}'");
        return v.GetString()!;
    }

    private static string? OptionalString(JsonElement e, string name, string line)
    {
        if (!e.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
            return null;
        Require(v.ValueKind == JsonValueKind.String, line, $"'{name}' is not a string");
        return v.GetString();
    }

    private static bool IsHex(string s, int length) => s.Length == length && s.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static void Require(bool condition, string line, string what)
    {
        if (!condition)
            throw new Xunit.Sdk.XunitException($"bad record ({what}): {line}");
    }
}

internal sealed record MatchInfo(string Bank, long Entry, string? Label, string? Source, int Distance, int Threshold, int Margin, string Variant);

internal sealed record ErrorInfo(string Code, string Message);
