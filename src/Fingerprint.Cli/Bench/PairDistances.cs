using Fingerprint.Hashing;
using Fingerprint.Imaging.Regions;
using Fingerprint.Matching;

namespace Fingerprint.Cli.Bench;

/// <summary>
/// The distances `bench robustness` scores, for one algorithm.
/// <list type="bullet">
/// <item>Positive pairs: (edit, the original it was made from), one per decodable edit image.</item>
/// <item>Negative pairs: (query, original) for every query image (every edit and every distractor) and every original
/// the query was NOT made from. Edits of one original are thus negatives against all the others; distractors
/// (never-banked photos, same-scene pairs, same-template memes, collages sharing a panel, flat images, edits of
/// never-banked photos) against all of them. Originals are not queries.</item>
/// </list>
/// The distance of a pair is the smallest Hamming distance between a hash of the query side and a hash of the original
/// side, as the algorithm defines the sides (<see cref="BenchAlgorithms.Describe"/>). PDQ hashes below the quality
/// gate are not used, as a scan would not use them: a query (or original) with no usable hash makes its pairs
/// unmatchable. (A bank skips an original whose whole-image quality is below the gate, so its regions are not used
/// either.) The classic hashes have no quality and no gate. A file that failed to decode makes its pairs unmatchable.
/// </summary>
internal sealed class PairDistances
{
    private PairDistances(BenchAlgorithm algorithm, int[] positives, MatchEvidence[] evidence, DistanceHistogram[] negativesByQuery,
        (int Query, int Original, int Distance, MatchEvidence Via)[] closest)
    {
        Algorithm = algorithm;
        Positives = positives;
        Evidence = evidence;
        NegativesByQuery = negativesByQuery;
        ClosestNegatives = closest;
        Negatives = new DistanceHistogram(BenchAlgorithms.Bits(algorithm));
        foreach (DistanceHistogram h in negativesByQuery)
            Negatives.Add(h);
    }

    public BenchAlgorithm Algorithm { get; }

    /// <summary>Per corpus item: the positive pair's distance for an edit (<see cref="DistanceHistogram.NoDistance"/> if unmatchable); unused otherwise.</summary>
    public int[] Positives { get; }

    /// <summary>Per corpus item: what gave the positive distance (meme-aware algorithms).</summary>
    public MatchEvidence[] Evidence { get; }

    /// <summary>Per query (corpus item order, edits and distractors only): the histogram of its negative pairs.</summary>
    public DistanceHistogram[] NegativesByQuery { get; }

    /// <summary>All negative pairs.</summary>
    public DistanceHistogram Negatives { get; }

    /// <summary>Per query (as <see cref="NegativesByQuery"/>): its closest negative pair (original item index -1: none).</summary>
    public (int Query, int Original, int Distance, MatchEvidence Via)[] ClosestNegatives { get; }

