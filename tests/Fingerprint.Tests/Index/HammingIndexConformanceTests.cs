using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Index;

/// <summary>
/// The reference's index vectors (conformance/pdq/README.md, "index/"): every (needle, haystack) pair within d bits,
/// produced by Meta's mih-query and checked there against brute force. Compared as exact sets, for every strategy.
/// </summary>
public class HammingIndexConformanceTests
{
    private static readonly Lazy<Hash256[]> s_haystack = new(() => ReadHashes("haystack.txt"));
    private static readonly Lazy<Hash256[]> s_needles = new(() => ReadHashes("needles.txt"));

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (int d in new[] { 31, 63 })
        {
            foreach (string config in HammingIndexTests.Configs.Keys)
                data.Add(d, config);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_ReferenceVectors_EqualExpectedMatches(int distance, string config)
    {
        HashSet<(int Needle, int Haystack, int Distance)> expected = ReadExpected(distance);
        Hash256[] haystack = s_haystack.Value, needles = s_needles.Value;
        Assert.Equal(1350, haystack.Length);
        Assert.Equal(100, needles.Length);
        long[] lines = [.. Enumerable.Range(0, haystack.Length).Select(i => (long)i)];
        using HammingIndex index = HammingIndex.Create(haystack, lines, HammingIndexTests.Configs[config]);

        var single = new HashSet<(int, int, int)>();
        var results = new List<IndexMatch>();
        for (int n = 0; n < needles.Length; n++)
        {
            results.Clear();
            index.Search(needles[n], distance, results);
            foreach (IndexMatch m in results)
                Assert.True(single.Add((n, (int)m.Id, m.Distance)), $"duplicate match {m}");
        }
        Assert.Equal(expected.Count, single.Count);
        Assert.True(expected.SetEquals(single), $"{config}: {Describe(expected, single)}");

        results.Clear();
        index.SearchBatch(needles, distance, results);
        var batch = results.Select(m => (m.QueryIndex, (int)m.Id, m.Distance)).ToHashSet();
        Assert.Equal(results.Count, batch.Count);
        Assert.True(expected.SetEquals(batch), $"{config} batch: {Describe(expected, batch)}");
    }

    [Fact]
    public void ExpectedFiles_HaveTheDocumentedPairCounts()
    {
        // README: 250 pairs for d = 31 and 352 for d = 63.
        Assert.Equal(250, ReadExpected(31).Count);
        Assert.Equal(352, ReadExpected(63).Count);
    }

    private static string Describe(HashSet<(int, int, int)> expected, HashSet<(int, int, int)> actual) =>
        $"missing [{string.Join(", ", expected.Except(actual).Take(5))}], extra [{string.Join(", ", actual.Except(expected).Take(5))}]";

    private static Hash256[] ReadHashes(string file) =>
        [.. File.ReadLines(Path.Combine(RepoPaths.PdqConformance, "index", file))
            .Where(l => l.Length > 0)
            .Select(l => Hash256.Parse(l.Trim()))];

    private static HashSet<(int Needle, int Haystack, int Distance)> ReadExpected(int distance)
    {
        string path = Path.Combine(RepoPaths.PdqConformance, "index", $"expected-matches-d{distance}.csv");
        string[] lines = File.ReadAllLines(path);
        Assert.Equal("needle_line,haystack_line,hamming_distance", lines[0]);
        var set = new HashSet<(int, int, int)>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split(',');
            Assert.True(set.Add((int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture))));
        }
        return set;
    }
}
