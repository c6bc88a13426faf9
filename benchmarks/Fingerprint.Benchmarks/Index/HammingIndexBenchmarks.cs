using BenchmarkDotNet.Attributes;
using Fingerprint.Hashing;
using Fingerprint.Index;

namespace Fingerprint.Benchmarks.Index;

/// <summary>
/// One radius-31 query (plain and dihedral) and one nearest-neighbour query against a random bank, flat versus
/// multi-index. Bank-scale end-to-end runs (1M/10M rows, faiss side by side) live in benchmarks/peers/index_bench.sh.
/// </summary>
[BenchmarkCategory("Index")]
public class HammingIndexBenchmarks
{
    private HammingIndex _index = null!;
    private Hash256[] _queries = [];
    private readonly List<IndexMatch> _results = new(1024);
    private int _next;

    [Params(100_003, 1_000_003)]
    public int Rows { get; set; }

    [Params(HammingIndexStrategy.Flat, HammingIndexStrategy.MultiIndex)]
    public HammingIndexStrategy Strategy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var rows = new Hash256[Rows];
        for (int i = 0; i < Rows; i++)
            rows[i] = new Hash256((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
        _index = HammingIndex.Create(rows, new HammingIndexOptions { Strategy = Strategy });
        _queries = new Hash256[8 * 64];
        for (int i = 0; i < _queries.Length; i++)
            _queries[i] = i % 2 == 0 ? rows[random.Next(Rows)].FlipBit(i % 256) : rows[random.Next(Rows)] ^ new Hash256(ulong.MaxValue, 0, 0, 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark]
    public int Search()
    {
        _results.Clear();
        _index.Search(_queries[_next++ & 511], HammingIndex.DefaultMaxDistance, _results);
        return _results.Count;
    }

    [Benchmark]
    public int SearchDihedral()
    {
        _results.Clear();
        _index.SearchDihedral(_queries.AsSpan((_next++ & 63) * 8, 8), HammingIndex.DefaultMaxDistance, _results);
        return _results.Count;
    }

    [Benchmark]
    public int Nearest()
    {
        _results.Clear();
        _index.Nearest(_queries[_next++ & 511], 1, _results);
        return _results.Count;
    }
}
