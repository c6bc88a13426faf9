using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>
/// Layouts found in re-shared memes that plain border and gutter rules miss: a comparison meme used as one panel of a
/// collage (panel groups), a product shot on white next to a white gutter (one-sided gutters), a logo stuck on a
/// letterbox bar (overlays).
/// </summary>
public class RegionFinderMemeTests
{
    [Theory]
    [InlineData(1UL, 12)]
    [InlineData(2UL, 6)]
    public void FindRegions_ComparisonMemeAsAPanelOfACollage_ReportsTheWholeMemeAsAGroup(ulong seed, int gutter)
    {
        // Left: a photo. Right: a two-photo vertical comparison meme (its own 8 px gutter runs across the meme only).
        var rng = new SplitMix64(seed);
        const int w = 260, h = 400;
        var canvas = new SyntheticCanvas(2 * w + 3 * gutter, h + 2 * gutter);
        canvas.Fill(SyntheticMemes.White);
        var left = new RegionRect(gutter, gutter, w, h);
        var meme = new RegionRect(2 * gutter + w, gutter, w, h);
        canvas.Photo(left, rng);
        canvas.Photo(new RegionRect(meme.X, meme.Y, w, (h - 8) / 2), rng);
        canvas.Photo(new RegionRect(meme.X, meme.Y + (h - 8) / 2 + 8, w, h - 8 - (h - 8) / 2), rng);
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);

        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);

        Assert.Equal(3, regions.Count(r => r.Kind == RegionKind.Panel));
        ImageRegion group = Assert.Single(regions, r => r.Kind == RegionKind.Group);
        Assert.Equal("group-0", group.Name);
        RegionAssert.Near(meme, group.Rect, what: RegionAssert.Describe(regions));
        RegionAssert.Near(left, regions.Single(r => r.Name == "panel-0").Rect);
    }

    [Fact]
    public void FindRegions_GridCollage_GroupsAreItsRows()
    {
        var (canvas, panels) = SyntheticMemes.Collage(5, 2, 2, 220, 160, 10, 10, SyntheticMemes.White);
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        RegionAssert.Panels(panels, regions);
        ImageRegion[] groups = regions.Where(r => r.Kind == RegionKind.Group).ToArray();
        Assert.Equal(2, groups.Length);
        RegionAssert.Near(RegionRect.FromBounds(panels[0].X, panels[0].Y, panels[1].Right, panels[1].Bottom), groups[0].Rect);
        RegionAssert.Near(RegionRect.FromBounds(panels[2].X, panels[2].Y, panels[3].Right, panels[3].Bottom), groups[1].Rect);
    }

    [Fact]
    public void FindRegions_ProductShotOnWhiteNextToAWhiteGutter_IsSplitOnTheStraightSide()
    {
        // Left cell: a photo. Right cell: a round dark object in the middle of a white background, so the 10 px white
        // gutter and the cell's own white margin are one uniform run with a straight edge on the left side only.
        var rng = new SplitMix64(7);
        const int gutter = 10, w = 300, h = 240;
        var canvas = new SyntheticCanvas(2 * w + 3 * gutter, h + 2 * gutter);
        canvas.Fill(SyntheticMemes.White);
        var left = new RegionRect(gutter, gutter, w, h);
        var right = new RegionRect(2 * gutter + w, gutter, w, h);
        canvas.Photo(left, rng);
        Disc(canvas, right.X + w / 2, right.Y + h / 2, 100, (40, 60, 90));               // the object
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);

        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);

        ImageRegion[] found = regions.Where(r => r.Kind == RegionKind.Panel).ToArray();
        Assert.True(found.Length == 2, RegionAssert.Describe(regions));
        RegionAssert.Near(left, found[0].Rect);
        // The right panel starts at the gutter (its white run has no straight edge on the object's side) and holds the
        // whole right cell.
        Assert.Equal(left.Right, found[1].Rect.X);
        Assert.True(found[1].Rect.Contains(right), $"{found[1].Rect} should contain {right}");
    }

    [Theory]
    [InlineData(61UL, 556, 12)]   // over the top bar and the right bar, as testmedia's meme_clip.mp4 has it
    [InlineData(62UL, 20, 300)]   // over the left bar, low down
    public void TrimBorders_LogoOverTheLetterbox_StillTrimsToThePicture(ulong seed, int logoX, int logoY)
    {
        var rng = new SplitMix64(seed);
        var canvas = new SyntheticCanvas(640, 360);
        canvas.Fill((32, 32, 32));
        var picture = new RegionRect(76, 18, 486, 324);
        canvas.Photo(picture, rng);
        Disc(canvas, logoX + 36, logoY + 36, 36, (200, 40, 50));
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);

        RegionRect trimmed = new RegionFinder().TrimBorders(canvas.View);

        RegionAssert.Near(picture, trimmed);
    }

    [Fact]
    public void TrimBorders_OverlaysOff_KeepsTheBarsUnderALogo()
    {
        var rng = new SplitMix64(63);
        var canvas = new SyntheticCanvas(640, 360);
        canvas.Fill((32, 32, 32));
        canvas.Photo(new RegionRect(76, 18, 486, 324), rng);
        Disc(canvas, 556 + 36, 12 + 36, 36, (200, 40, 50));
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);

        RegionRect trimmed = new RegionFinder(new RegionOptions { OverlayMaxFraction = 0 }).TrimBorders(canvas.View);

        Assert.True(trimmed.Right > 600 && trimmed.Y == 0, trimmed.ToString());   // the right and top bars stay
    }

    private static void Disc(SyntheticCanvas canvas, int cx, int cy, int r, (byte R, byte G, byte B) colour)
    {
        for (int y = Math.Max(0, cy - r); y < Math.Min(canvas.Height, cy + r); y++)
        {
            for (int x = Math.Max(0, cx - r); x < Math.Min(canvas.Width, cx + r); x++)
            {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                    canvas.Fill(new RegionRect(x, y, 1, 1), colour);
            }
        }
    }
}
