using Fingerprint.Hashing;
using Fingerprint.Imaging;
using Fingerprint.Imaging.Regions;
using Fingerprint.Internal;

namespace Fingerprint.Matching;

/// <summary>
/// Meme-aware hashing: finds the regions of an image worth matching on their own (<see cref="RegionFinder"/>: the image
/// without its padding, letterbox, caption bands and screenshot bars; the panels of a collage or comparison meme) and
/// hashes each with the eight dihedral PDQ variants, so a padded, captioned, screenshotted, mirrored or collaged
/// re-upload of a known image still matches it. The whole image is the caller's (it is hashed anyway); this adds the
/// other regions.
/// </summary>
/// <remarks>
/// <para>
/// Policy (DESIGN.md §4; measured in benchmarks/RESULTS.md, "Robustness"): bank entries index their full hash and
/// <see cref="RegionScope.Entry"/> (trimmed; aspect crops on request), uploads are queried with
/// <see cref="RegionScope.Query"/> (trimmed, panels, panel groups). So an upload that puts a known image inside a new
/// collage matches it through the panel (a cell cropped to another shape through an aspect crop, when indexed), while a
/// new collage that merely shares one panel with a banked collage does not match that collage (its panels are not
/// indexed).
/// </para>
/// <para>
/// Regions whose PDQ quality is below <see cref="MinQuality"/> are dropped (a caption band or a flat panel matches
/// everything flat). Regions are hashed at the resolution of the view they were found in, with the hasher's pipeline.
/// </para>
/// <para>
/// Threads: not thread-safe (the finder and the hasher own scratch); one per worker. Allocates nothing per call after
/// warm-up beyond growth of the caller's list.
/// </para>
/// </remarks>
public sealed class RegionHasher
{
    private readonly PdqHasher _hasher;
    private readonly RegionFinder _finder;
    private readonly List<ImageRegion> _regions = new(RegionFinder.MaxPanelLimit + 2);

    /// <param name="hasher">Hashes the regions (the caller's, usually the one that hashed the whole image).</param>
    /// <param name="finder">Finds the regions; null for a new <see cref="RegionFinder"/> with the default options.</param>
    /// <param name="minQuality">Regions below this PDQ quality (0..100) are dropped; default the match gate, 50.</param>
    /// <exception cref="ArgumentNullException"><paramref name="hasher"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minQuality"/> is outside 0..100.</exception>
    public RegionHasher(PdqHasher hasher, RegionFinder? finder = null, int minQuality = MatchOptions.DefaultMinQuality)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        if (minQuality is < 0 or > 100)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(minQuality), $"minQuality is {minQuality}; it must be in 0..100.");
        _hasher = hasher;
        _finder = finder ?? new RegionFinder();
        MinQuality = minQuality;
    }

    /// <summary>Regions below this PDQ quality are not returned.</summary>
    public int MinQuality { get; }

    public RegionFinder Finder => _finder;

    /// <summary>
    /// The aspect ratios (width : height) of <see cref="RegionScope.AspectCrops"/>: square and 4:5 posts, 3:4 and 4:3
    /// photos and collage cells, 16:9 and 9:16 video frames and stories.
    /// </summary>
    public static IReadOnlyList<(int Width, int Height)> AspectRatios { get; } = [(1, 1), (4, 5), (3, 4), (4, 3), (16, 9), (9, 16)];

    /// <summary>An aspect crop is made only when it removes at least this share of the width or height (smaller crops
    /// barely move PDQ) ...</summary>
    private const double MinAspectCrop = 0.04;

    /// <summary>... and keeps at least this share of it (a 16:9 crop of a 9:16 story keeps a third: not the same picture).</summary>
    private const double MinAspectKeep = 0.5;

    private static readonly string[] s_aspectNames = [.. AspectRatios.Select(a => $"aspect-{a.Width}x{a.Height}")];

    /// <summary>
    /// Appends to <paramref name="results"/> the regions of <paramref name="image"/> other than the whole image, in this
    /// order: trimmed, panels in reading order, panel groups, aspect crops, each with its dihedral hashes; returns how
    /// many were appended. <see cref="RegionScope.None"/> appends nothing and does not look at the pixels.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scope"/> has an undefined flag.</exception>
    public int HashRegions(ImageView image, RegionScope scope, List<HashedRegion> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if ((scope & ~(RegionScope.Trimmed | RegionScope.Panels | RegionScope.AspectCrops)) != 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(scope), $"Unknown region scope {scope}.");
        if (scope == RegionScope.None)
            return 0;

        _finder.FindRegions(image, _regions, detectPanels: (scope & RegionScope.Panels) != 0);
        int added = 0;
        var content = new RegionRect(0, 0, image.Width, image.Height);
        foreach (ImageRegion region in _regions)
        {
            if (region.Kind == RegionKind.Trimmed && region.Name == "trimmed")
                content = region.Rect; // aspect crops are cut from the strictly trimmed picture, not its loose trim
            bool wanted = region.Kind switch
            {
                RegionKind.Trimmed => (scope & RegionScope.Trimmed) != 0,
                RegionKind.Panel or RegionKind.Group => true,
                _ => false,
            };
            if (wanted && Add(image, region, results))
                added++;
        }
        if ((scope & RegionScope.AspectCrops) != 0)
        {
            for (int i = 0; i < AspectRatios.Count; i++)
            {
                if (AspectCrop(content, AspectRatios[i]) is RegionRect crop
                    && Add(image, new ImageRegion(s_aspectNames[i], RegionKind.AspectCrop, crop), results))
                    added++;
            }
        }
        return added;
    }

    /// <summary>
    /// The centre crop of <paramref name="content"/> to <paramref name="aspect"/>, or null when it would remove less than
    /// <see cref="MinAspectCrop"/> or keep less than <see cref="MinAspectKeep"/> of the side it cuts.
    /// </summary>
    internal static RegionRect? AspectCrop(RegionRect content, (int Width, int Height) aspect)
    {
        if (content.IsEmpty)
            return null;
        // Width the target aspect allows at full height: w' = h x aw / ah. Wider content loses width, else height.
        long widthAtFullHeight = (long)content.Height * aspect.Width / aspect.Height;
        if (widthAtFullHeight <= content.Width)
        {
            int w = (int)widthAtFullHeight;
            double kept = (double)w / content.Width;
            if (kept > 1 - MinAspectCrop || kept < MinAspectKeep)
                return null;
            return new RegionRect(content.X + (content.Width - w) / 2, content.Y, w, content.Height);
        }
        int h = (int)((long)content.Width * aspect.Height / aspect.Width);
        double keptH = (double)h / content.Height;
        if (keptH > 1 - MinAspectCrop || keptH < MinAspectKeep)
            return null;
        return new RegionRect(content.X, content.Y + (content.Height - h) / 2, content.Width, h);
    }

    private bool Add(ImageView image, ImageRegion region, List<HashedRegion> results)
    {
        DihedralHashes hashes = _hasher.HashDihedral(image.Crop(region.Rect));
        if (hashes.Quality < MinQuality)
            return false;
        results.Add(new HashedRegion(region.Name, region.Kind, region.Rect, hashes));
        return true;
    }
}
