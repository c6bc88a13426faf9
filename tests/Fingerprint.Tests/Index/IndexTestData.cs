using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Index;

/// <summary>Seeded banks and queries for the index tests, and the brute-force reference every strategy must equal.</summary>
public static class IndexTestData
{
    public enum BankKind
    {
        Random,
        Clustered,
    }

    public static Hash256[] Bank(BankKind kind, int size, ulong seed)
    {
        var rng = new SplitMix64(seed);
        return kind == BankKind.Random
            ? SyntheticHashes.Random(rng, size)
            // Near-duplicate families: about 20 members per family, each within 24 bits of its centre.
            : SyntheticHashes.Clustered(rng, size, Math.Max(1, size / 20), 24);
    }

    public static long[] Ids(int size, ulong seed)
    {
        var rng = new SplitMix64(seed ^ 0x1D5UL);
        var ids = new long[size];
        for (int i = 0; i < size; i++)
            ids[i] = (long)(rng.NextUInt64() >> 1);
        return ids;
    }

    /// <summary>Queries that do match: half are bank rows with 0..maxFlips bits flipped, a quarter random, a quarter exact rows.</summary>
    internal static Hash256[] Queries(SplitMix64 rng, Hash256[] bank, int count, int maxFlips)
    {
        var queries = new Hash256[count];
        for (int i = 0; i < count; i++)
        {
            if (bank.Length == 0 || i % 4 == 3)
                queries[i] = SyntheticHashes.Random(rng);
            else if (i % 4 == 2)
                queries[i] = bank[rng.NextInt(bank.Length)];
            else
                queries[i] = SyntheticHashes.FlipRandomBits(rng, bank[rng.NextInt(bank.Length)], rng.NextInt(Math.Min(maxFlips, 256) + 1));
        }
        return queries;
    }

    /// <summary>
    /// The reference answer: for each group of <paramref name="groupSize"/> hashes and each row in order, the best
    /// variant (smallest distance, then lowest variant) if within <paramref name="radius"/>.
    /// </summary>
    public static List<IndexMatch> BruteForce(Hash256[] rows, long[] ids, ReadOnlySpan<Hash256> hashes, int groupSize, int radius)
    {
        var result = new List<IndexMatch>();
        for (int group = 0; group < hashes.Length / groupSize; group++)
        {
            for (int row = 0; row < rows.Length; row++)
            {
                int best = int.MaxValue, bestVariant = -1;
                for (int v = 0; v < groupSize; v++)
                {
                    int d = Hash256.Distance(rows[row], hashes[group * groupSize + v]);
                    if (d < best)
                    {
                        best = d;
                        bestVariant = v;
                    }
                }
                if (best <= radius)
                    result.Add(new IndexMatch(group, ids[row], row, best, (DihedralVariant)bestVariant));
            }
        }
        return result;
    }

    /// <summary>The k nearest rows within maxDistance, ordered by (distance, row).</summary>
    public static List<IndexMatch> BruteNearest(Hash256[] rows, long[] ids, Hash256 query, int k, int maxDistance) =>
        [.. Enumerable.Range(0, rows.Length)
            .Select(r => new IndexMatch(0, ids[r], r, Hash256.Distance(rows[r], query), DihedralVariant.Orig))
            .Where(m => m.Distance <= maxDistance)
            .OrderBy(m => m.Distance).ThenBy(m => m.RowIndex)
            .Take(k)];

    public static void AssertSame(List<IndexMatch> expected, List<IndexMatch> actual, string context)
    {
        if (expected.SequenceEqual(actual))
            return;
        int i = 0;
        while (i < expected.Count && i < actual.Count && expected[i] == actual[i])
            i++;
        string e = i < expected.Count ? expected[i].ToString() : "(end)";
        string a = i < actual.Count ? actual[i].ToString() : "(end)";
        Assert.Fail($"{context}: {expected.Count} expected, {actual.Count} actual; first difference at {i}: expected {e}, got {a}");
    }
}
