using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Fingerprint.Media;

namespace Fingerprint.Benchmarks.Decoding;

/// <summary>
/// JPEG decode cost per profile on 1, 3 and 12 MP photos-like images (ImageMagick plasma, seed 7, quality 85, 4:2:0),
/// made once in [GlobalSetup] with <c>convert</c>: the conformance decode (full size, RGB, accurate IDCT, fancy
/// upsampling), the fast profile pinned to its original settings (power-of-two DCT scale keeping the short side at least
/// 512, fast upsampling) to RGB and straight to grey, and the fast profile with whatever its current defaults are
/// (<see cref="DecodeOptions.Fast"/>: short side 768, grey since the fidelity measurement). The pinned ones keep their ids
/// meaning what their names say when the defaults change. The floor to compare with is <c>djpeg -scale 1/8</c>
/// (DESIGN.md §8).
/// </summary>
[BenchmarkCategory("Decoding")]
[MemoryDiagnoser]
public class JpegDecodeBenchmarks
{
    private ImageDecoder _decoder = null!;
    private byte[] _jpeg = [];
    private string _dir = "";

    [Params("1MP_1152x864", "3MP_2048x1536", "12MP_4032x3024")]
    public string Size { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        string[] wh = Size.Split('_')[1].Split('x');
        _dir = Path.Combine(Path.GetTempPath(), "fp-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "bench.jpg");
        var psi = new ProcessStartInfo("convert") { UseShellExecute = false };
        foreach (string a in new[] { "-seed", "7", "-size", $"{wh[0]}x{wh[1]}", "plasma:fractal", "-quality", "85", "-sampling-factor", "2x2", file })
            psi.ArgumentList.Add(a);
        using (Process p = Process.Start(psi)!)
        {
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new InvalidOperationException("convert failed; install imagemagick");
        }
        _jpeg = File.ReadAllBytes(file);
        _decoder = new ImageDecoder();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _decoder.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int FullRes()
    {
        using DecodedImage image = _decoder.Decode(_jpeg, DecodeOptions.Reference);
        return image.Pixels.Length;
    }

    [Benchmark]
    public int FastScaledRgb()
    {
        using DecodedImage image = _decoder.Decode(_jpeg, s_fastRgb);
        return image.Pixels.Length;
    }

    [Benchmark]
    public int FastScaledGray()
    {
        using DecodedImage image = _decoder.Decode(_jpeg, s_fastGray);
        return image.Pixels.Length;
    }

    [Benchmark]
    public int FastDefaults()
    {
        using DecodedImage image = _decoder.Decode(_jpeg, DecodeOptions.Fast);
        return image.Pixels.Length;
    }

    // The fast profile as these ids were first measured (every option written out, none left to the defaults).
    private static readonly DecodeOptions s_fastRgb = DecodeOptions.Fast with
    {
        PreferGray = false, FastMinShortSide = 512, FastPowerOfTwoScalesOnly = true, FastUpsample = true, FastDct = false,
    };

    private static readonly DecodeOptions s_fastGray = s_fastRgb with { PreferGray = true, IgnoreExif = true };
}
