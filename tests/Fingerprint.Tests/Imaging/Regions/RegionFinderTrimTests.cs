using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>Border, letterbox, caption-band and UI-bar peeling on synthetic memes with known geometry.</summary>
public class RegionFinderTrimTests
{
    /// <summary>
    /// Every non-empty combination of padded sides (bit 0 left, 1 top, 2 right, 3 bottom), each with pads of 5-30% of
    /// the photo's side, in one or several colours.
    /// </summary>
    public static TheoryData<int, int> PadCases()
    {
        var data = new TheoryData<int, int>();
        for (int sides = 1; sides < 16; sides++)
            for (int variant = 0; variant < 3; variant++)
                data.Add(sides, variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(PadCases))]
    public void TrimBorders_PaddedPhoto_FindsPhotoWithinTwoPixels(int sides, int variant)
    {
        var rng = new SplitMix64((ulong)(1000 + sides * 10 + variant));
        int photoW = rng.NextInt(160, 360), photoH = rng.NextInt(160, 360);
        int Pad(int bit, int extent) => (sides & (1 << bit)) == 0 ? 0 : (int)(extent * (0.05 + 0.25 * rng.NextDouble()));
        var pads = (Pad(0, photoW), Pad(1, photoH), Pad(2, photoW), Pad(3, photoH));
        var palette = SyntheticMemes.PadColours;
        // variant 0: one colour all round; 1 and 2: a colour per side.
        var one = palette[rng.NextInt(palette.Length)];
        (byte, byte, byte)[] colours = variant == 0
            ? [one, one, one, one]
            : [palette[rng.NextInt(palette.Length)], palette[rng.NextInt(palette.Length)], palette[rng.NextInt(palette.Length)], palette[rng.NextInt(palette.Length)]];
        var (canvas, photo) = SyntheticMemes.Padded(rng.NextUInt64(), photoW, photoH, pads, colours);

        var finder = new RegionFinder();
        RegionAssert.Near(photo, finder.TrimBorders(canvas.View), what: $"pads {pads}");

        var regions = new List<ImageRegion>();
        finder.FindRegions(canvas.View, regions);
        Assert.Equal(RegionKind.Full, regions[0].Kind);
        Assert.Equal(new RegionRect(0, 0, canvas.Width, canvas.Height), regions[0].Rect);
        ImageRegion trimmed = Assert.Single(regions, r => r.Kind == RegionKind.Trimmed);
        Assert.Equal("trimmed", trimmed.Name);
        RegionAssert.Near(photo, trimmed.Rect);
        Assert.DoesNotContain(regions, r => r.Kind == RegionKind.Panel);
    }

    [Theory]
    [InlineData(1, 480, 270, 0.12, true)]    // letterbox: a 16:9 frame with black bars top and bottom
    [InlineData(2, 640, 200, 0.2, true)]
    [InlineData(3, 300, 400, 0.15, false)]   // pillarbox: bars left and right
    [InlineData(4, 270, 480, 0.25, false)]
    public void TrimBorders_LetterboxOrPillarbox_RemovesBars(int seed, int photoW, int photoH, double barFraction, bool letterbox)
    {
        int bar = (int)((letterbox ? photoH : photoW) * barFraction);
        var pads = letterbox ? (0, bar, 0, bar) : (bar, 0, bar, 0);
        var black = SyntheticMemes.NearBlack;
        var (canvas, photo) = SyntheticMemes.Padded((ulong)seed, photoW, photoH, pads, [black, black, black, black]);
        RegionAssert.Near(photo, new RegionFinder().TrimBorders(canvas.View));
    }

    [Theory]
    [InlineData(11, 1, 0, 28)]   // one caption line on top
    [InlineData(12, 2, 0, 24)]   // two lines on top
    [InlineData(13, 0, 1, 30)]   // a bottom caption, light text on black
    [InlineData(14, 1, 1, 22)]   // top and bottom
    [InlineData(15, 2, 2, 18)]
    [InlineData(16, 3, 0, 16)]
    [InlineData(17, 1, 0, 28, true)]    // heavy caption face (strokes a quarter of the line high)
    [InlineData(18, 2, 1, 24, true)]
    [InlineData(19, 0, 2, 36, true)]
    public void TrimBorders_CaptionBands_PeelsTextBands(int seed, int topLines, int bottomLines, int textHeight, bool heavy = false)
    {
        var (canvas, photo) = SyntheticMemes.Captioned((ulong)seed, 420, 320, topLines, bottomLines, textHeight,
            SyntheticMemes.White, SyntheticMemes.NearBlack, heavy ? 0.25 : 1.0 / 7);
        var finder = new RegionFinder();
        RegionAssert.Near(photo, finder.TrimBorders(canvas.View));
        var regions = new List<ImageRegion>();
        finder.FindRegions(canvas.View, regions);
        RegionAssert.Near(photo, Assert.Single(regions, r => r.Kind == RegionKind.Trimmed).Rect);
    }

