using Fingerprint.Imaging;
using Fingerprint.TestUtilities;
using Fingerprint.Video;

namespace Fingerprint.Tests.Video;

public class FrameBordersTests
{
    /// <summary>A frame of <paramref name="background"/> with a seeded picture at <paramref name="box"/>.</summary>
    private static TestImage Framed(int width, int height, FrameRegion box, byte background, ulong seed, PixelFormat format = PixelFormat.Rgb24)
    {
        TestImage picture = SyntheticImages.Smooth(seed, box.Width, box.Height, format);
        int bpp = format.BytesPerPixel();
        byte[] pixels = new byte[width * height * bpp];
        pixels.AsSpan().Fill(background);
        for (int y = 0; y < box.Height; y++)
            picture.Pixels.AsSpan(y * picture.Stride, box.Width * bpp).CopyTo(pixels.AsSpan(((box.Y + y) * width + box.X) * bpp));
        return new TestImage(pixels, width, height, width * bpp, format);
    }

    public static TheoryData<int, int, int, int, int, int> Boxes() => new()
    {
        { 640, 360, 76, 18, 486, 324 },     // a still shown smaller on a plain background (the smoke corpus's meme clip)
        { 640, 360, 0, 45, 640, 270 },      // letterbox
        { 640, 360, 80, 0, 480, 360 },      // pillarbox
        { 301, 211, 17, 9, 250, 190 },      // odd sizes
        { 64, 64, 5, 5, 50, 50 },
    };

    [Theory]
    [MemberData(nameof(Boxes))]
    public void TryFindContent_PictureOnPlainBackground_FindsItsBox(int width, int height, int x, int y, int w, int h)
    {
        var box = new FrameRegion(x, y, w, h);
        foreach (byte background in new byte[] { 0, 32, 255 })
        {
            TestImage frame = Framed(width, height, box, background, seed: (ulong)(x * 1000 + y + background));

            Assert.True(FrameBorders.TryFindContent(frame.View, out FrameRegion found));
            // The picture's own edge lines may happen to be near the border colour in most pixels; allow a line or two.
            Assert.InRange(found.X, x, x + 2);
            Assert.InRange(found.Y, y, y + 2);
            Assert.InRange(found.X + found.Width, x + w - 2, x + w);
            Assert.InRange(found.Y + found.Height, y + h - 2, y + h);
        }
    }

    [Fact]
    public void TryFindContent_LogoAcrossTheBorder_StillFindsThePicture()
    {
        // The meme clip's "LOGO" badge: 72x72 at (556, 12), over the right border and the picture's corner.
        var box = new FrameRegion(76, 18, 486, 324);
        TestImage frame = Framed(640, 360, box, 32, seed: 5);
        for (int y = 12; y < 84; y++)
            frame.Pixels.AsSpan((y * 640 + 556) * 3, 72 * 3).Fill(200);

        Assert.True(FrameBorders.TryFindContent(frame.View, out FrameRegion found));

        Assert.Equal(box, found);
    }

    [Fact]
    public void TryFindContent_NoisyBorder_WithinToleranceIsBorder()
    {
        var box = new FrameRegion(40, 30, 200, 150);
        TestImage frame = Framed(280, 210, box, 40, seed: 6);
        var rng = new SplitMix64(7);
        for (int i = 0; i < frame.Pixels.Length; i++)
        {
            int px = i / 3 % 280, py = i / 3 / 280;
            bool inside = px >= box.X && px < box.X + box.Width && py >= box.Y && py < box.Y + box.Height;
            if (!inside)
                frame.Pixels[i] = (byte)(40 + rng.NextInt(-FrameBorders.Tolerance, FrameBorders.Tolerance + 1));
        }

        Assert.True(FrameBorders.TryFindContent(frame.View, out FrameRegion found));

        Assert.InRange(found.X, 40, 42);
        Assert.InRange(found.Y, 30, 32);
    }

    [Fact]
    public void TryFindContent_FullFramePicture_FindsNothing()
    {
        TestImage frame = SyntheticImages.Smooth(8, 320, 180);

        Assert.False(FrameBorders.TryFindContent(frame.View, out FrameRegion found));
        Assert.Equal(new FrameRegion(0, 0, 320, 180), found);
    }

    [Fact]
    public void TryFindContent_ThinBorder_IsNotWorthASecondHash()
    {
        // 2 + 2 rows of 360 (1.1 %) and no columns: under MinTrimShare.
        TestImage frame = Framed(640, 360, new FrameRegion(0, 2, 640, 356), 0, seed: 9);

        Assert.False(FrameBorders.TryFindContent(frame.View, out _));
    }

    [Fact]
    public void TryFindContent_UniformFrame_FindsNothing()
    {
        // Each side stops at MaxSideShare (36 of 80 rows), leaving 8 rows: under MinContentSide.
        byte[] pixels = new byte[100 * 80 * 3];
        pixels.AsSpan().Fill(128);
        var frame = new ImageView(pixels, 100, 80, PixelFormat.Rgb24);

        Assert.False(FrameBorders.TryFindContent(frame, out _));
    }

    [Theory]
    [InlineData(PixelFormat.Gray8)]
    [InlineData(PixelFormat.Rgba32)]
    [InlineData(PixelFormat.Bgra32)]
    public void TryFindContent_OtherPixelFormats_FindTheSameBox(PixelFormat format)
    {
        var box = new FrameRegion(30, 20, 140, 100);
        TestImage frame = Framed(200, 140, box, 16, seed: 11, format);

        Assert.True(FrameBorders.TryFindContent(frame.View, out FrameRegion found));

        Assert.InRange(found.X, 30, 32);
        Assert.InRange(found.Width, 136, 140);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(15, 100)]
    [InlineData(100, 15)]
    public void TryFindContent_TinyFrames_FindNothing(int width, int height)
    {
        byte[] pixels = new byte[Math.Max(1, width * height * 3)];

        Assert.False(FrameBorders.TryFindContent(new ImageView(pixels, width, height, PixelFormat.Rgb24), out _));
    }
}
