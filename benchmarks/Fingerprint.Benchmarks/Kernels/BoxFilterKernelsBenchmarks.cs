using BenchmarkDotNet.Attributes;
using Fingerprint.Benchmarks.Hashing;
using Fingerprint.Hashing.Pdq;
using Fingerprint.Simd;

namespace Fingerprint.Benchmarks.Kernels;

/// <summary>
/// One box pass over a whole luma plane with PDQ's window for the size (ceil(n / 128)): scalar (the reference's
/// box1DFloat) against the dispatched path (lanes = rows for the row passes, lanes = columns for the column pass).
/// The reference spends 32-54 ns per pixel on its four such passes.
/// </summary>
[BenchmarkCategory("Kernels")]
public class BoxFilterKernelsBenchmarks
{
    private float[] _src = [], _dst = [], _scratch = [], _sums = [], _sampled = [];
    private int[] _sampleCols = [];
    private int _width, _height, _windowAlongRows, _windowAlongCols;

    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = "512x512";

    public static IEnumerable<string> Sizes => BenchmarkImages.Sizes;

    [GlobalSetup]
    public void Setup()
    {
        (_width, _height) = BenchmarkImages.Parse(Size);
        _src = BenchmarkImages.Luma(BenchmarkImages.Rgb24(_width, _height), _width, _height);
        _dst = new float[_src.Length];
        _windowAlongRows = JaroszFilter.WindowSize(_width);
        _windowAlongCols = JaroszFilter.WindowSize(_height);
        _scratch = new float[BoxFilterKernels.RowScratchLength(_width, _windowAlongRows, 64)];
        _sums = new float[_width];
        _sampled = new float[_height * 64];
        _sampleCols = new int[64];
        Decimate.ComputeIndices(_width, _sampleCols);
    }

    [Benchmark(Baseline = true)]
    public float BoxAlongRows_Scalar()
    {
        BoxFilterKernels.BoxAlongRowsScalar(_src, _width, _dst, _width, _height, _width, _windowAlongRows);
        return _dst[0];
    }

    [Benchmark]
    public float BoxAlongRows_Dispatch()
    {
        BoxFilterKernels.BoxAlongRows(_src, _width, _dst, _width, _height, _width, _windowAlongRows, _scratch);
        return _dst[0];
    }

    [Benchmark]
    public float BoxAlongColumns_Scalar()
    {
        BoxFilterKernels.BoxAlongColumnsScalar(_src, _width, _dst, _width, _height, _width, _windowAlongCols);
        return _dst[0];
    }

    [Benchmark]
    public float BoxAlongColumns_Dispatch()
    {
        BoxFilterKernels.BoxAlongColumns(_src, _width, _dst, _width, _height, _width, _windowAlongCols, _sums);
        return _dst[0];
    }

    [Benchmark]
    public float BoxAlongRowsSampled_Scalar()
    {
        BoxFilterKernels.BoxAlongRowsSampledScalar(_src, _width, _height, _width, _windowAlongRows, _sampleCols, _sampled, 64);
        return _sampled[0];
    }

    [Benchmark]
    public float BoxAlongRowsSampled_Dispatch()
    {
        BoxFilterKernels.BoxAlongRowsSampled(_src, _width, _height, _width, _windowAlongRows, _sampleCols, _sampled, 64, _scratch);
        return _sampled[0];
    }
}
