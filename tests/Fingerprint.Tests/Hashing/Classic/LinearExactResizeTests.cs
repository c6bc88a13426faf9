using Fingerprint.Hashing.Classic;
using Fingerprint.Imaging;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Classic;

public class LinearExactResizeTests
{
    [Theory]
    [InlineData(8, 8)]
    [InlineData(9, 8)]
    [InlineData(32, 32)]
    public void ResizeChannel_OpenCvGrayGoldens_AreReproducedExactly(int width, int height)
    {
        // classic-gray.txt: cv2.resize(INTER_LINEAR_EXACT) + COLOR_BGR2GRAY from OpenCV 4.6. Exact: 0 differences.
        var rng = new SplitMix64(5);
        int checkedGrids = 0;
        foreach (ClassicGoldens.GrayGrid grid in ClassicGoldens.LoadGrayGrids().Where(g => g.Width == width && g.Height == height))
        {
            ClassicTestImage image = ClassicTestImage.Load(grid.File);
            byte[] data = image.Layout(image.NaturalFormat, 3, rng, out int stride);
            var view = new ImageView(data, image.Width, image.Height, stride, image.NaturalFormat);
            byte[] gray = new byte[width * height];
            ResizeToGray(view, gray, width, height);
            Assert.True(grid.Gray.AsSpan().SequenceEqual(gray), $"{grid.File} {width}x{height}");
            checkedGrids++;
        }
        Assert.Equal(7, checkedGrids);
    }

    [Fact]
    public void ComputeAxis_TwoToEight_GivesHandDerivedTaps()
    {
        // scale = 1 / (8 / 2) = 0.25; f = 0.25 * (d + 0.5) - 0.5 = -0.375, -0.125 (left of the source: sample 0),
        // 0.125, 0.375, 0.625, 0.875 (between samples 0 and 1: weights round(f * 256) = 32, 96, 160, 224),
        // 1.125, 1.375 (floor 1 = last sample: right edge).
        Span<int> offsets = stackalloc int[8];
        Span<int> weights = stackalloc int[8];
        LinearExactResize.ComputeAxis(2, 8, offsets, weights, out int first, out int end);
        Assert.Equal(2, first);
        Assert.Equal(6, end);
        Assert.Equal(new[] { 0, 0, 0, 0 }, offsets.Slice(2, 4).ToArray());
        Assert.Equal(new[] { 32, 96, 160, 224 }, weights.Slice(2, 4).ToArray());
    }

    [Fact]
    public void ComputeAxis_OneSampleSource_EverySampleTakesIt()
    {
        Span<int> offsets = stackalloc int[9];
        Span<int> weights = stackalloc int[9];
        LinearExactResize.ComputeAxis(1, 9, offsets, weights, out int first, out int end);
        Assert.Equal(9, first);
        Assert.Equal(9, end);
    }

    [Fact]
    public void ResizeChannel_TwoPixelsToEight_InterpolatesInFixedPoint()
    {
        // 0 and 255 across 8 samples: 0, 0, then (w * 255 + 128) >> 8 for w = 32, 96, 160, 224 = 32, 96, 159, 223,
        // then 255, 255 (height 1: every destination row is the source row rounded from 8.8 fixed point). cv2.resize
        // of [[0, 255]] to 8x8 with INTER_LINEAR_EXACT prints the same row.
        byte[] pixels = [0, 255];
        var view = new ImageView(pixels, 2, 1, PixelFormat.Gray8);
        byte[] dst = new byte[8 * 8];
        LinearExactResize.Resize(view, [0], dst, 8, 8, new int[LinearExactResize.ScratchLength(8, 8, 1)]);
        for (int y = 0; y < 8; y++)
            Assert.Equal(new byte[] { 0, 0, 32, 96, 159, 223, 255, 255 }, dst.AsSpan(y * 8, 8).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ResizeChannel_ExactHalf_AveragesEach2x2BlockRoundingHalfUp(int seed)
    {
        // OpenCV turns an exact 2x reduction into INTER_AREA: (a + b + c + d + 2) >> 2.
        var rng = new SplitMix64((ulong)seed);
        byte[] pixels = new byte[18 * 16];
        rng.NextBytes(pixels);
        var view = new ImageView(pixels, 18, 16, PixelFormat.Gray8);
        byte[] dst = new byte[9 * 8];
        LinearExactResize.Resize(view, [0], dst, 9, 8, new int[LinearExactResize.ScratchLength(9, 8, 1)]);
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 9; x++)
            {
                int sum = pixels[2 * y * 18 + 2 * x] + pixels[2 * y * 18 + 2 * x + 1]
                    + pixels[(2 * y + 1) * 18 + 2 * x] + pixels[(2 * y + 1) * 18 + 2 * x + 1];
                Assert.Equal((sum + 2) >> 2, dst[y * 9 + x]);
            }
        }
    }

