using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>
/// The loose trim (<c>"content"</c>) and the keep rule relative to the shorter side: screenshots whose picture edge has
/// the UI's colour, and small landscape pictures in tall phone screens.
/// </summary>
public class RegionFinderContentTests
{
    /// <summary>The flat sky colour of <see cref="SyntheticMemes.Landscape"/> (no gradient), before noise.</summary>
    private static readonly (byte R, byte G, byte B) Sky = (110, 160, 240);

    /// <summary>
    /// A post in an app whose background is the sky's colour: a header line of text above the picture, a caption line
    /// below it, the picture a landscape whose flat sky meets the background with no visible edge.
    /// </summary>
    private static (SyntheticCanvas Canvas, RegionRect Picture) SkyPost(ulong seed, SyntheticCanvas landscape)
    {
        var rng = new SplitMix64(seed);
        int header = 60, footer = 90, w = landscape.Width;
        var canvas = new SyntheticCanvas(w, header + landscape.Height + footer);
        canvas.Fill(Sky);
        canvas.TextLine(new RegionRect(12, 20, w / 2, 20), (250, 250, 250), rng);
        for (int y = 0; y < landscape.Height; y++)
            Array.Copy(landscape.Rgb, y * w * 3, canvas.Rgb, (y + header) * w * 3, w * 3);
        canvas.TextLine(new RegionRect(12, header + landscape.Height + 24, w * 2 / 3, 22), (250, 250, 250), rng);
        canvas.TextLine(new RegionRect(12, header + landscape.Height + 58, w / 3, 18), (250, 250, 250), rng);
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);
        return (canvas, new RegionRect(0, header, w, landscape.Height));
    }

    private static (RegionRect? Rect, string All) Find(SyntheticCanvas canvas, string name)
    {
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        RegionRect? found = null;
        foreach (ImageRegion r in regions)
        {
            if (r.Name == name)
                found = r.Rect;
        }
        return (found, RegionAssert.Describe(regions));
    }

    /// <summary>
    /// A light-theme phone screen: status and header text lines, <paramref name="item"/> (a textured block) on white, then
    /// four grey comment lines starting <paramref name="gapBelow"/> px under it.
    /// </summary>
    private static SyntheticCanvas PhonePost(ulong seed, int width, int height, RegionRect item, int gapBelow)
    {
        var rng = new SplitMix64(seed);
        var canvas = new SyntheticCanvas(width, height);
        canvas.Fill(SyntheticMemes.White);
        canvas.TextLine(new RegionRect(10, 8, width / 6, 14), (20, 20, 20), rng);
        canvas.TextLine(new RegionRect(40, 40, width / 3, 20), (20, 20, 20), rng);
        canvas.Photo(item, rng);
        for (int i = 0; i < 4; i++)
            canvas.TextLine(new RegionRect(20, item.Bottom + gapBelow + 40 * i, width / 2, 18), (120, 120, 120), rng);
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);
        return canvas;
    }

    /// <summary>The last region of kind Trimmed ("content" when there is one, else "trimmed") is <paramref name="item"/>.</summary>
    private static void AssertInnermostTrimmedIs(RegionRect item, SyntheticCanvas canvas)
    {
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        ImageRegion innermost = regions.Last(r => r.Kind == RegionKind.Trimmed);
        RegionAssert.Near(item, innermost.Rect, tolerance: 3, what: $"{innermost.Name} (all: {RegionAssert.Describe(regions)})");
    }

    [Theory]
    [InlineData(401UL, 0.30)]
    [InlineData(402UL, 0.40)]
    [InlineData(403UL, 0.25)]
    public void FindRegions_SkyMeetsTheUiColour_ContentIsTheSameOnTheOriginalAndTheScreenshot(ulong seed, double skyFraction)
    {
        SyntheticCanvas original = SyntheticMemes.Landscape(seed, 420, 300, skyFraction, gradient: false);
        var (post, picture) = SkyPost(seed + 1, original);

        // The original alone: the strict trim keeps its sky (no straight edge); the loose trim takes it off.
        (RegionRect? originalContent, string originalRegions) = Find(original, "content");
        Assert.True(originalContent.HasValue, $"original: {originalRegions}");
        Assert.Equal(new RegionRect(0, 0, 420, 300), new RegionFinder().TrimBorders(original.View));
        Assert.True(originalContent.Value.Y > 300 * skyFraction * 0.5, $"content {originalContent} should start below most of the sky");

        // The post: its content, moved into the picture's frame, is the original's content.
        (RegionRect? postContent, string postRegions) = Find(post, "content");
        Assert.True(postContent.HasValue, $"post: {postRegions}");
        var shifted = new RegionRect(postContent.Value.X - picture.X, postContent.Value.Y - picture.Y,
            postContent.Value.Width, postContent.Value.Height);
        RegionAssert.Near(originalContent.Value, shifted, tolerance: 3, what: "post content in the picture's frame");
    }

    [Theory]
    [InlineData(421UL, 0)]
    [InlineData(422UL, 1)]
    [InlineData(423UL, 2)]
    public void FindRegions_NarrowObjectOnStudioWhite_ContentIsTheObject(ulong seed, int captionLines)
    {
        // A product shot: a narrow upright object on white (over the keep rule's quarter of the shorter side), with 0-2
        // caption lines added below. The innermost trimmed region ("content" when the strict trim stops short of the
        // object, else "trimmed") is the object.
        var rng = new SplitMix64(seed);
        int height = 300 + 40 * captionLines;
        var canvas = new SyntheticCanvas(480, height);
        canvas.Fill(SyntheticMemes.White);
        var item = new RegionRect(280, 70, 110, 150);
        canvas.Photo(item, rng);
        for (int i = 0; i < captionLines; i++)
            canvas.TextLine(new RegionRect(60, 300 + 40 * i + 10, 280, 20), (20, 20, 20), rng);
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);
        AssertInnermostTrimmedIs(item, canvas);
    }

    [Theory]
    [InlineData(431UL, 360, 720, 120, 70)]    // object 19% of the shorter side tall: under the strict keep (25%)
    [InlineData(432UL, 540, 960, 200, 90)]    // 17%
    public void FindRegions_SmallObjectInAWhitePhoneScreen_ContentReachesIt(ulong seed, int width, int height, int ow, int oh)
    {
        // A white product shot in a light-theme phone screenshot: status and header text above, comment lines below,
        // the object on the screen's white. The strict trim may not peel down to an object shorter than a quarter of
        // the shorter side; the loose trim keeps MinLooseContentFraction (15%) and does.
        var item = new RegionRect((width - ow) / 2, height / 4, ow, oh);
        SyntheticCanvas canvas = PhonePost(seed, width, height, item, gapBelow: 60);
        Assert.True(oh < Math.Min(width, height) / 4, "the case under test: an object under the strict keep share");
        AssertInnermostTrimmedIs(item, canvas);

        var strictOnly = new List<ImageRegion>();
        new RegionFinder(new RegionOptions { MinLooseContentFraction = 0.25 }).FindRegions(canvas.View, strictOnly);
        Assert.DoesNotContain(strictOnly, r => r.Kind == RegionKind.Trimmed && Math.Abs(r.Rect.Height - oh) <= 3);
    }

    [Fact]
    public void FindRegions_PlainLandscapeWithoutFlatMargin_HasNoContentRegion()
    {
        // A textured photo: no edge line is uniform, so the loose trim peels nothing and adds no region.
        SyntheticCanvas photo = SyntheticMemes.Photo(405, 400, 300);
        (RegionRect? content, string all) = Find(photo, "content");
        Assert.False(content.HasValue, all);
    }

    [Theory]
    [InlineData(411UL, 360, 720, 216, 108)]   // a 2:1 picture at 60% of the width: 15% of the height
    [InlineData(412UL, 400, 860, 240, 135)]   // 16:9 at 60%: 16% of the height
    [InlineData(413UL, 540, 960, 324, 182)]   // 16:9 at 60% of a wider screen: 19% of the height
    public void TrimBorders_SmallLandscapePictureInATallScreen_FindsThePicture(ulong seed, int width, int height, int pw, int ph)
    {
        // Phone screenshot with a comment thread: status text, a header line, the picture centred at 60% width, then
        // lines of text and a long empty stretch. The picture fills well under a quarter of the height; the keep rule
        // is a quarter of the shorter side (the width), so it can still be peeled down to.
        var picture = new RegionRect((width - pw) / 2, 90, pw, ph);
        SyntheticCanvas canvas = PhonePost(seed, width, height, picture, gapBelow: 24);
        RegionAssert.Near(picture, new RegionFinder().TrimBorders(canvas.View));
        Assert.True(ph < height / 4, "the case under test: a picture under a quarter of the screen's height");
    }
}