    public static PairDistances Compute(BenchAlgorithm algorithm, IReadOnlyList<CorpusItem> items, ItemHashes[] hashes, int minQuality, int workers)
    {
        int bits = BenchAlgorithms.Bits(algorithm);
        var originalIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var originals = new List<int>();
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Role == CorpusRole.Original)
            {
                originalIndex[items[i].File] = i;
                originals.Add(i);
            }
        }
        var queries = new List<int>();
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Role != CorpusRole.Original)
                queries.Add(i);
        }

        var entrySides = new Side[items.Count];
        foreach (int o in originals)
            entrySides[o] = EntrySide(algorithm, hashes[o], minQuality);

        var positives = new int[items.Count];
        var evidence = new MatchEvidence[items.Count];
        Array.Fill(positives, DistanceHistogram.NoDistance);
        var negatives = new DistanceHistogram[queries.Count];
        var closest = new (int, int, int, MatchEvidence)[queries.Count];
        Parallel.For(0, queries.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, k =>
        {
            int q = queries[k];
            Side query = QuerySide(algorithm, hashes[q], minQuality);
            int own = items[q].Role == CorpusRole.Edit ? originalIndex[items[q].Original!] : -1;
            var histogram = new DistanceHistogram(bits);
            (int Original, int Distance, MatchEvidence Via) nearest = (-1, DistanceHistogram.NoDistance, MatchEvidence.None);
            foreach (int o in originals)
            {
                (int distance, MatchEvidence via) = Closest(query, entrySides[o]);
                if (o == own)
                {
                    positives[q] = distance;
                    evidence[q] = via;
                }
                else
                {
                    histogram.Add(distance);
                    if (distance < nearest.Distance)
                        nearest = (o, distance, via);
                }
            }
            negatives[k] = histogram;
            closest[k] = (q, nearest.Original, nearest.Distance, nearest.Via);
        });
        return new PairDistances(algorithm, positives, evidence, negatives, closest);
    }

    /// <summary>The hashes one side of a pair offers, each tagged with the evidence it stands for.</summary>
    private readonly record struct Side(ulong[] Words, MatchEvidence[] Tags, int Width)
    {
        public int Count => Tags.Length;
    }

    private static (int Distance, MatchEvidence Via) Closest(Side query, Side entry)
    {
        if (query.Count == 0 || entry.Count == 0)
            return (DistanceHistogram.NoDistance, MatchEvidence.None);
        int best = int.MaxValue;
        MatchEvidence via = MatchEvidence.None;
        int w = query.Width;
        for (int i = 0; i < query.Count; i++)
        {
            ReadOnlySpan<ulong> a = query.Words.AsSpan(i * w, w);
            for (int j = 0; j < entry.Count; j++)
            {
                ReadOnlySpan<ulong> b = entry.Words.AsSpan(j * w, w);
                int d = 0;
                for (int k = 0; k < w; k++)
                    d += System.Numerics.BitOperations.PopCount(a[k] ^ b[k]);
                if (d < best)
                {
                    best = d;
                    via = Combine(query.Tags[i], entry.Tags[j]);
                }
            }
        }
        return (best, via);
    }

    private static MatchEvidence Combine(MatchEvidence query, MatchEvidence entry) =>
        query != MatchEvidence.Full ? query : entry;

    private static Side QuerySide(BenchAlgorithm algorithm, ItemHashes h, int minQuality)
    {
        if (h.Failed)
            return Empty(algorithm);
        var builder = new SideBuilder(BenchAlgorithms.Bits(algorithm) / 64);
        switch (algorithm)
        {
            case BenchAlgorithm.Pdq:
                if (h.Pdq.Quality >= minQuality)
                    builder.Add(h.Pdq.Hash, MatchEvidence.Full);
                break;
            case BenchAlgorithm.PdqDihedral:
                if (h.Dihedral.Quality >= minQuality)
                    builder.AddDihedral(h.Dihedral, MatchEvidence.Full);
                break;
            case BenchAlgorithm.PdqMeme:
            case BenchAlgorithm.PdqMemeCrops:
            case BenchAlgorithm.PdqMemePanels:
                if (h.Dihedral.Quality >= minQuality)
                    builder.AddDihedral(h.Dihedral, MatchEvidence.Full);
                foreach (HashedRegion r in h.Regions)
                {
                    if (r.Kind != RegionKind.AspectCrop && r.Quality >= minQuality)
                        builder.AddDihedral(r.Hashes, r.Kind == RegionKind.Trimmed ? MatchEvidence.QueryTrimmed : MatchEvidence.QueryPanel);
                }
                break;
            default:
                builder.Add(Classic(algorithm, h), MatchEvidence.Full);
                break;
        }
        return builder.Build();
    }

    private static Side EntrySide(BenchAlgorithm algorithm, ItemHashes h, int minQuality)
    {
        if (h.Failed)
            return Empty(algorithm);
        var builder = new SideBuilder(BenchAlgorithms.Bits(algorithm) / 64);
        if (!BenchAlgorithms.IsPdq(algorithm))
        {
            builder.Add(Classic(algorithm, h), MatchEvidence.Full);
            return builder.Build();
        }
        if (h.Pdq.Quality < minQuality)
            return builder.Build();          // a bank skips the entry altogether
        builder.Add(h.Pdq.Hash, MatchEvidence.Full);
        if (BenchAlgorithms.IsMemeAware(algorithm))
        {
            foreach (HashedRegion r in h.Regions)
            {
                bool indexed = r.Kind switch
                {
                    RegionKind.Trimmed => true,
                    RegionKind.AspectCrop => algorithm == BenchAlgorithm.PdqMemeCrops,
                    _ => algorithm == BenchAlgorithm.PdqMemePanels,
                };
                if (indexed && r.Quality >= minQuality)
                    builder.Add(r.Hashes.Orig, MatchEvidence.EntryRegion);
            }
        }
        return builder.Build();
    }

    private static Hash64 Classic(BenchAlgorithm algorithm, ItemHashes h) => algorithm switch
    {
        BenchAlgorithm.AHash => h.AHash,
        BenchAlgorithm.DHash => h.DHash,
        BenchAlgorithm.PHash => h.PHash,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    private static Side Empty(BenchAlgorithm algorithm) => new([], [], BenchAlgorithms.Bits(algorithm) / 64);

    private sealed class SideBuilder(int width)
    {
        private readonly List<ulong> _words = [];
        private readonly List<MatchEvidence> _tags = [];

        public void Add(Hash256 hash, MatchEvidence tag)
        {
            _words.Add(hash.W0);
            _words.Add(hash.W1);
            _words.Add(hash.W2);
            _words.Add(hash.W3);
            _tags.Add(tag);
        }

        public void Add(Hash64 hash, MatchEvidence tag)
        {
            _words.Add(hash.Value);
            _tags.Add(tag);
        }

        public void AddDihedral(in DihedralHashes hashes, MatchEvidence tag)
        {
            for (int v = 0; v < 8; v++)
                Add(hashes[(DihedralVariant)v], tag);
        }

        public Side Build() => new([.. _words], [.. _tags], width);
    }
}
