using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>Panel splitting (XY-cut on gutters) of synthetic collages, comics and comparison memes.</summary>
public class RegionFinderPanelTests
{
    public static TheoryData<int, int, int, int, int> CollageCases()
    {
        // columns, rows, gutter px, margin px, colour index into SyntheticMemes.PadColours
        var data = new TheoryData<int, int, int, int, int>();
        int[][] grids = [[2, 1], [1, 2], [2, 2], [3, 1], [1, 3]];
        int[] gutters = [2, 5, 12, 24];
        int colour = 0;
        foreach (int[] grid in grids)
        {
            foreach (int gutter in gutters)
            {
                data.Add(grid[0], grid[1], gutter, gutter == 5 ? 0 : gutter, colour % 5);
                colour++;
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CollageCases))]
    public void FindRegions_GridCollage_FindsEveryPanelInReadingOrder(int columns, int rows, int gutter, int margin, int colour)
    {
        var rng = new SplitMix64((ulong)(columns * 1000 + rows * 100 + gutter * 7 + colour));
        int panelW = rng.NextInt(150, 260), panelH = rng.NextInt(150, 260);
        var (canvas, panels) = SyntheticMemes.Collage(rng.NextUInt64(), columns, rows, panelW, panelH, gutter, margin,
            SyntheticMemes.PadColours[colour]);
        var finder = new RegionFinder();
        var regions = new List<ImageRegion>();
        finder.FindRegions(canvas.View, regions);

        RegionAssert.Panels(panels, regions);
        var page = RegionRect.FromBounds(panels[0].X, panels[0].Y, panels[^1].Right, panels[^1].Bottom);
        RegionAssert.Near(page, finder.TrimBorders(canvas.View), what: "trimmed");
        // "trimmed" is reported when a side lost at least max(2 px, 1% of its dimension) (the default options).
        bool meaningful = margin >= Math.Max(2, Math.Min(Math.Ceiling(0.01 * canvas.Width), Math.Ceiling(0.01 * canvas.Height)));
        if (meaningful)
            RegionAssert.Near(page, Assert.Single(regions, r => r.Kind == RegionKind.Trimmed).Rect, what: "trimmed");
        else
            Assert.DoesNotContain(regions, r => r.Kind == RegionKind.Trimmed);
    }

    [Fact]
    public void FindRegions_GreyMarginAsBrightAsThePanel_IsTrimmedByColour()
    {
        // The bottom panel is bluish with a channel mean close to the mid-grey (128) margin along its edge: a grey-only
        // analysis sees no boundary there. Samples keep three channels, so the margin still differs. Found by a random
        // sweep (seed 9).
        var (canvas, panels) = SyntheticMemes.Collage(9, 1, 2, 137, 232, 12, 8, SyntheticMemes.MidGrey);
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        RegionAssert.Panels(panels, regions);
        RegionAssert.Near(RegionRect.FromBounds(8, 8, canvas.Width - 8, canvas.Height - 8),
            Assert.Single(regions, r => r.Kind == RegionKind.Trimmed).Rect);
    }

    [Theory]
    [InlineData(101, 2, 1)]
    [InlineData(102, 1, 2)]
    [InlineData(103, 2, 2)]
    [InlineData(104, 3, 1)]
    public void FindRegions_GutterlessCollage_IsNotSplit(int seed, int columns, int rows)
    {
        // Documented limit: panels that touch without a uniform gutter are not split (a strong straight edge alone is
        // not taken as a panel boundary, because photographs have those too).
        var (canvas, _) = SyntheticMemes.Collage((ulong)seed, columns, rows, 220, 180, gutter: 0, margin: 0, SyntheticMemes.White);
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        Assert.True(regions.Count == 1, RegionAssert.Describe(regions));
    }

