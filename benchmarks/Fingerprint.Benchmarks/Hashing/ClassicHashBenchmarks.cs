using BenchmarkDotNet.Attributes;
using Fingerprint.Hashing;
using Fingerprint.Hashing.Classic;
using Fingerprint.Imaging;

namespace Fingerprint.Benchmarks.Hashing;

/// <summary>
/// The classic 64-bit hashes on seeded RGB images. OpenCV's INTER_LINEAR_EXACT reads only the source pixels next to
/// each grid sample, so the cost should not grow with the image (compare the two sizes); pHash adds a 32x32 float DCT.
/// Peer for the ratio: python3-opencv's <c>cv2.img_hash.AverageHash_create().compute</c> / <c>PHash_create</c> on the
/// same pixels (not run here).
/// </summary>
[BenchmarkCategory("Hashing")]
public class ClassicHashBenchmarks
{
    private byte[] _pixels = [];
    private int _width;
    private int _height;
    private readonly ClassicHasher _hasher = new();

    [Params("512x512", "1600x1004")]
    public string Size { get; set; } = "512x512";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Size.Split('x');
        _width = int.Parse(parts[0]);
        _height = int.Parse(parts[1]);
        _pixels = new byte[_width * _height * 3];
        var rng = new SplitMix64(0xC1A55_1C0DEUL); // fixed seed
        for (int i = 0; i < _pixels.Length; i++)
            _pixels[i] = (byte)rng.NextUInt64();
    }

    [Benchmark]
    public Hash64 AHash() => _hasher.AverageHash(new ImageView(_pixels, _width, _height, PixelFormat.Rgb24));

    [Benchmark]
    public Hash64 DHash() => _hasher.DifferenceHash(new ImageView(_pixels, _width, _height, PixelFormat.Rgb24));

    [Benchmark]
    public Hash64 PHash() => _hasher.PerceptualHash(new ImageView(_pixels, _width, _height, PixelFormat.Rgb24));
}
