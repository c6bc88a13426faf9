using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.TestUtilities;
using static Fingerprint.Tests.Index.IndexTestData;

namespace Fingerprint.Tests.Index;

/// <summary>The live index equals a plain model of its rows after any sequence of changes, and stays consistent under concurrency.</summary>
public class LiveHammingIndexTests
{
    /// <summary>The model: visible rows in the live index's row order (surviving snapshot rows, then delta rows).</summary>
    private sealed class Model
    {
        public List<(long Id, Hash256 Hash)> Rows { get; } = [];

        public Hash256[] Hashes => [.. Rows.Select(r => r.Hash)];

        public long[] Ids => [.. Rows.Select(r => r.Id)];

        public bool Remove(long id) => Rows.RemoveAll(r => r.Id == id) > 0;
    }

    /// <summary>Row numbers differ between a live index and its model; everything else must be equal, in the same order.</summary>
    private static List<(int, long, int, DihedralVariant)> Strip(List<IndexMatch> matches) =>
        [.. matches.Select(m => (m.QueryIndex, m.Id, m.Distance, m.Variant))];

    public static TheoryData<int, string, int> Sequences() => new()
    {
        { 1, "Auto", 16 },
        { 2, "Mih16", 7 },
        { 3, "Flat", 64 },
        { 4, "Mih18", 1000 },
        { 5, "Mih16", 1 },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void RandomAddsRemovesFolds_AlwaysEqualTheModel(int seed, string config, int foldThreshold)
    {
        var rng = new SplitMix64((ulong)seed);
        Hash256[] initial = Bank(BankKind.Clustered, 400, (ulong)seed);
        long[] initialIds = [.. Enumerable.Range(0, 400).Select(i => (long)(i % 350))];   // some ids appear twice
        var model = new Model();
        for (int i = 0; i < initial.Length; i++)
            model.Rows.Add((initialIds[i], initial[i]));
        HammingIndexOptions options = HammingIndexTests.Configs[config];
        using var live = new LiveHammingIndex(HammingIndex.Create(initial, initialIds, options), options, foldThreshold);

        long nextId = 1000;
        var actual = new List<IndexMatch>();
        for (int step = 0; step < 300; step++)
        {
            int op = rng.NextInt(10);
            if (op < 5)
            {
                Hash256 hash = model.Rows.Count > 0 && op < 3
                    ? SyntheticHashes.FlipRandomBits(rng, model.Rows[rng.NextInt(model.Rows.Count)].Hash, rng.NextInt(20))
                    : SyntheticHashes.Random(rng);
                long id = op == 0 && model.Rows.Count > 0 ? model.Rows[rng.NextInt(model.Rows.Count)].Id : nextId++;
                live.Add(id, hash);
                model.Rows.Add((id, hash));
            }
            else if (op < 8)
            {
                long id = model.Rows.Count > 0 && op < 7 ? model.Rows[rng.NextInt(model.Rows.Count)].Id : -5;
                Assert.Equal(model.Remove(id), live.Remove(id));
            }
            else if (op == 8)
            {
                live.AdvanceCheckpoint(step);
                if (rng.NextInt(4) == 0)
                {
                    live.Fold();
                    Assert.Equal(step, live.Snapshot.Checkpoint);
                    Assert.Equal(0, live.DeltaCount);
                    Assert.Equal(0, live.RemovedCount);
                }
            }
            Assert.Equal(model.Rows.Count, live.Count);
            if (step % 5 != 0)
                continue;

            Hash256[] hashes = model.Hashes;
            long[] ids = model.Ids;
            Hash256[] queries = Queries(rng, hashes.Length > 0 ? hashes : initial, 8, 30);
            actual.Clear();
            live.Search(queries[0], 31, actual);
            Assert.Equal(Strip(BruteForce(hashes, ids, queries.AsSpan(0, 1), 1, 31)), Strip(actual));
            actual.Clear();
            live.SearchDihedral(queries, 40, actual);
            Assert.Equal(Strip(BruteForce(hashes, ids, queries, 8, 40)), Strip(actual));
            actual.Clear();
            live.SearchBatch(queries, 25, actual);
            Assert.Equal(Strip(BruteForce(hashes, ids, queries, 1, 25)), Strip(actual));
            actual.Clear();
            live.SearchBatch(queries, 63, actual, 2);
            Assert.Equal(Strip(BruteForce(hashes, ids, queries, 2, 63)), Strip(actual));
            foreach (int k in new[] { 1, 7 })
            {
                actual.Clear();
                live.Nearest(queries[1], k, actual, 200);
                Assert.Equal(Strip(BruteNearest(hashes, ids, queries[1], k, 200)), Strip(actual));
            }
        }
    }

    [Fact]
    public void Remove_ThenAddSameId_TheNewRowIsVisible()
    {
        Hash256[] bank = Bank(BankKind.Random, 10, 3);
        using var live = new LiveHammingIndex(HammingIndex.Create(bank));
        Assert.True(live.Remove(4));
        Assert.False(live.Remove(4));
        var found = new List<IndexMatch>();
        live.Search(bank[4], 0, found);
        Assert.Empty(found);
        Hash256 replacement = bank[4].FlipBit(7);
        live.Add(4, replacement);
        live.Search(bank[4], 1, found);
        Assert.Equal([(0, 4L, 1, DihedralVariant.Orig)], Strip(found));
        live.Fold();
        found.Clear();
        live.Search(bank[4], 1, found);
        Assert.Equal([(0, 4L, 1, DihedralVariant.Orig)], Strip(found));
        Assert.Equal(10, live.Count);
    }

    [Fact]
    public void Fold_DisposesTheSupersededSnapshot()
    {
        HammingIndex first = HammingIndex.Create(Bank(BankKind.Random, 10, 4));
        using var live = new LiveHammingIndex(first, foldThreshold: 2);
        live.Add(100, Hash256.Zero);
        live.Add(101, Hash256.AllOnes);   // reaches the threshold: folds
        Assert.NotSame(first, live.Snapshot);
        Assert.Equal(12, live.Snapshot.Count);
        Assert.Throws<ObjectDisposedException>(() => first.Search(Hash256.Zero, 31, []));
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var live = new LiveHammingIndex();
        live.Add(1, Hash256.Zero);
        live.Dispose();
        Assert.Throws<ObjectDisposedException>(() => live.Add(2, Hash256.Zero));
        Assert.Throws<ObjectDisposedException>(() => live.Search(Hash256.Zero, 31, []));
    }

    [Theory]
    [InlineData(11, "Mih16")]
    [InlineData(12, "Flat")]
    [InlineData(13, "Auto")]
    public async Task ConcurrentReaders_DuringAddsRemovesAndFolds_SeeConsistentStates(int seed, string config)
    {
        // The writer applies a fixed log of changes; before it starts, the expected answer of every query after every
        // prefix of the log is computed by brute force. Each reader answer must equal the answer after some prefix, and
        // the prefixes a reader observes never go backwards.
        const int Operations = 400;
        var rng = new SplitMix64((ulong)seed);
        Hash256[] initial = Bank(BankKind.Clustered, 300, (ulong)seed);
        var model = new Model();
        for (int i = 0; i < initial.Length; i++)
            model.Rows.Add((i, initial[i]));
        var log = new List<(bool Add, long Id, Hash256 Hash)>();
        for (int op = 0; op < Operations; op++)
        {
            if (op % 4 == 3)
                log.Add((false, rng.NextInt(300 + op), default));
            else
                log.Add((true, 300 + op, SyntheticHashes.FlipRandomBits(rng, initial[rng.NextInt(initial.Length)], rng.NextInt(30))));
        }
        Hash256[] queries = Queries(rng, initial, 6, 20);
        var expected = new HashSet<long>[Operations + 1][];
        for (int op = 0; op <= Operations; op++)
        {
            if (op > 0)
            {
                (bool add, long id, Hash256 hash) = log[op - 1];
                if (add)
                    model.Rows.Add((id, hash));
                else
                    model.Remove(id);
            }
            Hash256[] hashes = model.Hashes;
            long[] ids = model.Ids;
            expected[op] = [.. queries.Select(q => BruteForce(hashes, ids, [q], 1, 31).Select(m => m.Id).ToHashSet())];
        }

        HammingIndexOptions options = HammingIndexTests.Configs[config];
        using var live = new LiveHammingIndex(HammingIndex.Create(initial, options), options, foldThreshold: 32);
        using var done = new CancellationTokenSource();
        Task writer = Task.Run(() =>
        {
            foreach ((bool add, long id, Hash256 hash) in log)
            {
                if (add)
                    live.Add(id, hash);
                else
                    live.Remove(id);
            }
            done.Cancel();
        });
        Task<int>[] readers = [.. Enumerable.Range(0, 3).Select(r => Task.Run(() =>
        {
            int observedLow = 0, answers = 0;
            var results = new List<IndexMatch>();
            var local = new SplitMix64((ulong)(seed * 10 + r));
            while (!done.IsCancellationRequested || answers < 50)
            {
                int q = local.NextInt(queries.Length);
                results.Clear();
                live.Search(queries[q], 31, results);
                HashSet<long> got = [.. results.Select(m => m.Id)];
                Assert.Equal(results.Count, got.Count);
                int match = -1;
                for (int op = observedLow; op <= Operations && match < 0; op++)
                {
                    if (expected[op][q].SetEquals(got))
                        match = op;
                }
                Assert.True(match >= 0, $"reader {r}: answer to query {q} matches no state at or after operation {observedLow}");
                observedLow = match;
                answers++;
            }
            return answers;
        }))];
        await writer;
        int[] counts = await Task.WhenAll(readers);
        Assert.All(counts, c => Assert.True(c >= 50));

        var final = new List<IndexMatch>();
        for (int q = 0; q < queries.Length; q++)
        {
            final.Clear();
            live.Search(queries[q], 31, final);
            Assert.True(expected[Operations][q].SetEquals(final.Select(m => m.Id)));
        }
    }
}
