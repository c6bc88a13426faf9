using Fingerprint.Matching;

namespace Fingerprint.Cli.Bench;

/// <summary>Names, bit widths, standard thresholds and descriptions of the <see cref="BenchAlgorithm"/>s.</summary>
internal static class BenchAlgorithms
{
    /// <summary>
    /// The classic 64-bit hashes' usual match threshold, distance &lt;= 10: N. Krawetz, "Looks Like It" (hackerfactor.com,
    /// 2011), the post that popularised aHash/pHash: "a distance of 1-10 is a potential variation", above 10 "likely a
    /// different image". 10/64 bits is a slightly looser share than PDQ's 31/256.
    /// </summary>
    public const int ClassicStandardThreshold = 10;

    public static IReadOnlyList<BenchAlgorithm> All { get; } = Enum.GetValues<BenchAlgorithm>();

    public static string Name(BenchAlgorithm a) => a switch
    {
        BenchAlgorithm.Pdq => "pdq",
        BenchAlgorithm.PdqDihedral => "pdq-dihedral",
        BenchAlgorithm.PdqMeme => "pdq-meme",
        BenchAlgorithm.PdqMemeCrops => "pdq-meme-crops",
        BenchAlgorithm.PdqMemePanels => "pdq-meme-panels",
        BenchAlgorithm.AHash => "ahash",
        BenchAlgorithm.DHash => "dhash",
        BenchAlgorithm.PHash => "phash",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, null),
    };

    public static bool TryParse(string name, out BenchAlgorithm algorithm)
    {
        foreach (BenchAlgorithm a in All)
        {
            if (string.Equals(Name(a), name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = a;
                return true;
            }
        }
        algorithm = default;
        return false;
    }

    public static bool IsPdq(BenchAlgorithm a) => a is BenchAlgorithm.Pdq or BenchAlgorithm.PdqDihedral || IsMemeAware(a);

    /// <summary>The algorithms that use regions (<see cref="Fingerprint.Matching.RegionHasher"/>).</summary>
    public static bool IsMemeAware(BenchAlgorithm a) => a is BenchAlgorithm.PdqMeme or BenchAlgorithm.PdqMemeCrops or BenchAlgorithm.PdqMemePanels;

    public static int Bits(BenchAlgorithm a) => IsPdq(a) ? 256 : 64;

    /// <summary>PDQ's 31 (DESIGN.md §3; MatchOptions.DefaultMaxDistance) or the classic hashes' 10.</summary>
    public static int StandardThreshold(BenchAlgorithm a) => IsPdq(a) ? MatchOptions.DefaultMaxDistance : ClassicStandardThreshold;

    public static string Describe(BenchAlgorithm a) => a switch
    {
        BenchAlgorithm.Pdq => "PDQ of the whole query vs PDQ of the whole original (what Thorn's benchmark measures).",
        BenchAlgorithm.PdqDihedral => "The query's 8 dihedral PDQ variants (rotations, mirrors) vs the original's PDQ: scan's default without regions.",
        BenchAlgorithm.PdqMeme => "Meme-aware: the query's whole image, trimmed and content regions, panels and panel groups, each in 8 dihedral " +
                                  "variants, vs the original's whole, trimmed and content hashes (the default policy: scan and bank add with regions; " +
                                  "banked panels not indexed).",
        BenchAlgorithm.PdqMemeCrops => "pdq-meme with the originals' centre crops to 1:1, 4:5, 3:4, 4:3, 16:9 and 9:16 indexed as well (bank add --aspect-crops).",
        BenchAlgorithm.PdqMemePanels => "pdq-meme with the originals' panels indexed as well (bank add --index-panels).",
        BenchAlgorithm.AHash => "64-bit average hash (OpenCV img_hash AverageHash).",
        BenchAlgorithm.DHash => "64-bit difference hash (imagehash dhash on OpenCV's resize).",
        BenchAlgorithm.PHash => "64-bit DCT hash (OpenCV img_hash PHash).",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, null),
    };
}
