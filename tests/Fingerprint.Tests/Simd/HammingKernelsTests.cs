using Fingerprint.Hashing;
using Fingerprint.Simd;
using Fingerprint.TestUtilities;
using Hit = Fingerprint.Simd.HammingKernels.Hit;

namespace Fingerprint.Tests.Simd;

public class HammingKernelsTests
{
    private delegate int Kernel(ReadOnlySpan<Hash256> queries, ReadOnlySpan<Hash256> rows, int maxDistance, Span<Hit> hits, out int hitCount);

    private static readonly (string Name, Kernel Run)[] s_paths =
    [
        ("EarlyExit", HammingKernels.FindWithinEarlyExit),
        ("Vector256", HammingKernels.FindWithinVector256),   // emulated where not accelerated
        ("Vector512", HammingKernels.FindWithinVector512),   // emulated on AVX2-only hosts
        ("Dispatch", HammingKernels.FindWithin),             // whatever this host dispatches to
    ];

    // 0..67 rows: empty, shorter than any unroll, odd tails; queries 1..8: every lane mask.
    public static TheoryData<int, int> LengthsAndQueries()
    {
        var data = new TheoryData<int, int>();
        for (int n = 0; n <= 67; n++)
            data.Add(n, 1 + n % 8);
        foreach (int n in new[] { 255, 1000, 4099 })
        {
            for (int q = 1; q <= 8; q++)
                data.Add(n, q);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LengthsAndQueries))]
    public void FindWithin_EveryPath_MatchesScalarReference(int length, int queryCount)
    {
        var rng = new SplitMix64((ulong)(20240601 + length * 31 + queryCount));
        Hash256[] queries = SyntheticHashes.Random(rng, queryCount);
        Hash256[] rows = RowsNear(rng, queries, length);
        foreach (int radius in new[] { 0, 1, 12, 31, 63, 64, 100, 128, 200, 256 })
        {
            Hit[] expected = RunAll(HammingKernels.FindWithinScalar, queries, rows, radius, 512);
            foreach ((string name, Kernel run) in s_paths)
                Assert.True(expected.SequenceEqual(RunAll(run, queries, rows, radius, 512)), $"{name} differs at r={radius}");
        }
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(9, 3)]
    [InlineData(16, 8)]
    [InlineData(23, 5)]
    public void FindWithin_SmallHitBuffer_EveryPathStopsAtTheSameRow(int bufferSize, int queryCount)
    {
        var rng = new SplitMix64((ulong)(777 + bufferSize));
        Hash256[] queries = SyntheticHashes.Random(rng, queryCount);
        Hash256[] rows = RowsNear(rng, queries, 301);
        var expectedHits = new Hit[bufferSize];
        int expectedRows = HammingKernels.FindWithinScalar(queries, rows, 256, expectedHits, out int expectedCount);
        Assert.True(expectedRows < rows.Length, "radius 256 must fill the buffer");
        Assert.True(expectedCount > bufferSize - queryCount);
        foreach ((string name, Kernel run) in s_paths)
        {
            var hits = new Hit[bufferSize];
            int consumed = run(queries, rows, 256, hits, out int count);
            Assert.True(consumed == expectedRows && count == expectedCount, $"{name}: {consumed} rows/{count} hits, expected {expectedRows}/{expectedCount}");
            Assert.Equal(expectedHits.AsSpan(0, count).ToArray(), hits.AsSpan(0, count).ToArray());
        }
    }

    [Fact]
    public void FindWithin_SingleBitFlips_ReportDistanceOne()
    {
        Hash256 query = Hash256.Parse("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22");
        var rows = new Hash256[256];
        for (int bit = 0; bit < 256; bit++)
            rows[bit] = query.FlipBit(bit);
        foreach ((string name, Kernel run) in s_paths.Prepend(("Scalar", HammingKernels.FindWithinScalar)))
        {
            Hit[] hits = RunAll(run, [query], rows, 1, 64);
            Assert.True(hits.Length == 256, name);
            for (int i = 0; i < 256; i++)
                Assert.Equal(new Hit(i, 0, 1), hits[i]);
            Assert.Empty(RunAll(run, [query], rows, 0, 64));
        }
    }

    [Fact]
    public void FindWithin_ComplementAtRadius256_ReportsDistance256()
    {
        Hash256 a = new(0x0123456789abcdefUL, 0xfedcba9876543210UL, 0x5555aaaa5555aaaaUL, 0xdeadbeefcafef00dUL);
        foreach ((string name, Kernel run) in s_paths.Prepend(("Scalar", HammingKernels.FindWithinScalar)))
        {
            Assert.True(RunAll(run, [a], [~a], 255, 64).Length == 0, name);
            Assert.Equal([new Hit(0, 0, 256)], RunAll(run, [a], [~a], 256, 64));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void FindWithin_BadQueryCount_Throws(int queryCount)
    {
        var queries = new Hash256[queryCount];
        var hits = new Hit[16];
        Assert.Throws<ArgumentOutOfRangeException>(() => HammingKernels.FindWithin(queries, [], 31, hits, out _));
    }

    [Fact]
    public void FindWithin_BadRadiusOrBuffer_Throws()
    {
        var hits = new Hit[16];
        Assert.Throws<ArgumentOutOfRangeException>(() => HammingKernels.FindWithin(new Hash256[1], [], 257, hits, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => HammingKernels.FindWithin(new Hash256[1], [], -1, hits, out _));
        Assert.Throws<ArgumentException>(() => HammingKernels.FindWithin(new Hash256[1], [], 31, new Hit[7], out _));
    }

    /// <summary>Rows at every distance from the queries: copies with 0..256 flipped bits, and random rows.</summary>
    private static Hash256[] RowsNear(SplitMix64 rng, Hash256[] queries, int length)
    {
        var rows = new Hash256[length];
        for (int i = 0; i < length; i++)
        {
            rows[i] = (i % 3) switch
            {
                0 => SyntheticHashes.Random(rng),
                1 => SyntheticHashes.FlipRandomBits(rng, queries[rng.NextInt(queries.Length)], rng.NextInt(40)),
                _ => SyntheticHashes.FlipRandomBits(rng, queries[rng.NextInt(queries.Length)], rng.NextInt(257)),
            };
        }
        return rows;
    }

    /// <summary>Runs a kernel to the end of the rows, draining its buffer between calls, and returns all hits (absolute rows).</summary>
    private static Hit[] RunAll(Kernel kernel, Hash256[] queries, Hash256[] rows, int radius, int bufferSize)
    {
        var all = new List<Hit>();
        var hits = new Hit[bufferSize];
        int position = 0;
        do
        {
            int consumed = kernel(queries, rows.AsSpan(position), radius, hits, out int count);
            for (int i = 0; i < count; i++)
                all.Add(hits[i] with { Row = hits[i].Row + position });
            position += consumed;
        }
        while (position < rows.Length);
        return [.. all];
    }
}