    [Fact]
    public void TrimBorders_LargeHeavyCaptionOnNarrowMeme_PeelsBothBands()
    {
        // Text 17% of the width high in a heavy face: the busiest rows through the letters are mostly ink with long
        // runs (not "text lines" on their own), so the band is recognised by its structure: a short non-uniform run,
        // mostly text-like, closed by uniform padding. Found by a random sweep (seed 39).
        var (canvas, photo) = SyntheticMemes.Captioned(39, 203, 231, 1, 1, 35, SyntheticMemes.White, SyntheticMemes.MidGrey, 0.25);
        RegionAssert.Near(photo, new RegionFinder().TrimBorders(canvas.View));
    }

    [Theory]
    [InlineData(21, 1, 0)]
    [InlineData(22, 0, 1)]
    [InlineData(23, 1, 1)]
    public void TrimBorders_CaptionBandsWithTextDetectionOff_KeepsBands(int seed, int topLines, int bottomLines)
    {
        // The counterpart of the test above: without the text-band rule only the blank padding above the first text
        // line is a uniform border, so the trim stops at the text and the bands stay.
        var (canvas, photo) = SyntheticMemes.Captioned((ulong)seed, 420, 320, topLines, bottomLines, 24,
            SyntheticMemes.White, SyntheticMemes.NearBlack);
        RegionRect trimmed = new RegionFinder(new RegionOptions { DetectTextBands = false }).TrimBorders(canvas.View);
        if (topLines > 0)
            Assert.True(trimmed.Y < photo.Y - 10, $"top band should stay: {trimmed} vs photo {photo}");
        if (bottomLines > 0)
            Assert.True(trimmed.Bottom > photo.Bottom + 10, $"bottom band should stay: {trimmed} vs photo {photo}");
    }

    [Theory]
    [InlineData(31, 360, 720)]
    [InlineData(32, 400, 860)]
    [InlineData(33, 540, 960)]
    public void TrimBorders_PhoneScreenshot_PeelsStatusBarNavigationBarAndBorders(int seed, int width, int height)
    {
        var (canvas, picture) = SyntheticMemes.Screenshot((ulong)seed, width, height);
        RegionAssert.Near(picture, new RegionFinder().TrimBorders(canvas.View));
    }

    [Theory]
    [InlineData(41, 400, 300)]
    [InlineData(42, 333, 517)]
    [InlineData(43, 640, 480)]
    [InlineData(44, 1000, 150)]
    [InlineData(45, 97, 700)]
    public void FindRegions_PlainPhoto_OnlyFull(int seed, int width, int height)
    {
        SyntheticCanvas canvas = SyntheticMemes.Photo((ulong)seed, width, height);
        var finder = new RegionFinder();
        Assert.Equal(new RegionRect(0, 0, width, height), finder.TrimBorders(canvas.View));
        var regions = new List<ImageRegion>();
        finder.FindRegions(canvas.View, regions);
        Assert.True(regions.Count == 1, RegionAssert.Describe(regions));
        Assert.Equal(new ImageRegion("full", RegionKind.Full, new RegionRect(0, 0, width, height)), regions[0]);
    }

    [Theory]
    [InlineData(51, 0.3, false)]
    [InlineData(52, 0.45, false)]
    [InlineData(53, 0.3, true)]
    [InlineData(54, 0.45, true)]
    public void TrimBorders_SkyAboveIrregularHorizon_IsNotTrimmed(int seed, double skyFraction, bool gradient)
    {
        // The rule under test (RegionOptions.BoundaryContrastFraction): a border must end where at least 40% of the
        // samples across it step to content at once. An irregular horizon only starts with a few hill tops, and a
        // gradient has no step at all, so the sky stays.
        SyntheticCanvas canvas = SyntheticMemes.Landscape((ulong)seed, 480, 360, skyFraction, gradient);
        RegionRect trimmed = new RegionFinder().TrimBorders(canvas.View);
        Assert.Equal(0, trimmed.Y);
    }

    [Theory]
    [InlineData(55, false)]
    [InlineData(56, true)]
    public void TrimBorders_PadAboveSky_PeelsThePadButKeepsTheSky(int seed, bool gradient)
    {
        SyntheticCanvas landscape = SyntheticMemes.Landscape((ulong)seed, 420, 300, 0.35, gradient);
        int pad = 50;
        var canvas = new SyntheticCanvas(420, 300 + pad);
        canvas.Fill(SyntheticMemes.White);
        Array.Copy(landscape.Rgb, 0, canvas.Rgb, pad * 420 * 3, landscape.Rgb.Length);
        RegionAssert.Near(new RegionRect(0, pad, 420, 300), new RegionFinder().TrimBorders(canvas.View));
    }

