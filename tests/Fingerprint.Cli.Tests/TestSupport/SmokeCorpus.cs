using System.Diagnostics;
using System.Text.Json;
using Fingerprint.TestUtilities;

namespace Fingerprint.Cli.Tests.TestSupport;

/// <summary>
/// The smoke tier of the test media corpus (testmedia/README.md), at <c>testmedia/generated/smoke</c>. test.sh generates
/// it before the tests; when it is missing (a local run), the first test that needs it runs the generator once per test
/// run (<c>/usr/bin/python3 testmedia/generate.py --tier smoke --if-stale</c>, then <c>verify_manifest.py</c>).
/// </summary>
internal static class SmokeCorpus
{
    private static readonly Lazy<string> s_root = new(EnsureGenerated, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<IReadOnlyList<ManifestRecord>> s_manifest = new(() => ReadJsonl(Path.Combine(Root, "manifest.jsonl"), ManifestRecord.From));
    private static readonly Lazy<IReadOnlyList<ExpectedUpload>> s_expected = new(() => ReadJsonl(Path.Combine(Root, "scan", "expected.jsonl"), ExpectedUpload.From));

    /// <summary>The tier directory (generated on first use if missing).</summary>
    public static string Root => s_root.Value;

    public static string ScanBank => Path.Combine(Root, "scan", "bank");

    public static string ScanUploads => Path.Combine(Root, "scan", "uploads");

    public static IReadOnlyList<ManifestRecord> Manifest => s_manifest.Value;

    public static IReadOnlyList<ExpectedUpload> Expected => s_expected.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string EnsureGenerated()
    {
        string root = Path.Combine(RepoPaths.TestMedia, "generated", "smoke");
        if (IsComplete(root))
            return root;
        // One generator at a time, across processes too (the generator replaces its output directory).
        Directory.CreateDirectory(Path.Combine(RepoPaths.TestMedia, "generated"));
        using var gate = new FileStream(Path.Combine(RepoPaths.TestMedia, "generated", ".smoke.lock"), FileMode.OpenOrCreate,
            FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        if (IsComplete(root))
            return root;
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        Run(python, [Path.Combine(RepoPaths.TestMedia, "generate.py"), "--tier", "smoke", "--if-stale"], TimeSpan.FromMinutes(10));
        Run(python, [Path.Combine(RepoPaths.TestMedia, "verify_manifest.py"), root], TimeSpan.FromMinutes(2));
        if (!IsComplete(root))
            throw new InvalidOperationException($"the smoke tier was generated but {root} is still incomplete");
        return root;
    }

    private static bool IsComplete(string root) =>
        File.Exists(Path.Combine(root, "manifest.jsonl")) && File.Exists(Path.Combine(root, "tools.json")) &&
        File.Exists(Path.Combine(root, "scan", "expected.jsonl"));

    private static void Run(string tool, string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} took longer than {timeout}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{tool} {string.Join(' ', args)} failed with exit code {process.ExitCode} (the generator needs /usr/bin/python3, " +
                $"ImageMagick, ffmpeg and fonts-dejavu-core; see testmedia/README.md):\n{stdout.Result}\n{stderr.Result}");
        }
    }

    private static List<T> ReadJsonl<T>(string path, Func<JsonElement, T> map)
    {
        var result = new List<T>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0)
                continue;
            using var doc = JsonDocument.Parse(line);
            result.Add(map(doc.RootElement));
        }
        return result;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>One manifest.jsonl record (the fields the CLI tests use).</summary>
    internal sealed record ManifestRecord(string File, string Kind, string Role, string? Original, string? Family, string? Transform, string? Strength, string Sha256, bool LowQualityExpected)
    {
        public static ManifestRecord From(JsonElement e) => new(
            Str(e, "file")!, Str(e, "kind")!, Str(e, "role")!, Str(e, "original"), Str(e, "family"), Str(e, "transform"), Str(e, "strength"),
            Str(e, "sha256")!,
            e.TryGetProperty("params", out JsonElement p) && p.ValueKind == JsonValueKind.Object &&
            p.TryGetProperty("low_quality_expected", out JsonElement lq) && lq.ValueKind == JsonValueKind.True);
    }

    /// <summary>One scan/expected.jsonl record: an upload and the bank file it was made from (or null).</summary>
    internal sealed record ExpectedUpload(string Upload, string? Expected, string Kind, string Role, string? Family, string? Transform, string? Strength, string SourceFile)
    {
        public static ExpectedUpload From(JsonElement e) => new(
            Str(e, "upload")!, Str(e, "expected"), Str(e, "kind")!, Str(e, "role")!, Str(e, "family"), Str(e, "transform"), Str(e, "strength"),
            Str(e, "source_file")!);

        /// <summary>Absolute path of the upload.</summary>
        public string UploadPath => Path.Combine(Root, "scan", Upload);

        /// <summary>Absolute path of the expected bank file, or null for a distractor.</summary>
        public string? ExpectedPath => Expected is null ? null : Path.Combine(Root, "scan", Expected);

        /// <summary>"family/transform/strength" for reports.</summary>
        public string Variant => $"{Family}/{Transform}/{Strength ?? "-"}";
    }
}
