using Fingerprint.Hashing;

namespace Fingerprint.Harness;

/// <summary>Hash lists as <c>fingerprint bank import</c> reads them (HexLines: one 64-digit hex PDQ hash per line).</summary>
internal static class HexHashFile
{
    public static Hash256[] Read(string path)
    {
        var hashes = new List<Hash256>();
        int line = 0;
        foreach (string raw in File.ReadLines(path))
        {
            line++;
            string text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            if (!Hash256.TryParse(text.AsSpan(0, Math.Min(text.Length, Hash256.HexLength)), out Hash256 h, out string? error))
                throw new InvalidDataException($"{path}:{line}: {error}");
            hashes.Add(h);
        }
        return hashes.ToArray();
    }

    public static void Write(string path, IEnumerable<Hash256> hashes)
    {
        using var w = new StreamWriter(path);
        foreach (Hash256 h in hashes)
            w.WriteLine(h.ToString());
    }
}
