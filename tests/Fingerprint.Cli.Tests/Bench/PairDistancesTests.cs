using Fingerprint.Cli.Bench;
using Fingerprint.Hashing;
using Fingerprint.Imaging.Regions;
using Fingerprint.Matching;

namespace Fingerprint.Cli.Tests.Bench;

/// <summary>The pair definition on four hand-made items; every distance is a count of set bits worked out by hand.</summary>
public class PairDistancesTests
{
    private const int None = DistanceHistogram.NoDistance;

    // o1: original, PDQ 0 (its trimmed region: bits 0-2). o2: original, PDQ all ones. e1: edit of o1, PDQ bits 0-39,
    // its rot90 variant bits 0-4. d: distractor, PDQ bits 0-127 but quality 30 (below the gate).
    private static readonly CorpusItem[] s_items =
    [
        new("distractors/random_photo/d.jpg", CorpusRole.Distractor, "random_photo", null, "random_photo", null),
        new("edits/crop/o1__crop-f05.jpg", CorpusRole.Edit, "crop", "medium", "crop-f05", "originals/photos/o1.jpg"),
        new("originals/photos/o1.jpg", CorpusRole.Original, "photo", null, "photo", null),
        new("originals/photos/o2.jpg", CorpusRole.Original, "photo", null, "photo", null),
    ];

    private static readonly ItemHashes[] s_hashes =
    [
        Item(Bits(128), 30, Bits(128), Bits(128), a: 0xFF),
        Item(Bits(40), 100, Bits(40), Bits(5), a: 0b111),
        Item(Hash256.Zero, 100, Hash256.Zero, Hash256.AllOnes, a: 0, trimmed: Bits(3)),
        Item(Hash256.AllOnes, 100, Hash256.AllOnes, Hash256.AllOnes, a: ulong.MaxValue),
    ];

    [Theory]
    [InlineData("pdq", 40, 216)]            // e1 vs o1: 40 bits; e1 vs o2: 256 - 40
    [InlineData("pdq-dihedral", 5, 216)]    // rot90 (5 bits) vs o1; vs o2 the closest variant is orig (256 - 40)
    [InlineData("pdq-meme", 2, 216)]        // rot90 (bits 0-4) vs o1's trimmed region (bits 0-2): 2
    public void Compute_Pdq_PositiveAndNegativesAsDefined(string name, int positive, int editVsOther)
    {
        Assert.True(BenchAlgorithms.TryParse(name, out BenchAlgorithm algorithm));
        PairDistances pd = PairDistances.Compute(algorithm, s_items, s_hashes, MatchOptions.DefaultMinQuality, workers: 2);

        Assert.Equal(positive, pd.Positives[1]);
        // Negatives: e1 vs o2, and d vs o1, d vs o2, which are unmatchable (d is below the quality gate).
        Assert.Equal(3, pd.Negatives.Total);
        Assert.Equal(2, pd.Negatives.Unmatchable);
        Assert.Equal(1, pd.Negatives[editVsOther]);
        Assert.Equal(2, pd.NegativesByQuery.Length);       // queries: d and e1, in corpus order
        Assert.Equal(2, pd.NegativesByQuery[0].Unmatchable);
        Assert.Equal(1, pd.NegativesByQuery[1][editVsOther]);
        Assert.Equal(None, pd.Positives[0]);               // not an edit
    }

    [Fact]
    public void Compute_PdqMeme_NamesTheEvidence()
    {
        PairDistances meme = PairDistances.Compute(BenchAlgorithm.PdqMeme, s_items, s_hashes, MatchOptions.DefaultMinQuality, workers: 1);
        PairDistances dihedral = PairDistances.Compute(BenchAlgorithm.PdqDihedral, s_items, s_hashes, MatchOptions.DefaultMinQuality, workers: 1);
        Assert.Equal(MatchEvidence.EntryRegion, meme.Evidence[1]);
        Assert.Equal(MatchEvidence.Full, dihedral.Evidence[1]);
    }

    [Fact]
    public void Compute_QualityGateOff_UsesLowQualityHashes()
    {
        PairDistances pd = PairDistances.Compute(BenchAlgorithm.Pdq, s_items, s_hashes, minQuality: 0, workers: 1);
        Assert.Equal(0, pd.Negatives.Unmatchable);
        Assert.Equal(2, pd.Negatives[128]);                // d vs o1 and d vs o2: 128 bits each
    }

    [Fact]
    public void Compute_ClassicHash_HasNoGate()
    {
        PairDistances pd = PairDistances.Compute(BenchAlgorithm.AHash, s_items, s_hashes, MatchOptions.DefaultMinQuality, workers: 1);
        Assert.Equal(3, pd.Positives[1]);                  // 0b111 vs 0
        Assert.Equal(3, pd.Negatives.Total);
        Assert.Equal(0, pd.Negatives.Unmatchable);
        Assert.Equal(1, pd.Negatives[61]);                 // e1 vs o2: 64 - 3
        Assert.Equal(1, pd.Negatives[8]);                  // d vs o1: 8 bits
        Assert.Equal(1, pd.Negatives[56]);                 // d vs o2: 64 - 8
    }

    [Fact]
    public void Compute_FailedFile_MakesItsPairsUnmatchable()
    {
        ItemHashes[] hashes = [.. s_hashes];
        hashes[1] = new ItemHashes { Error = "Corrupt: test" };
        PairDistances pd = PairDistances.Compute(BenchAlgorithm.PHash, s_items, hashes, MatchOptions.DefaultMinQuality, workers: 1);
        Assert.Equal(None, pd.Positives[1]);
        Assert.Equal(1, pd.NegativesByQuery[1].Unmatchable);
    }

    /// <summary>A hash with bits 0..count-1 set.</summary>
    private static Hash256 Bits(int count)
    {
        Hash256 h = Hash256.Zero;
        for (int i = 0; i < count; i++)
            h = h.FlipBit(i);
        return h;
    }

    /// <summary>Dihedral variants: orig, then <paramref name="rot90"/>, then <paramref name="orig"/> again for the other six.</summary>
    private static ItemHashes Item(Hash256 pdq, int quality, Hash256 orig, Hash256 rot90, ulong a, Hash256? trimmed = null)
    {
        Hash256[] variants = [orig, rot90, orig, orig, orig, orig, orig, orig];
        var regions = new List<HashedRegion>();
        if (trimmed is Hash256 t)
        {
            regions.Add(new HashedRegion("trimmed", RegionKind.Trimmed, new RegionRect(1, 1, 10, 10),
                new DihedralHashes([t, t, t, t, t, t, t, t], 100)));
        }
        return new ItemHashes
        {
            Pdq = new HashResult(pdq, quality),
            Dihedral = new DihedralHashes(variants, quality),
            Regions = regions,
            AHash = new Hash64(a),
            DHash = new Hash64(a),
            PHash = new Hash64(a),
        };
    }
}
