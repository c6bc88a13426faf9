using BenchmarkDotNet.Attributes;
using Fingerprint.Hashing;
using Fingerprint.Simd;

namespace Fingerprint.Benchmarks.Index;

/// <summary>
/// The flat-scan kernel paths on the same rows: 8 queries (a dihedral group) or 1, radius 31, over rows that fit the
/// caches (64 Ki rows = 2 MiB) and an odd size that exercises the tail. Compare with STYLE.md §3.6.
/// </summary>
[BenchmarkCategory("Kernels", "Index")]
public class HammingKernelsBenchmarks
{
    private Hash256[] _rows = [];
    private Hash256[] _queries = [];
    private HammingKernels.Hit[] _hits = [];

    [Params(1 << 16, (1 << 16) + 7)]
    public int Rows { get; set; }

    [Params(1, 8)]
    public int Queries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _rows = new Hash256[Rows];
        for (int i = 0; i < Rows; i++)
            _rows[i] = new Hash256((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
        _queries = new Hash256[Queries];
        for (int i = 0; i < Queries; i++)
            _queries[i] = _rows[random.Next(Rows)].FlipBit(i);   // every query matches at least one row
        _hits = new HammingKernels.Hit[1024];
    }

    [Benchmark(Baseline = true)]
    public int Scalar() => HammingKernels.FindWithinScalar(_queries, _rows, 31, _hits, out _);

    [Benchmark]
    public int EarlyExit() => HammingKernels.FindWithinEarlyExit(_queries, _rows, 31, _hits, out _);

    [Benchmark]
    public int Vector256() => HammingKernels.FindWithinVector256(_queries, _rows, 31, _hits, out _);

    [Benchmark]
    public int Vector512() => HammingKernels.FindWithinVector512(_queries, _rows, 31, _hits, out _);

    [Benchmark]
    public int Dispatch() => HammingKernels.FindWithin(_queries, _rows, 31, _hits, out _);
}
