using BenchmarkDotNet.Attributes;
using Fingerprint.Benchmarks.Hashing;
using Fingerprint.Simd;

namespace Fingerprint.Benchmarks.Kernels;

/// <summary>Rgb24 to float luma over a whole image, row by row: scalar against the dispatched path.</summary>
[BenchmarkCategory("Kernels")]
public class LumaKernelsBenchmarks
{
    private byte[] _rgb = [];
    private float[] _luma = [];
    private int _width, _height;

    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = "512x512";

    public static IEnumerable<string> Sizes => BenchmarkImages.Sizes;

    [GlobalSetup]
    public void Setup()
    {
        (_width, _height) = BenchmarkImages.Parse(Size);
        _rgb = BenchmarkImages.Rgb24(_width, _height);
        _luma = new float[_width * _height];
    }

    [Benchmark(Baseline = true)]
    public float FromRgb24_Scalar()
    {
        for (int y = 0; y < _height; y++)
            LumaKernels.FromRgb24Scalar(_rgb.AsSpan(y * _width * 3, _width * 3), _luma.AsSpan(y * _width, _width));
        return _luma[0];
    }

    [Benchmark]
    public float FromRgb24_Dispatch()
    {
        for (int y = 0; y < _height; y++)
            LumaKernels.FromRgb24(_rgb.AsSpan(y * _width * 3, _width * 3), _luma.AsSpan(y * _width, _width));
        return _luma[0];
    }
}