    [Theory]
    [InlineData(111, 3, 14, 20)]
    [InlineData(112, 2, 10, 12)]
    [InlineData(113, 5, 24, 30)]
    public void FindRegions_FourPanelComic_FindsPanelInsidesAndPage(int seed, int frame, int gutter, int margin)
    {
        var (canvas, page, insides) = SyntheticMemes.Comic((ulong)seed, 230, 190, frame, gutter, margin);
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        RegionAssert.Near(page, Assert.Single(regions, r => r.Kind == RegionKind.Trimmed).Rect, what: "page");
        RegionAssert.Panels(insides, regions);
    }

    [Fact]
    public void FindRegions_ComparisonMemeWithCaptionBetweenPanels_SplitsAtTheCaptionBand()
    {
        // Two photos stacked, with a white band holding a caption line between them ("Expectation" / "Reality").
        var rng = new SplitMix64(121);
        var canvas = new SyntheticCanvas(400, 560);
        canvas.Fill(SyntheticMemes.White);
        var top = new RegionRect(0, 0, 400, 240);
        var bottom = new RegionRect(0, 320, 400, 240);
        canvas.Photo(top, rng);
        canvas.Photo(bottom, rng);
        canvas.TextLine(new RegionRect(40, 268, 320, 24), (15, 15, 15), rng);
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        RegionAssert.Panels([top, bottom], regions);
    }

    [Fact]
    public void FindRegions_ColumnsOfUnequalPanels_ReadsEachColumnTopToBottom()
    {
        // Left column: two panels; right column: one tall panel. No horizontal gutter spans the page, so the first cut
        // is vertical and the left column is read before the right one.
        var rng = new SplitMix64(131);
        var canvas = new SyntheticCanvas(520, 500);
        canvas.Fill(SyntheticMemes.Black);
        RegionRect[] panels = [new(0, 0, 250, 240), new(0, 250, 250, 250), new(260, 0, 260, 500)];
        foreach (RegionRect panel in panels)
            canvas.Photo(panel, rng);
        canvas.Noise(rng, SyntheticMemes.NoiseAmplitude);
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        RegionAssert.Panels(panels, regions);
    }

    [Theory]
    [InlineData(8, 3)]   // nine panels exceed the cap: the rows of the first cut are kept, not a truncated list
    [InlineData(9, 9)]
    public void FindRegions_ThreeByThreeGrid_RespectsMaxPanels(int maxPanels, int expected)
    {
        var (canvas, panels) = SyntheticMemes.Collage(141, 3, 3, 150, 130, 8, 8, SyntheticMemes.White);
        var regions = new List<ImageRegion>();
        new RegionFinder(new RegionOptions { MaxPanels = maxPanels }).FindRegions(canvas.View, regions);
        RegionRect[] truth = expected == 9
            ? panels
            : [for3(0), for3(1), for3(2)];
        RegionAssert.Panels(truth, regions);

        RegionRect for3(int row) => RegionRect.FromBounds(panels[row * 3].X, panels[row * 3].Y, panels[row * 3 + 2].Right, panels[row * 3 + 2].Bottom);
    }

    [Fact]
    public void FindRegions_PanelsBelowMinimumSize_AreNotSplit()
    {
        // A 2 x 1 collage of 60 px wide panels: under MinPanelPixels (64).
        var (canvas, _) = SyntheticMemes.Collage(151, 2, 1, 60, 120, 6, 6, SyntheticMemes.White);
        var regions = new List<ImageRegion>();
        new RegionFinder().FindRegions(canvas.View, regions);
        Assert.DoesNotContain(regions, r => r.Kind == RegionKind.Panel);
    }

    [Fact]
    public void FindRegions_DetectPanelsOff_ReportsNoPanels()
    {
        var (canvas, _) = SyntheticMemes.Collage(161, 2, 2, 200, 150, 10, 10, SyntheticMemes.White);
        var regions = new List<ImageRegion>();
        new RegionFinder(new RegionOptions { DetectPanels = false }).FindRegions(canvas.View, regions);
        Assert.DoesNotContain(regions, r => r.Kind == RegionKind.Panel);
        Assert.Contains(regions, r => r.Kind == RegionKind.Trimmed);
    }
}
