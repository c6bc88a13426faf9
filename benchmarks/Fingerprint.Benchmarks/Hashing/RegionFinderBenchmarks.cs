using BenchmarkDotNet.Attributes;
using Fingerprint.Imaging;
using Fingerprint.Imaging.Regions;

namespace Fingerprint.Benchmarks.Hashing;

/// <summary>
/// Region finding (border peeling + XY-cut panels) on seeded synthetic RGB collages: a 2 x 2 grid of textured panels
/// with white 12 px gutters and margin, and a caption-free 1 x 3 strip, at about 1 MP and 3 MP. The target is well under
/// one PDQ hash of the same image (a few ms at 1-3 MP); the cost should grow with width + height, not with area
/// (every row and column is sampled at about 256 points). Peer for the ratio: the PDQ benchmarks on the same sizes.
/// </summary>
[BenchmarkCategory("Hashing")]
public class RegionFinderBenchmarks
{
    private readonly RegionFinder _finder = new();
    private readonly List<ImageRegion> _regions = new(16);
    private byte[] _pixels = [];
    private int _width;
    private int _height;

    [Params("1155x866 2x2", "2001x1500 2x2", "1155x866 3x1", "2001x1500 3x1")]
    public string Case { get; set; } = "1155x866 2x2";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split(' ');
        string[] size = parts[0].Split('x');
        string[] grid = parts[1].Split('x');
        _width = int.Parse(size[0]);
        _height = int.Parse(size[1]);
        int columns = int.Parse(grid[0]), rows = int.Parse(grid[1]);
        _pixels = Collage(_width, _height, columns, rows, gutter: 12, seed: 0x5EED_0F_C011A6E);
    }

    [Benchmark]
    public int FindRegions()
    {
        _finder.FindRegions(new ImageView(_pixels, _width, _height, PixelFormat.Rgb24), _regions);
        return _regions.Count;
    }

    [Benchmark]
    public RegionRect TrimBorders() => _finder.TrimBorders(new ImageView(_pixels, _width, _height, PixelFormat.Rgb24));

    /// <summary>
    /// White canvas; each panel a smooth two-axis gradient plus a random offset per 16 x 16 block plus +-4 per-pixel
    /// noise (SplitMix64, Vigna), so no row or column of a panel is uniform.
    /// </summary>
    private static byte[] Collage(int width, int height, int columns, int rows, int gutter, ulong seed)
    {
        var rng = new SplitMix64(seed);

        byte[] pixels = new byte[width * height * 3];
        pixels.AsSpan().Fill(255);
        int panelW = (width - (columns + 1) * gutter) / columns;
        int panelH = (height - (rows + 1) * gutter) / rows;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                int x0 = gutter + c * (panelW + gutter), y0 = gutter + r * (panelH + gutter);
                int blocksX = panelW / 16 + 1;
                int[] blocks = new int[blocksX * (panelH / 16 + 1)];
                for (int i = 0; i < blocks.Length; i++)
                    blocks[i] = (int)(rng.NextUInt64() % 61) - 30;
                int baseR = 60 + (int)(rng.NextUInt64() % 120), baseG = 60 + (int)(rng.NextUInt64() % 120), baseB = 60 + (int)(rng.NextUInt64() % 120);
                for (int y = 0; y < panelH; y++)
                {
                    for (int x = 0; x < panelW; x++)
                    {
                        int v = 60 * x / panelW - 60 * y / panelH + blocks[(y / 16) * blocksX + x / 16];
                        int o = ((y0 + y) * width + x0 + x) * 3;
                        ulong noise = rng.NextUInt64();
                        pixels[o] = (byte)Math.Clamp(baseR + v + (int)(noise % 9) - 4, 0, 255);
                        pixels[o + 1] = (byte)Math.Clamp(baseG + v + (int)((noise >> 8) % 9) - 4, 0, 255);
                        pixels[o + 2] = (byte)Math.Clamp(baseB + v + (int)((noise >> 16) % 9) - 4, 0, 255);
                    }
                }
            }
        }
        return pixels;
    }
}
