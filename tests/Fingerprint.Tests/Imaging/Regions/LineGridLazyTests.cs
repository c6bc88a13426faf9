using Fingerprint.Imaging;
using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>Lazy line sampling (<see cref="LineGrid.Attach"/>) gives exactly the samples of eager sampling.</summary>
public unsafe class LineGridLazyTests
{
    [Theory]
    [InlineData(PixelFormat.Gray8, 37, 23, 0, 16)]
    [InlineData(PixelFormat.Rgb24, 300, 41, 5, 64)]
    [InlineData(PixelFormat.Rgba32, 41, 300, 3, 128)]
    [InlineData(PixelFormat.Bgra32, 517, 263, 0, 128)]
    [InlineData(PixelFormat.Rgb24, 1, 1, 7, 32)]
    public void AttachedGrid_EveryLineAndSample_EqualsEagerSampling(PixelFormat format, int width, int height, int padding, int target)
    {
        var rng = new SplitMix64((ulong)(width * 7919 + height));
        int stride = width * format.BytesPerPixel() + padding;
        byte[] pixels = new byte[stride * height];
        rng.NextBytes(pixels);
        var view = new ImageView(pixels, width, height, stride, format);

        var eagerRows = new LineGrid();
        eagerRows.Reset(height, width, target);
        LineSampler.SampleRows(view, eagerRows);
        var eagerColumns = new LineGrid();
        eagerColumns.Reset(width, height, target);
        LineSampler.SampleColumns(view, eagerColumns);

        fixed (byte* p = pixels)
        {
            var rows = new LineGrid();
            rows.Reset(height, width, target);
            rows.Attach(p, stride, format, columns: false);
            var columns = new LineGrid();
            columns.Reset(width, height, target);
            columns.Attach(p, stride, format, columns: true);

            // Single samples first (the line is not sampled by them), then whole lines, in a scrambled order.
            for (int y = 0; y < height; y++)
                for (int j = 0; j < rows.SampleCount; j++)
                    Assert.Equal(SampleColour.At(eagerRows.Line(y), j), rows.SampleAt(y, j));
            for (int x = 0; x < width; x++)
                for (int i = 0; i < columns.SampleCount; i++)
                    Assert.Equal(SampleColour.At(eagerColumns.Line(x), i), columns.SampleAt(x, i));
            for (int k = 0; k < height; k++)
            {
                int y = (int)((long)k * 7 % height);
                Assert.Equal(eagerRows.Line(y).ToArray(), rows.Line(y).ToArray());
            }
            for (int k = 0; k < width; k++)
            {
                int x = (int)((long)k * 13 % width);
                Assert.Equal(eagerColumns.Span(x, 1 % columns.SampleCount, columns.SampleCount - 1 % columns.SampleCount).ToArray(),
                    columns.Span(x, 1 % columns.SampleCount, columns.SampleCount - 1 % columns.SampleCount).ToArray());
            }
            rows.Detach();
            columns.Detach();
        }
    }

    [Fact]
    public void DetachedGrid_UnsampledLine_Throws()
    {
        byte[] pixels = new byte[30 * 20];
        fixed (byte* p = pixels)
        {
            var rows = new LineGrid();
            rows.Reset(20, 30, 32);
            rows.Attach(p, 30, PixelFormat.Gray8, columns: false);
            _ = rows.Line(3);
            rows.Detach();
            Assert.Equal(30 * 3, rows.Line(3).Length);          // sampled before Detach: still readable (30 samples, step 1)
            Assert.Throws<InvalidOperationException>(() => rows.Line(4));
        }
    }

    [Fact]
    public void SampleAt_OutsideTheGrid_Throws()
    {
        var rows = new LineGrid();
        rows.Reset(4, 10, 32);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows.SampleAt(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows.SampleAt(0, 10));
    }
}
