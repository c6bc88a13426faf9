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
/// <see cref="RegionScope.Trimmed"/>, uploads are queried with <see cref="RegionScope.TrimmedAndPanels"/>. So an
/// upload that puts a known image inside a new collage matches it through the panel, while a new collage that merely
/// shares one panel with a banked collage does not match that collage (its panel is not indexed).
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
    /// Appends to <paramref name="results"/> the regions of <paramref name="image"/> other than the whole image, in the
    /// finder's order (trimmed, then panels in reading order), each with its dihedral hashes; returns how many were
    /// appended. <see cref="RegionScope.None"/> appends nothing and does not look at the pixels.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scope"/> is not a defined value.</exception>
    public int HashRegions(ImageView image, RegionScope scope, List<HashedRegion> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (scope is < RegionScope.None or > RegionScope.TrimmedAndPanels)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(scope), $"Unknown region scope {scope}.");
        if (scope == RegionScope.None)
            return 0;

        _finder.FindRegions(image, _regions, detectPanels: scope == RegionScope.TrimmedAndPanels);
        int added = 0;
        foreach (ImageRegion region in _regions)
        {
            if (region.Kind != RegionKind.Full && Add(image, region, results))
                added++;
        }
        return added;
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
