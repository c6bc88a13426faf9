namespace Fingerprint.Hashing;

/// <summary>
/// The eight dihedral transforms of an image, named as the reference names them (pdq/cpp/io/pdqio.h; SPEC.md §1.6):
/// rotations are counter-clockwise; FlipX swaps top and bottom; FlipY mirrors left and right; FlipP transposes about
/// the main diagonal; FlipM about the anti-diagonal.
/// </summary>
public enum DihedralVariant
{
    Orig = 0,
    Rot90 = 1,
    Rot180 = 2,
    Rot270 = 3,
    FlipX = 4,
    FlipY = 5,
    FlipP = 6,
    FlipM = 7,
}

/// <summary>Names of <see cref="DihedralVariant"/> as the reference tools print them (orig, rot90, ..., flipm).</summary>
public static class DihedralVariantNames
{
    private static readonly string[] s_names = ["orig", "rot90", "rot180", "rot270", "flipx", "flipy", "flipp", "flipm"];

    public static string ToName(this DihedralVariant variant) => s_names[(int)variant];

    public static bool TryParse(string? name, out DihedralVariant variant)
    {
        int i = Array.IndexOf(s_names, name?.ToLowerInvariant());
        variant = (DihedralVariant)Math.Max(i, 0);
        return i >= 0;
    }
}
