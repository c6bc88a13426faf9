using Fingerprint.Hashing;
using Fingerprint.Imaging.Regions;

namespace Fingerprint.Matching;

/// <summary>
/// One meme-aware region of an image and its eight dihedral PDQ hashes: <c>"trimmed"</c>, <c>"content"</c> or <c>"panel-N"</c>
/// (<see cref="ImageRegion"/>), its rectangle in pixels of the image it was found in, and the hashes' quality.
/// Equal when name, kind, rectangle, quality and all eight hashes are.
/// </summary>
public readonly record struct HashedRegion(string Name, RegionKind Kind, RegionRect Rect, DihedralHashes Hashes)
{
    /// <summary>The PDQ quality of the region (0..100).</summary>
    public int Quality => Hashes.Quality;

    // DihedralHashes holds an inline array, which the compiler-generated member-wise equality cannot compare.
    public bool Equals(HashedRegion other)
    {
        if (Name != other.Name || Kind != other.Kind || Rect != other.Rect || Hashes.Quality != other.Hashes.Quality)
            return false;
        for (int v = 0; v < 8; v++)
        {
            if (Hashes[(DihedralVariant)v] != other.Hashes[(DihedralVariant)v])
                return false;
        }
        return true;
    }

    public override int GetHashCode() => HashCode.Combine(Name, Kind, Rect, Hashes.Quality, Hashes.Orig);
}
