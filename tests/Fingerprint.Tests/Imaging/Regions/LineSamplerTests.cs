using Fingerprint.Imaging;
using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>The sampling stage: grid layout, range lookup, and the samples against the pixels they come from.</summary>
public class LineSamplerTests
{
    [Theory]
    [InlineData(1, 256)]
    [InlineData(17, 256)]
    [InlineData(256, 256)]
    [InlineData(257, 256)]
    [InlineData(1000, 256)]
    [InlineData(4099, 32)]
    [InlineData(100_000, 2048)]
    public void Reset_Positions_AreAscendingInsideAndAboutTargetMany(int extent, int target)
    {
        var grid = new LineGrid();
        grid.Reset(3, extent, target);
        int step = (extent + target - 1) / target;
        Assert.Equal(Math.Max(1, step), grid.Step);
        Assert.Equal((extent + grid.Step - 1) / grid.Step, grid.SampleCount);
        Assert.InRange(grid.SampleCount, 1, target);
        ReadOnlySpan<int> positions = grid.Positions;
        for (int j = 0; j < positions.Length; j++)
        {
            Assert.InRange(positions[j], 0, extent - 1);
            Assert.Equal(Math.Min(j * grid.Step + grid.Step / 2, extent - 1), positions[j]);
            if (j > 0)
                Assert.True(positions[j] >= positions[j - 1]);
        }
    }

    [Theory]
    [InlineData(1000, 256)]
    [InlineData(97, 32)]
    [InlineData(31, 256)]
    public void Range_MatchesBruteForce(int extent, int target)
    {
        var grid = new LineGrid();
        grid.Reset(1, extent, target);
        var rng = new SplitMix64((ulong)extent);
        for (int t = 0; t < 200; t++)
        {
            int from = rng.NextInt(-2, extent + 2), to = rng.NextInt(-2, extent + 3);
            grid.Range(from, to, out int start, out int end);
            int expectedStart = 0, expectedEnd = 0;
            while (expectedStart < grid.SampleCount && grid.Positions[expectedStart] < from)
                expectedStart++;
            for (int j = 0; j < grid.SampleCount; j++)
            {
                if (grid.Positions[j] >= from && grid.Positions[j] < to)
                    expectedEnd = j + 1;
            }
            expectedEnd = Math.Max(expectedStart, expectedEnd);
            Assert.Equal((expectedStart, expectedEnd), (start, end));
        }
    }

    [Theory]
    [InlineData(PixelFormat.Gray8, 37, 23, 0)]
    [InlineData(PixelFormat.Rgb24, 300, 41, 5)]
    [InlineData(PixelFormat.Rgba32, 41, 300, 3)]
    [InlineData(PixelFormat.Bgra32, 517, 263, 0)]
    [InlineData(PixelFormat.Rgb24, 1, 1, 7)]
    public void SampleRowsAndColumns_AreLumaAndScaledChroma(PixelFormat format, int width, int height, int padding)
    {
        var rng = new SplitMix64((ulong)(width * 1000 + height));
        int bpp = format.BytesPerPixel();
        int stride = width * bpp + padding;
        byte[] pixels = new byte[stride * height];
        rng.NextBytes(pixels);
        var view = new ImageView(pixels, width, height, stride, format);

        var rows = new LineGrid();
        rows.Reset(height, width, 64);
        LineSampler.SampleRows(view, rows);
        var columns = new LineGrid();
        columns.Reset(width, height, 64);
        LineSampler.SampleColumns(view, columns);

        // The definition, recomputed here: (Y, 128 + (R - B) / 4, 128 + (2G - R - B) / 8) with C#'s truncating division;
        // a Gray8 pixel v is (v, 128, 128); Bgra32 is read as R, G, B.
        void AssertSample(ReadOnlySpan<byte> line, int j, int x, int y)
        {
            int o = y * stride + x * bpp;
            int r, g, b;
            if (bpp == 1)
                r = g = b = pixels[o];
            else if (format == PixelFormat.Bgra32)
                (r, g, b) = (pixels[o + 2], pixels[o + 1], pixels[o]);
            else
                (r, g, b) = (pixels[o], pixels[o + 1], pixels[o + 2]);
            Assert.Equal((r + g + b) / 3, line[3 * j]);
            Assert.Equal(128 + (r - b) / 4, line[3 * j + 1]);
            Assert.Equal(128 + (2 * g - r - b) / 8, line[3 * j + 2]);
        }
        for (int y = 0; y < height; y++)
            for (int j = 0; j < rows.SampleCount; j++)
                AssertSample(rows.Line(y), j, rows.Positions[j], y);
        for (int x = 0; x < width; x++)
            for (int i = 0; i < columns.SampleCount; i++)
                AssertSample(columns.Line(x), i, x, columns.Positions[i]);
    }
}
