using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.TestUtilities;
using static Fingerprint.Tests.Index.IndexTestData;

namespace Fingerprint.Tests.Index;

/// <summary>Every strategy, forced or automatic, returns exactly the brute-force answer.</summary>
public class HammingIndexTests
{
    public static readonly Dictionary<string, HammingIndexOptions> Configs = new()
    {
        ["Flat"] = new() { Strategy = HammingIndexStrategy.Flat },
        ["Mih16"] = new() { Strategy = HammingIndexStrategy.MultiIndex, ChunkBits = 16 },   // the reference's 16 x 16
        ["Mih8"] = new() { Strategy = HammingIndexStrategy.MultiIndex, ChunkBits = 8 },     // 32 chunks
        ["Mih11"] = new() { Strategy = HammingIndexStrategy.MultiIndex, ChunkBits = 11 },   // 23 chunks of 11/12 bits
        ["Mih18"] = new() { Strategy = HammingIndexStrategy.MultiIndex, ChunkBits = 18 },   // 14 chunks of 18/19 bits
        ["MihAuto"] = new() { Strategy = HammingIndexStrategy.MultiIndex },
        ["Auto"] = new(),
        ["AutoMih16"] = new() { ChunkBits = 16 },                                          // tables, cost-based per query
    };

    public static TheoryData<int, BankKind, string> SmallBanks()
    {
        var data = new TheoryData<int, BankKind, string>();
        foreach (int size in new[] { 0, 1, 7, 1000 })
        {
            foreach (BankKind kind in Enum.GetValues<BankKind>())
            {
                foreach (string config in Configs.Keys)
                    data.Add(size, kind, config);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SmallBanks))]
    public void Search_EveryRadius0To64_EqualsBruteForce(int size, BankKind kind, string config)
    {
        ulong seed = (ulong)(size * 7919 + (int)kind * 104729 + config.Length);
        Hash256[] bank = Bank(kind, size, seed);
        long[] ids = Ids(size, seed);
        using HammingIndex index = HammingIndex.Create(bank, ids, Configs[config]);
        Assert.Equal(size, index.Count);
        var rng = new SplitMix64(seed + 1);
        var actual = new List<IndexMatch>();
        foreach (int radius in Enumerable.Range(0, 65).Concat([80, 96, 128, 200, 255, 256]))
        {
            foreach (Hash256 query in Queries(rng, bank, 6, radius + 8))
            {
                actual.Clear();
                index.Search(query, radius, actual);
                AssertSame(BruteForce(bank, ids, [query], 1, radius), actual, $"{config} r={radius} q={query}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallBanks))]
    public void SearchDihedral_EightVariants_EqualsBruteForceBestVariant(int size, BankKind kind, string config)
    {
        ulong seed = (ulong)(size * 31 + (int)kind * 17 + config.Length * 3);
        Hash256[] bank = Bank(kind, size, seed);
        long[] ids = Ids(size, seed);
        using HammingIndex index = HammingIndex.Create(bank, ids, Configs[config]);
        var rng = new SplitMix64(seed + 2);
        var actual = new List<IndexMatch>();
        foreach (int radius in new[] { 0, 5, 16, 31, 32, 47, 63, 64 })
        {
            for (int q = 0; q < 4; q++)
            {
                // Variants near different rows, and near each other, so rows match several variants at once.
                Hash256[] variants = Queries(rng, bank, 8, radius + 4);
                variants[5] = SyntheticHashes.FlipRandomBits(rng, variants[1], rng.NextInt(radius + 1));
                actual.Clear();
                index.SearchDihedral(variants, radius, actual);
                AssertSame(BruteForce(bank, ids, variants, 8, radius), actual, $"{config} r={radius}");

                int count = 1 + q % HammingIndex.MaxVariants;
                actual.Clear();
                index.SearchDihedral(variants.AsSpan(0, count), radius, actual);
                AssertSame(BruteForce(bank, ids, variants.AsSpan(0, count), count, radius), actual, $"{config} r={radius} {count} variants");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallBanks))]
    public void SearchBatch_OddSizesAndGroups_EqualsBruteForce(int size, BankKind kind, string config)
    {
        ulong seed = (ulong)(size * 131 + (int)kind * 7 + config.Length * 5);
        Hash256[] bank = Bank(kind, size, seed);
        long[] ids = Ids(size, seed);
        var rng = new SplitMix64(seed + 3);
        foreach (int parallelism in new[] { 1, 2 })
        {
            using HammingIndex index = HammingIndex.Create(bank, ids, Configs[config] with { MaxDegreeOfParallelism = parallelism });
            var actual = new List<IndexMatch>();
            foreach (int variantsPerQuery in new[] { 1, 3, 8 })
            {
                foreach (int queryCount in new[] { 0, 1, 3, 7, 9 })
                {
                    foreach (int radius in new[] { 0, 20, 31 })
                    {
                        Hash256[] queries = Queries(rng, bank, queryCount * variantsPerQuery, radius + 4);
                        actual.Clear();
                        actual.Add(default);   // results are appended: what was there stays
                        index.SearchBatch(queries, radius, actual, variantsPerQuery);
                        Assert.Equal(default, actual[0]);
                        actual.RemoveAt(0);
                        AssertSame(BruteForce(bank, ids, queries, variantsPerQuery, radius), actual,
                            $"{config} x{parallelism} r={radius} {queryCount}x{variantsPerQuery}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallBanks))]
    public void Nearest_EqualsBruteForce(int size, BankKind kind, string config)
    {
        ulong seed = (ulong)(size * 17 + (int)kind * 3 + config.Length * 11);
        Hash256[] bank = Bank(kind, size, seed);
        long[] ids = Ids(size, seed);
        using HammingIndex index = HammingIndex.Create(bank, ids, Configs[config]);
        var rng = new SplitMix64(seed + 4);
        var actual = new List<IndexMatch>();
        foreach (Hash256 query in Queries(rng, bank, 12, 60))
        {
            foreach (int k in new[] { 0, 1, 2, 5, 20, size, size + 3 })
            {
                foreach (int maxDistance in new[] { 256, 100, 31, 0 })
                {
                    actual.Clear();
                    index.Nearest(query, k, actual, maxDistance);
                    AssertSame(BruteNearest(bank, ids, query, k, maxDistance), actual, $"{config} k={k} max={maxDistance}");
                }
            }
        }
    }

    public static TheoryData<BankKind, string, int> LargeBanks()
    {
        var data = new TheoryData<BankKind, string, int>();
        foreach (BankKind kind in Enum.GetValues<BankKind>())
        {
            foreach (string config in new[] { "Flat", "Mih16", "Mih18", "MihAuto", "Auto" })
                data.Add(kind, config, kind == BankKind.Random ? 1 : 2);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LargeBanks))]
    public void AllQueries_100kRows_EqualBruteForce(BankKind kind, string config, int parallelism)
    {
        const int Size = 100_000;
        ulong seed = (ulong)(1_000_003 + (int)kind * 7 + config.Length);
        Hash256[] bank = Bank(kind, Size, seed);
        long[] ids = Ids(Size, seed);
        using HammingIndex index = HammingIndex.Create(bank, ids, Configs[config] with { MaxDegreeOfParallelism = parallelism });
        if (config != "Flat")
            Assert.Equal(HammingIndexStrategy.MultiIndex, index.Strategy);
        var rng = new SplitMix64(seed + 5);
        var actual = new List<IndexMatch>();
        foreach (int radius in new[] { 0, 15, 31, 32, 63, 64 })
        {
            Hash256[] queries = Queries(rng, bank, 5, radius + 6);
            foreach (Hash256 query in queries)
            {
                actual.Clear();
                index.Search(query, radius, actual);
                AssertSame(BruteForce(bank, ids, [query], 1, radius), actual, $"{config} r={radius}");
            }
            actual.Clear();
            index.SearchBatch(queries, radius, actual);
            AssertSame(BruteForce(bank, ids, queries, 1, radius), actual, $"{config} batch r={radius}");
        }

        Hash256[] variants = Queries(rng, bank, 16, 20);
        actual.Clear();
        index.SearchDihedral(variants.AsSpan(0, 8), 31, actual);
        AssertSame(BruteForce(bank, ids, variants.AsSpan(0, 8), 8, 31), actual, $"{config} dihedral");
        actual.Clear();
        index.SearchBatch(variants, 40, actual, 8);
        AssertSame(BruteForce(bank, ids, variants, 8, 40), actual, $"{config} dihedral batch");

        foreach (int k in new[] { 1, 10 })
        {
            actual.Clear();
            index.Nearest(variants[k], k, actual);
            AssertSame(BruteNearest(bank, ids, variants[k], k, 256), actual, $"{config} k={k}");
        }
    }

    [Theory]
    [InlineData("Mih16")]
    [InlineData("Mih8")]
    [InlineData("MihAuto")]
    public void Search_BucketsLargerThanTheCandidateBuffer_EqualBruteForce(string config)
    {
        // 5000 near-copies of one hash differing only in bits 0..40: every chunk above bit 40 puts all rows in one
        // bucket, so a probe gathers thousands of candidates (more than the 1024-entry buffer holds at once).
        var rng = new SplitMix64(77);
        Hash256 basis = SyntheticHashes.Random(rng);
        var bank = new Hash256[5000];
        for (int i = 0; i < bank.Length; i++)
        {
            Hash256 h = basis;
            for (int f = rng.NextInt(12); f > 0; f--)
                h = h.FlipBit(rng.NextInt(41));
            bank[i] = h;
        }
        long[] ids = Ids(bank.Length, 77);
        using HammingIndex index = HammingIndex.Create(bank, ids, Configs[config]);
        var actual = new List<IndexMatch>();
        foreach (int radius in new[] { 0, 3, 8, 31 })
        {
            foreach (Hash256 query in new[] { basis, bank[17], basis.FlipBit(200) })
            {
                actual.Clear();
                index.Search(query, radius, actual);
                AssertSame(BruteForce(bank, ids, [query], 1, radius), actual, $"{config} r={radius}");
            }
        }
        Assert.Equal(bank.Length, actual.Count);   // at r = 31 every row matches the last query
    }

    [Fact]
    public void Create_WithoutIds_UsesRowNumbers()
    {
        Hash256[] bank = Bank(BankKind.Clustered, 50, 9);
        using HammingIndex index = HammingIndex.Create(bank);
        var actual = new List<IndexMatch>();
        index.Search(bank[17], 0, actual);
        Assert.Contains(actual, m => m.RowIndex == 17 && m.Id == 17 && m.Distance == 0);
        Assert.All(actual, m => Assert.Equal(m.RowIndex, m.Id));
    }

    [Fact]
    public void Create_CopiesInput_AndExposesRows()
    {
        Hash256[] bank = Bank(BankKind.Random, 100, 10);
        long[] ids = Ids(100, 10);
        using HammingIndex index = HammingIndex.Create(bank, ids, Configs["Mih16"]);
        Hash256 original = bank[3];
        bank[3] = Hash256.Zero;
        ids[3] = -1;
        Assert.Equal(original, index.GetHash(3));
        Assert.NotEqual(-1, index.GetId(3));
        var copy = new Hash256[100];
        index.CopyHashes(copy);
        Assert.Equal(original, copy[3]);
        Assert.Equal(16, index.ChunkCount);
        Assert.All(index.ChunkWidths, w => Assert.Equal(16, w));
    }

    [Fact]
    public void Options_AutoSmallBankIsFlat_AutoLargeBankHasTables()
    {
        using HammingIndex small = HammingIndex.Create(Bank(BankKind.Random, 1000, 1));
        Assert.Equal(HammingIndexStrategy.Flat, small.Strategy);
        Assert.Equal(0, small.ChunkCount);
        using HammingIndex large = HammingIndex.Create(Bank(BankKind.Random, 100_000, 1));
        Assert.Equal(HammingIndexStrategy.MultiIndex, large.Strategy);
        Assert.InRange(large.ChunkCount, 11, 32);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Hash256[] bank = Bank(BankKind.Random, 10, 2);
        Assert.Throws<ArgumentException>(() => HammingIndex.Create(bank, new long[9]));
        Assert.Throws<ArgumentOutOfRangeException>(() => HammingIndex.Create(bank, new HammingIndexOptions { ChunkBits = 7 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => HammingIndex.Create(bank, new HammingIndexOptions { ChunkBits = 25 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => HammingIndex.Create(bank, new HammingIndexOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => HammingIndex.Create(bank, new HammingIndexOptions { Strategy = (HammingIndexStrategy)9 }));
        using HammingIndex index = HammingIndex.Create(bank);
        var results = new List<IndexMatch>();
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(bank[0], 257, results));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(bank[0], -1, results));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchDihedral(new Hash256[9], 31, results));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchDihedral([], 31, results));
        Assert.Throws<ArgumentException>(() => index.SearchBatch(new Hash256[10], 31, results, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SearchBatch(new Hash256[10], 31, results, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Nearest(bank[0], -1, results));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.GetHash(10));
        Assert.Throws<ArgumentNullException>(() => index.Search(bank[0], 31, null!));
    }

    [Fact]
    public void Dispose_ThenQuery_ThrowsObjectDisposed()
    {
        HammingIndex index = HammingIndex.Create(Bank(BankKind.Random, 10, 3));
        index.Dispose();
        index.Dispose();   // idempotent
        Assert.Throws<ObjectDisposedException>(() => index.Search(Hash256.Zero, 31, []));
        Assert.Throws<ObjectDisposedException>(() => index.Nearest(Hash256.Zero, 1, []));
    }

    [Fact]
    public void SearchDihedral_DihedralHashesOverload_UsesVariantOrder()
    {
        Hash256[] bank = Bank(BankKind.Random, 64, 4);
        using HammingIndex index = HammingIndex.Create(bank, Configs["Mih16"]);
        Hash256[] variants = [.. Enumerable.Range(0, 8).Select(i => bank[i * 5])];
        var hashes = new DihedralHashes(variants, quality: 90);
        var actual = new List<IndexMatch>();
        index.SearchDihedral(hashes, 0, actual);
        Assert.Equal(8, actual.Count);
        for (int i = 0; i < 8; i++)
            Assert.Equal(new IndexMatch(0, i * 5, i * 5, 0, (DihedralVariant)i), actual[i]);
    }
}