    [Theory]
    [InlineData(16, 16, 8, 8, true)]
    [InlineData(18, 16, 9, 8, true)]
    [InlineData(64, 64, 32, 32, true)]
    [InlineData(17, 16, 8, 8, false)]
    [InlineData(16, 16, 9, 8, false)]
    [InlineData(32, 32, 8, 8, false)]
    [InlineData(8, 8, 8, 8, false)]
    [InlineData(4, 4, 8, 8, false)]
    public void IsExactHalf_OnlyWhenTheSourceIsTwiceTheDestination(int sw, int sh, int dw, int dh, bool expected) =>
        Assert.Equal(expected, LinearExactResize.IsExactHalf(sw, sh, dw, dh));

    [Fact]
    public void ResizeChannel_SameSize_CopiesTheChannel()
    {
        var rng = new SplitMix64(11);
        byte[] pixels = new byte[8 * 8 * 4 + 8 * 3];
        rng.NextBytes(pixels);
        var view = new ImageView(pixels, 8, 8, 8 * 4 + 3, PixelFormat.Bgra32);
        byte[] dst = new byte[64];
        LinearExactResize.Resize(view, [2], dst, 8, 8, new int[LinearExactResize.ScratchLength(8, 8, 1)]);
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
                Assert.Equal(pixels[y * (8 * 4 + 3) + x * 4 + 2], dst[y * 8 + x]);
        }
    }

    private static void ResizeToGray(ImageView view, byte[] gray, int width, int height)
    {
        if (view.Format == PixelFormat.Gray8)
        {
            LinearExactResize.Resize(view, [0], gray, width, height, new int[LinearExactResize.ScratchLength(width, height, 1)]);
            return;
        }
        int n = gray.Length;
        byte[] planes = new byte[3 * n];
        LinearExactResize.Resize(view, [2, 1, 0], planes, width, height, new int[LinearExactResize.ScratchLength(width, height, 3)]);
        OpenCvGray.Convert(planes.AsSpan(0, n), planes.AsSpan(n, n), planes.AsSpan(2 * n, n), gray);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Resize_ChannelsTogether_EqualChannelsOneByOne(int seed)
    {
        // Each channel is resampled on its own: resizing three channels in one call gives the same planes as three
        // one-channel calls, for every code path (copy, exact half, bilinear up and down).
        var rng = new SplitMix64((ulong)seed);
        foreach ((int sw, int sh, int dw, int dh) in new[] { (32, 32, 32, 32), (64, 64, 32, 32), (18, 16, 9, 8), (3, 2, 9, 8), (301, 77, 8, 8), (5, 90, 32, 32) })
        {
            int stride = sw * 4 + rng.NextInt(0, 5);
            byte[] pixels = new byte[stride * sh];
            rng.NextBytes(pixels);
            var view = new ImageView(pixels, sw, sh, stride, PixelFormat.Rgba32);
            int n = dw * dh;
            byte[] together = new byte[3 * n];
            LinearExactResize.Resize(view, [3, 0, 2], together, dw, dh, new int[LinearExactResize.ScratchLength(dw, dh, 3)]);
            int[] order = [3, 0, 2];
            for (int k = 0; k < 3; k++)
            {
                byte[] single = new byte[n];
                LinearExactResize.Resize(view, [order[k]], single, dw, dh, new int[LinearExactResize.ScratchLength(dw, dh, 1)]);
                Assert.True(single.AsSpan().SequenceEqual(together.AsSpan(k * n, n)), $"{sw}x{sh} -> {dw}x{dh}, channel {order[k]}");
            }
        }
    }

    [Fact]
    public void Resize_BadArguments_Throw()
    {
        byte[] pixels = new byte[16];
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearExactResize.Resize(
            new ImageView(pixels, 2, 2, PixelFormat.Bgra32), [0, 1, 2, 3], new byte[256], 8, 8, new int[1024]));
        Assert.Throws<ArgumentException>(() => LinearExactResize.Resize(
            new ImageView(pixels, 2, 2, PixelFormat.Rgb24), [0], new byte[63], 8, 8, new int[1024]));
        Assert.Throws<ArgumentException>(() => LinearExactResize.Resize(
            new ImageView(pixels, 2, 2, PixelFormat.Rgb24), [0], new byte[64], 8, 8, new int[10]));
    }
}
