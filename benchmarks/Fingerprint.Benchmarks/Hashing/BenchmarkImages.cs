using Fingerprint.Imaging;

namespace Fingerprint.Benchmarks.Hashing;

/// <summary>Seeded synthetic RGB images for the PDQ benchmarks (fixed seed 42: the same pixels every run).</summary>
public static class BenchmarkImages
{
    /// <summary>The sizes every PDQ benchmark runs: the cli512 working size, a 1.6 MP photo (the reference's 75.6 ms
    /// case, DESIGN.md §8) and a 12 MP phone photo.</summary>
    public static readonly string[] Sizes = ["512x512", "1600x1004", "4000x3000"];

    public static (int Width, int Height) Parse(string size)
    {
        string[] parts = size.Split('x');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Smooth waves plus noise, tightly packed Rgb24.</summary>
    public static byte[] Rgb24(int width, int height, int seed = 42)
    {
        var rng = new Random(seed);
        var pixels = new byte[width * height * 3];
        double fx = 2 * Math.PI * (3 + rng.Next(9)) / width, fy = 2 * Math.PI * (3 + rng.Next(9)) / height;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int o = (y * width + x) * 3;
                double v = Math.Sin(fx * x) * Math.Cos(fy * y);
                pixels[o] = (byte)Math.Clamp(128 + 80 * v + rng.Next(-20, 21), 0, 255);
                pixels[o + 1] = (byte)Math.Clamp(128 - 60 * v + rng.Next(-20, 21), 0, 255);
                pixels[o + 2] = (byte)Math.Clamp(100 + 40 * v + rng.Next(-20, 21), 0, 255);
            }
        }
        return pixels;
    }

    /// <summary>The float luma plane of <see cref="Rgb24"/>.</summary>
    public static float[] Luma(byte[] rgb, int width, int height)
    {
        var plane = new float[width * height];
        Fingerprint.Hashing.Pdq.Luma.Fill(new ImageView(rgb, width, height, PixelFormat.Rgb24), plane);
        return plane;
    }
}