    [Theory]
    [InlineData(57, 1, 0)]
    [InlineData(58, 1, 1)]
    public void TrimBorders_CaptionMemeInsideAnotherPad_PeelsPadThenBand(int seed, int topLines, int bottomLines)
    {
        // A caption meme (white band, dark text) re-posted with a black pad all round: two layers per side.
        var (meme, photo) = SyntheticMemes.Captioned((ulong)seed, 380, 300, topLines, bottomLines, 24,
            SyntheticMemes.White, SyntheticMemes.White);
        int pad = 37;
        var canvas = new SyntheticCanvas(meme.Width + 2 * pad, meme.Height + 2 * pad);
        canvas.Fill(SyntheticMemes.NearBlack);
        for (int y = 0; y < meme.Height; y++)
            Array.Copy(meme.Rgb, y * meme.Width * 3, canvas.Rgb, ((y + pad) * canvas.Width + pad) * 3, meme.Width * 3);
        var truth = new RegionRect(photo.X + pad, photo.Y + pad, photo.Width, photo.Height);
        RegionAssert.Near(truth, new RegionFinder().TrimBorders(canvas.View));
    }

    [Theory]
    // Apps blur the cover-scaled copy heavily; here the box-blur radius is 5-8% of the frame's short side. A light
    // blur (3% of the side on this texture) keeps over 0.6 of the picture's activity and is not detected.
    [InlineData(81, 640, 360, 203, 360, 20)]   // a 9:16 video on a 16:9 frame: blurred pillarbox
    [InlineData(82, 600, 400, 300, 400, 24)]
    [InlineData(83, 360, 640, 360, 203, 20)]   // a 16:9 video on a 9:16 frame: blurred letterbox
    [InlineData(84, 400, 600, 400, 300, 30)]
    public void TrimBorders_BlurredExtensionBands_PeelsBothBands(int seed, int width, int height, int contentW, int contentH, int blur)
    {
        var (canvas, content) = SyntheticMemes.BlurredExtension((ulong)seed, width, height, contentW, contentH, blur);
        RegionAssert.Near(content, new RegionFinder().TrimBorders(canvas.View));
        RegionRect off = new RegionFinder(new RegionOptions { DetectBlurredBands = false }).TrimBorders(canvas.View);
        Assert.Equal(new RegionRect(0, 0, width, height), off);
    }

    [Theory]
    [InlineData(86UL, 360, 640, 360, 240, 24)]   // letterbox; the picture's top is a flat sky down to a hilly horizon
    [InlineData(87UL, 360, 640, 360, 240, 24)]
    public void TrimBorders_BlurredLetterboxAboveASmoothSky_PeelsBothBands(ulong seed, int width, int height, int contentW, int contentH, int blur)
    {
        // The top band melts into the sky (no edge to find there); the bottom band ends at the textured ground. The
        // picture is centred, so the bottom band's depth is taken on top too, the top being band-smooth that deep.
        SyntheticCanvas landscape = SyntheticMemes.Landscape(seed, contentW, contentH, skyFraction: 0.3, gradient: false);
        var (canvas, content) = SyntheticMemes.BlurredExtension(landscape, width, height, blur, new SplitMix64(seed + 1));
        RegionAssert.Near(content, new RegionFinder().TrimBorders(canvas.View));
    }

    [Fact]
    public void TrimBorders_BlurredBandOnOneSideOnly_IsKept()
    {
        // A smooth area on one side only (sky, bokeh) has no symmetric twin: not a blurred extension.
        var (wide, _) = SyntheticMemes.BlurredExtension(85, 640, 360, 203, 360, 20);
        var canvas = new SyntheticCanvas(640 - 218, 360);
        for (int y = 0; y < 360; y++)
            Array.Copy(wide.Rgb, y * 640 * 3, canvas.Rgb, y * canvas.Width * 3, canvas.Width * 3);
        Assert.Equal(new RegionRect(0, 0, canvas.Width, 360), new RegionFinder().TrimBorders(canvas.View));
    }

    [Fact]
    public void TrimBorders_LayeredBorders_PeelsEveryLayer()
    {
        // White mount, then a 3 px black line, then the photo: two layers on every side.
        var rng = new SplitMix64(61);
        var canvas = new SyntheticCanvas(400, 340);
        canvas.Fill(SyntheticMemes.White);
        canvas.Fill(new RegionRect(30, 25, 340, 290), SyntheticMemes.Black);
        var photo = new RegionRect(33, 28, 334, 284);
        canvas.Photo(photo, rng);
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);
        RegionAssert.Near(photo, new RegionFinder().TrimBorders(canvas.View));
    }

    [Fact]
    public void FindRegions_TinyTrim_NotReportedAsTrimmed()
    {
        // A 1 px border is peeled by TrimBorders but is below MinTrimPixels (2), so FindRegions reports only "full".
        var (canvas, photo) = SyntheticMemes.Padded(71, 300, 200, (1, 1, 1, 1), [SyntheticMemes.White, SyntheticMemes.White, SyntheticMemes.White, SyntheticMemes.White]);
        var finder = new RegionFinder();
        RegionAssert.Near(photo, finder.TrimBorders(canvas.View), tolerance: 1);
        var regions = new List<ImageRegion>();
        finder.FindRegions(canvas.View, regions);
        Assert.DoesNotContain(regions, r => r.Kind == RegionKind.Trimmed);
    }
}
