using Fingerprint.Hashing;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Classic;

/// <summary>
/// The golden files make_goldens.py writes from OpenCV 4.6 (python3-opencv), never from our code:
/// testmedia/expected/classic-hashes.tsv, classic-gray.txt and classic-dct32.txt.
/// </summary>
internal static class ClassicGoldens
{
    private static readonly Lazy<List<HashRow>> s_hashes = new(LoadHashes);

    public sealed record HashRow(string File, int Width, int Height, int Channels, Hash64 AHash, Hash64 DHash, Hash64 PHash);

    public sealed record GrayGrid(string File, int Width, int Height, byte[] Gray);

    public sealed record DctBlock(string Title, float[] Input, float[] Output);

    public static IReadOnlyList<HashRow> Hashes => s_hashes.Value;

    public static HashRow Hash(string file) => Hashes.Single(r => r.File == file);

    public static string PathOf(string name) => RepoPaths.InRepo("testmedia", "expected", name);

    private static List<HashRow> LoadHashes()
    {
        var rows = new List<HashRow>();
        bool header = true;
        foreach (string line in File.ReadLines(PathOf("classic-hashes.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0)
                continue;
            string[] f = line.Split('\t');
            if (header)
            {
                Assert.Equal("file\twidth\theight\tchannels\tahash\tdhash\tphash", line);
                header = false;
                continue;
            }
            rows.Add(new HashRow(f[0], int.Parse(f[1]), int.Parse(f[2]), int.Parse(f[3]),
                Hash64.Parse(f[4]), Hash64.Parse(f[5]), Hash64.Parse(f[6])));
        }
        return rows;
    }

    public static IReadOnlyList<GrayGrid> LoadGrayGrids()
    {
        var grids = new List<GrayGrid>();
        string[] lines = File.ReadAllLines(PathOf("classic-gray.txt")).Where(l => !l.StartsWith('#')).ToArray();
        for (int i = 0; i < lines.Length;)
        {
            string[] head = lines[i++].Split(' ');
            int w = int.Parse(head[1]), h = int.Parse(head[2]);
            byte[] gray = new byte[w * h];
            for (int y = 0; y < h; y++)
            {
                byte[] row = lines[i++].Split(' ').Select(byte.Parse).ToArray();
                Assert.Equal(w, row.Length);
                row.CopyTo(gray, y * w);
            }
            grids.Add(new GrayGrid(head[0], w, h, gray));
        }
        return grids;
    }

    public static IReadOnlyList<DctBlock> LoadDctBlocks()
    {
        var blocks = new List<DctBlock>();
        string[] lines = File.ReadAllLines(PathOf("classic-dct32.txt"));
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i++];
            if (!line.StartsWith("# ", StringComparison.Ordinal) || !line.Contains("input (32 rows", StringComparison.Ordinal))
                continue;
            string title = line[2..line.IndexOf(':', StringComparison.Ordinal)];
            float[] input = ReadFloats(lines, ref i);
            float[] output = ReadFloats(lines, ref i);
            blocks.Add(new DctBlock(title, input, output));
        }
        return blocks;
    }

    private static float[] ReadFloats(string[] lines, ref int i)
    {
        float[] values = new float[32 * 32];
        for (int y = 0; y < 32; y++)
        {
            float[] row = lines[i++].Split(' ').Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(32, row.Length);
            row.CopyTo(values, y * 32);
        }
        return values;
    }
}
