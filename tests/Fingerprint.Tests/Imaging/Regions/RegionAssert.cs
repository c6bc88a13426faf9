using Fingerprint.Imaging.Regions;

namespace Fingerprint.Tests.Imaging.Regions;

internal static class RegionAssert
{
    /// <summary>
    /// Edge-bound tolerance of the region tests: each edge of a found rectangle within 2 px of the drawn one. The
    /// analysis keeps full resolution across every border and gutter (every row and every column is sampled), so the
    /// only error left is the +-3 noise and the boundary rule; in practice edges are exact.
    /// </summary>
    public const int EdgeTolerance = 2;

    public static void Near(RegionRect expected, RegionRect actual, int tolerance = EdgeTolerance, string? what = null)
    {
        bool ok = Math.Abs(expected.X - actual.X) <= tolerance
            && Math.Abs(expected.Y - actual.Y) <= tolerance
            && Math.Abs(expected.Right - actual.Right) <= tolerance
            && Math.Abs(expected.Bottom - actual.Bottom) <= tolerance;
        Assert.True(ok, $"{what ?? "region"}: expected {expected} (+-{tolerance} px per edge), got {actual}");
    }

    public static void Panels(RegionRect[] expected, List<ImageRegion> regions, int tolerance = EdgeTolerance)
    {
        ImageRegion[] panels = regions.Where(r => r.Kind == RegionKind.Panel).ToArray();
        Assert.True(expected.Length == panels.Length,
            $"expected {expected.Length} panels, got {panels.Length}: {string.Join(", ", regions.Select(r => $"{r.Name} {r.Rect}"))}");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal($"panel-{i}", panels[i].Name);
            Near(expected[i], panels[i].Rect, tolerance, panels[i].Name);
        }
    }

    public static string Describe(List<ImageRegion> regions) => string.Join(", ", regions.Select(r => $"{r.Name} {r.Rect}"));
}
