using BenchmarkDotNet.Attributes;
using Fingerprint.Hashing.Pdq;
using Fingerprint.Simd;

namespace Fingerprint.Benchmarks.Kernels;

/// <summary>The 64-to-16 DCT (both products) on a seeded 64x64 block: scalar against the dispatched path.</summary>
[BenchmarkCategory("Kernels")]
public class DctKernelsBenchmarks
{
    private readonly float[] _a = new float[64 * 64], _t = new float[16 * 64], _b = new float[256];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        for (int i = 0; i < _a.Length; i++)
            _a[i] = (float)(rng.NextDouble() * 255);
    }

    [Benchmark(Baseline = true)]
    public float Dct_Scalar()
    {
        DctKernels.ProjectRowsScalar(Dct64To16.Matrix, _a, _t);
        DctKernels.ProjectColumnsScalar(_t, Dct64To16.MatrixTransposed, _b);
        return _b[0];
    }

    [Benchmark]
    public float Dct_Dispatch()
    {
        DctKernels.ProjectRows(Dct64To16.Matrix, _a, _t);
        DctKernels.ProjectColumns(_t, Dct64To16.MatrixTransposed, _b);
        return _b[0];
    }
}
