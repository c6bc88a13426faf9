using Fingerprint.Hashing;

namespace Fingerprint.Tests.Hashing.Pdq;

/// <summary>
/// Hamming range search over conformance/pdq/index (haystack 1350 hashes, needles 100) by brute force with
/// <see cref="Hash256.DistanceTo"/>: the (needle, haystack, distance) set must equal the reference mih-query output
/// exactly (250 pairs at d = 31, 352 at d = 63; matches are distance &lt;= d).
/// </summary>
public class PdqIndexConformanceTests
{
    [Theory]
    [InlineData(31, 250)]
    [InlineData(63, 352)]
    public void BruteForce_ReproducesReferenceMatchSet(int radius, int expectedCount)
    {
        string dir = Path.Combine(PdqConformanceData.Root, "index");
        Hash256[] haystack = File.ReadAllLines(Path.Combine(dir, "haystack.txt")).Where(l => l.Length > 0).Select(Hash256.Parse).ToArray();
        Hash256[] needles = File.ReadAllLines(Path.Combine(dir, "needles.txt")).Where(l => l.Length > 0).Select(Hash256.Parse).ToArray();
        Assert.Equal(1350, haystack.Length);
        Assert.Equal(100, needles.Length);

        var expected = PdqConformanceData.ReadCsv(Path.Combine(dir, $"expected-matches-d{radius}.csv"))
            .Select(f => (Needle: int.Parse(f[0]), Haystack: int.Parse(f[1]), Distance: int.Parse(f[2])))
            .ToHashSet();
        var actual = new HashSet<(int Needle, int Haystack, int Distance)>();
        for (int n = 0; n < needles.Length; n++)
        {
            for (int h = 0; h < haystack.Length; h++)
            {
                int d = needles[n].DistanceTo(haystack[h]);
                if (d <= radius)
                    actual.Add((n, h, d));
            }
        }
        Assert.Equal(expectedCount, expected.Count);
        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));
    }
}
