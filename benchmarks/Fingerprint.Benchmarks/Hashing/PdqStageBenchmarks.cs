using BenchmarkDotNet.Attributes;
using Fingerprint.Hashing;
using Fingerprint.Hashing.Pdq;
using Fingerprint.Imaging;

namespace Fingerprint.Benchmarks.Hashing;

/// <summary>
/// Each PDQ stage on its own (Hashing/Pdq/*): luma of the whole image, the streaming filter+decimation from a luma plane
/// (dispatched) against the reference's whole-plane scalar passes plus decimation, and the fixed-size 64x64 stages.
/// </summary>
[BenchmarkCategory("Hashing")]
public class PdqStageBenchmarks
{
    private byte[] _rgb = [];
    private int _width, _height;
    private float[] _luma = [], _plane1 = [], _plane2 = [];
    private readonly float[] _a64 = new float[64 * 64], _t = new float[16 * 64], _b = new float[256], _aux = new float[256];
    private readonly Hash256[] _hashes = new Hash256[8];
    private readonly JaroszFilter _filter = new();
    private PlaneLumaSource _source = new([], 0);

    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = "512x512";

    public static IEnumerable<string> Sizes => BenchmarkImages.Sizes;

    [GlobalSetup]
    public void Setup()
    {
        (_width, _height) = BenchmarkImages.Parse(Size);
        _rgb = BenchmarkImages.Rgb24(_width, _height);
        _luma = BenchmarkImages.Luma(_rgb, _width, _height);
        _plane1 = new float[_luma.Length];
        _plane2 = new float[_luma.Length];
        _source = new PlaneLumaSource(_luma, _width);
        _filter.Downsample(ref _source, _height, _width, _a64);
        Dct64To16.Compute(_a64, _t, _b);
    }

    [Benchmark]
    public float Luma()
    {
        Fingerprint.Hashing.Pdq.Luma.Fill(new ImageView(_rgb, _width, _height, PixelFormat.Rgb24), _plane1);
        return _plane1[0];
    }

    [Benchmark]
    public float Downsample_Streaming()
    {
        _filter.Downsample(ref _source, _height, _width, _a64);
        return _a64[0];
    }

    [Benchmark]
    public float Downsample_ScalarReference()
    {
        _luma.CopyTo(_plane1, 0);
        JaroszFilter.FilterScalar(_plane1, _plane2, _height, _width, JaroszFilter.WindowSize(_width), JaroszFilter.WindowSize(_height));
        Decimate.Apply(_plane1, _height, _width, _a64);
        return _a64[0];
    }

    [Benchmark]
    public int Quality64() => Quality.Compute(_a64);

    [Benchmark]
    public float Dct64To16_Dispatch()
    {
        Dct64To16.Compute(_a64, _t, _b);
        return _b[0];
    }

    [Benchmark]
    public Hash256 Quantize_Torben() => Quantize.ToHash(_b);

    [Benchmark]
    public Hash256 Dihedral_HashAll()
    {
        Dihedral.HashAll(_b, _aux, _hashes);
        return _hashes[7];
    }
}
