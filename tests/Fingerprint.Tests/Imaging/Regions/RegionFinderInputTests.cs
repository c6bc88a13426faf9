using Fingerprint.Imaging;
using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>Edge cases of the input (sizes, formats, strides), determinism, allocations and option validation.</summary>
public class RegionFinderInputTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 50)]
    [InlineData(1, 1)]
    [InlineData(15, 15)]
    [InlineData(15, 400)]
    [InlineData(400, 15)]
    [InlineData(1, 900)]
    [InlineData(900, 1)]
    public void FindRegions_TinyOrDegenerateImage_OnlyFull(int width, int height)
    {
        // A white frame around noise: would be trimmed if it were analysed; under MinImageSide (16) it is not.
        var rng = new SplitMix64((ulong)(width * 31 + height));
        byte[] pixels = new byte[width * height * 3];
        rng.NextBytes(pixels);
        for (int x = 0; x < width; x++)
            for (int c = 0; c < 3 && height > 0; c++)
                pixels[x * 3 + c] = 255;
        var view = new ImageView(pixels, width, height, PixelFormat.Rgb24);
        var finder = new RegionFinder();
        Assert.Equal(new RegionRect(0, 0, width, height), finder.TrimBorders(view));
        var regions = new List<ImageRegion> { new("stale", RegionKind.Panel, default) };
        finder.FindRegions(view, regions);
        Assert.Equal([new ImageRegion("full", RegionKind.Full, new RegionRect(0, 0, width, height))], regions);
    }

    [Theory]
    [InlineData(16, 16, 0)]
    [InlineData(300, 200, 255)]
    [InlineData(640, 480, 128)]
    [InlineData(1000, 17, 3)]
    public void FindRegions_FlatImage_OnlyFull(int width, int height, int value)
    {
        foreach (int noise in new[] { 0, 3 })
        {
            var canvas = new SyntheticCanvas(width, height);
            canvas.Fill(((byte)value, (byte)value, (byte)value));
            canvas.Noise(new SplitMix64((ulong)(width + height + value)), noise);
            var finder = new RegionFinder();
            Assert.Equal(new RegionRect(0, 0, width, height), finder.TrimBorders(canvas.View));
            var regions = new List<ImageRegion>();
            finder.FindRegions(canvas.View, regions);
            Assert.True(regions.Count == 1, RegionAssert.Describe(regions));
        }
    }

    [Theory]
    [InlineData(201, false)]
    [InlineData(202, false)]
    [InlineData(203, true)]
    [InlineData(204, true)]
    public void FindRegions_EveryFormatAndStride_AgreeExactly(int seed, bool grey)
    {
        // A padded 2 x 2 collage with a caption: exercises trimming, text bands and panels at once. In colour, Rgb24,
        // Rgba32 and Bgra32 of the same picture must agree at any stride; in grey (R = G = B) Gray8 must agree too.
        var rng = new SplitMix64((ulong)seed);
        var (canvas, _) = SyntheticMemes.Collage(rng.NextUInt64(), 2, 2, 170, 140, 9, 14, SyntheticMemes.PadColours[seed % 5]);
        canvas.TextLine(new RegionRect(20, 2, canvas.Width - 40, 10), (0, 0, 0), rng);
        if (grey)
            canvas.MakeGrey();
        List<ImageRegion> expected = Find(canvas.View);
        Assert.Contains(expected, r => r.Kind == RegionKind.Panel);
        Assert.Contains(expected, r => r.Kind == RegionKind.Trimmed);

        PixelFormat[] formats = grey
            ? [PixelFormat.Rgb24, PixelFormat.Rgba32, PixelFormat.Bgra32, PixelFormat.Gray8]
            : [PixelFormat.Rgb24, PixelFormat.Rgba32, PixelFormat.Bgra32];
        foreach (PixelFormat format in formats)
        {
            int bpp = format.BytesPerPixel();
            int stride = canvas.Width * bpp + rng.NextInt(1, 40);
            byte[] buffer = new byte[stride * canvas.Height];
            rng.NextBytes(buffer); // garbage in the padding and in alpha
            for (int y = 0; y < canvas.Height; y++)
            {
                for (int x = 0; x < canvas.Width; x++)
                {
                    int src = (y * canvas.Width + x) * 3, dst = y * stride + x * bpp;
                    switch (format)
                    {
                        case PixelFormat.Gray8:
                            buffer[dst] = canvas.Rgb[src];
                            break;
                        case PixelFormat.Bgra32:
                            buffer[dst] = canvas.Rgb[src + 2];
                            buffer[dst + 1] = canvas.Rgb[src + 1];
                            buffer[dst + 2] = canvas.Rgb[src];
                            break;
                        default:
                            buffer[dst] = canvas.Rgb[src];
                            buffer[dst + 1] = canvas.Rgb[src + 1];
                            buffer[dst + 2] = canvas.Rgb[src + 2];
                            break;
                    }
                }
            }
            // Trim the buffer so the last row ends exactly where the view says it may.
            int length = stride * (canvas.Height - 1) + canvas.Width * bpp;
            Assert.Equal(expected, Find(new ImageView(buffer.AsSpan(0, length), canvas.Width, canvas.Height, stride, format)));
        }
    }

    [Fact]
    public void FindRegions_RepeatedReusedAndOnAnotherInstance_AreIdentical()
    {
        var (collage, _) = SyntheticMemes.Collage(211, 3, 1, 160, 200, 6, 6, SyntheticMemes.Black);
        var (captioned, _) = SyntheticMemes.Captioned(212, 380, 300, 1, 1, 22, SyntheticMemes.White, SyntheticMemes.NearBlack);
        var finder = new RegionFinder();
        List<ImageRegion> first = Find(finder, collage.View);
        List<ImageRegion> other = Find(finder, captioned.View);
        Assert.Equal(first, Find(finder, collage.View));
        Assert.Equal(other, Find(finder, captioned.View));
        Assert.Equal(first, Find(new RegionFinder(), collage.View));
        Assert.Equal(first, Find(new RegionFinder(RegionOptions.Default with { }), collage.View));
    }

    [Fact]
    public void FindRegions_AfterWarmUp_AllocatesNothing()
    {
        var (collage, _) = SyntheticMemes.Collage(221, 2, 2, 200, 160, 10, 10, SyntheticMemes.White);
        var finder = new RegionFinder();
        var regions = new List<ImageRegion>(16);
        finder.FindRegions(collage.View, regions);
        finder.TrimBorders(collage.View);
        Assert.True(regions.Count >= 5, RegionAssert.Describe(regions));

        long before = GC.GetAllocatedBytesForCurrentThread();
        finder.FindRegions(collage.View, regions);
        finder.TrimBorders(collage.View);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void FindRegions_RegionsAlwaysInsideImage()
    {
        for (ulong seed = 0; seed < 12; seed++)
        {
            var rng = new SplitMix64(300 + seed);
            var (canvas, _) = SyntheticMemes.Collage(rng.NextUInt64(), rng.NextInt(1, 4), rng.NextInt(1, 4),
                rng.NextInt(70, 160), rng.NextInt(70, 160), rng.NextInt(0, 12), rng.NextInt(0, 30), SyntheticMemes.PadColours[rng.NextInt(7)]);
            var whole = new RegionRect(0, 0, canvas.Width, canvas.Height);
            foreach (ImageRegion region in Find(canvas.View))
            {
                Assert.False(region.Rect.IsEmpty);
                Assert.True(whole.Contains(region.Rect), $"{region.Name} {region.Rect} outside {whole}");
                _ = canvas.View.Crop(region.Rect); // and usable as a crop
            }
        }
    }

    [Fact]
    public void FindRegions_NullList_Throws()
    {
        var canvas = new SyntheticCanvas(20, 20);
        Assert.Throws<ArgumentNullException>(() => new RegionFinder().FindRegions(canvas.View, null!));
    }

    public static TheoryData<RegionOptions, string> BadOptions() => new()
    {
        { new RegionOptions { SamplesPerLine = 31 }, nameof(RegionOptions.SamplesPerLine) },
        { new RegionOptions { ColorTolerance = -1 }, nameof(RegionOptions.ColorTolerance) },
        { new RegionOptions { ColorTolerance = 128 }, nameof(RegionOptions.ColorTolerance) },
        { new RegionOptions { OutlierFraction = double.NaN }, nameof(RegionOptions.OutlierFraction) },
        { new RegionOptions { MinContentFraction = 0 }, nameof(RegionOptions.MinContentFraction) },
        { new RegionOptions { BoundaryContrastFraction = 1.5 }, nameof(RegionOptions.BoundaryContrastFraction) },
        { new RegionOptions { MinTrimFraction = -0.1 }, nameof(RegionOptions.MinTrimFraction) },
        { new RegionOptions { MinTrimPixels = 0 }, nameof(RegionOptions.MinTrimPixels) },
        { new RegionOptions { TextMinBackgroundFraction = 1 }, nameof(RegionOptions.TextMinBackgroundFraction) },
        { new RegionOptions { TextMinContrast = 0 }, nameof(RegionOptions.TextMinContrast) },
        { new RegionOptions { TextMaxMeanRunFraction = double.PositiveInfinity }, nameof(RegionOptions.TextMaxMeanRunFraction) },
        { new RegionOptions { MaxTextRunFraction = 0 }, nameof(RegionOptions.MaxTextRunFraction) },
        { new RegionOptions { BlurredBandMaxActivity = 0 }, nameof(RegionOptions.BlurredBandMaxActivity) },
        { new RegionOptions { MinPanelFraction = 0.6 }, nameof(RegionOptions.MinPanelFraction) },
        { new RegionOptions { MinPanelPixels = 4 }, nameof(RegionOptions.MinPanelPixels) },
        { new RegionOptions { MaxPanels = 1 }, nameof(RegionOptions.MaxPanels) },
        { new RegionOptions { MaxPanels = RegionFinder.MaxPanelLimit + 1 }, nameof(RegionOptions.MaxPanels) },
        { new RegionOptions { MinGutterPixels = 0 }, nameof(RegionOptions.MinGutterPixels) },
        { new RegionOptions { MinImageSide = 7 }, nameof(RegionOptions.MinImageSide) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(RegionOptions options, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RegionFinder(options));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void Crop_RegionOutsideImage_Throws()
    {
        var canvas = new SyntheticCanvas(40, 30);
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.View.Crop(new RegionRect(30, 0, 11, 30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.View.Crop(new RegionRect(0, 0, -1, 30)));
        ImageView crop = canvas.View.Crop(new RegionRect(5, 6, 10, 12));
        Assert.Equal((10, 12), (crop.Width, crop.Height));
    }

    private static List<ImageRegion> Find(ImageView view) => Find(new RegionFinder(), view);

    private static List<ImageRegion> Find(RegionFinder finder, ImageView view)
    {
        var regions = new List<ImageRegion>();
        finder.FindRegions(view, regions);
        return regions;
    }
}
