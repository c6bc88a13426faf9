using System.Security.Cryptography;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// Finds the files of a corpus: every file under the given paths (files or directories, recursed), kept when its
/// content sniffs as one of the wanted formats (never by extension), duplicates by content dropped (first path in
/// ordinal order wins), sorted by path so every run sees the same order.
/// </summary>
internal static class Corpus
{
    public static List<CorpusFile> Find(IEnumerable<string> roots, params MediaFormat[] formats)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string root in roots)
        {
            if (File.Exists(root))
                paths.Add(Path.GetFullPath(root));
            else if (Directory.Exists(root))
                paths.UnionWith(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(Path.GetFullPath));
            else
                throw new UsageException($"corpus path '{root}' does not exist");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<CorpusFile>();
        byte[] header = new byte[FormatSniffer.HeaderBytes];
        foreach (string path in paths)
        {
            int n;
            using (FileStream fs = File.OpenRead(path))
                n = fs.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            MediaFormat format = FormatSniffer.Sniff(header.AsSpan(0, n));
            if (!formats.Contains(format))
                continue;
            byte[] data = File.ReadAllBytes(path);
            if (!seen.Add(Convert.ToHexString(SHA256.HashData(data))))
                continue;
            files.Add(new CorpusFile(path, format, data.Length));
        }
        return files;
    }

    /// <summary>The megapixel bucket a corpus table groups by.</summary>
    public static string SizeClass(int width, int height)
    {
        double mp = (double)width * height / 1e6;
        return mp switch
        {
            < 0.5 => "a: < 0.5 MP",
            < 1.5 => "b: 0.5-1.5 MP",
            < 4 => "c: 1.5-4 MP",
            < 9 => "d: 4-9 MP",
            _ => "e: >= 9 MP",
        };
    }

    /// <summary>A path shortened for tables: relative to the current directory when below it.</summary>
    public static string Display(string path)
    {
        string rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
