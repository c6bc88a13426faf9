namespace Fingerprint.TestUtilities;

/// <summary>
/// Finds the repository root (the folder holding Fingerprint.sln) and the shared conformance data beside it
/// (../shared/conformance, read in place, never copied; FINGERPRINT_SHARED overrides the ../shared location).
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Shared
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable("FINGERPRINT_SHARED");
            return !string.IsNullOrEmpty(overridden) ? overridden : Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        }
    }

    public static string Conformance => Path.Combine(Shared, "conformance");
    public static string PdqConformance => Path.Combine(Conformance, "pdq");
    public static string VideoConformance => Path.Combine(Conformance, "video");
    public static string TestMedia => Path.Combine(Root, "testmedia");

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "Fingerprint.sln")))
                return dir;
            dir = Path.GetDirectoryName(dir);
        }
        throw new InvalidOperationException($"Fingerprint.sln not found above {AppContext.BaseDirectory}.");
    }
}
