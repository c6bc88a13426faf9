using Fingerprint.Imaging;

namespace Fingerprint.Harness;

/// <summary>
/// Seeded photo-like test images (no decoding): per channel, three horizontal and three vertical waves of random
/// frequency, phase and amplitude, plus uniform noise of +-12 levels, from <see cref="SplitMix64"/>. Same seed and
/// size, same bytes.
/// </summary>
internal static class SyntheticImage
{
    private const int Waves = 3;

    public static PixelBuffer Create(ulong seed, int width, int height, PixelFormat format)
    {
        var rng = new SplitMix64(seed);
        int channels = format.BytesPerPixel();
        double[][] columns = Enumerable.Range(0, channels).Select(_ => Profile(rng, width)).ToArray();
        double[][] rows = Enumerable.Range(0, channels).Select(_ => Profile(rng, height)).ToArray();
        var buffer = new PixelBuffer(width, height, format);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = buffer.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double v = 128 + columns[c][x] + rows[c][y] + rng.NextInt(25) - 12;
                    row[x * channels + c] = (byte)Math.Clamp((int)v, 0, 255);
                }
            }
        }
        return buffer;
    }

    /// <summary>Sum of <see cref="Waves"/> sine waves over <paramref name="length"/> samples (1-6 periods, amplitude 8-24 each).</summary>
    private static double[] Profile(SplitMix64 rng, int length)
    {
        var p = new double[length];
        for (int k = 0; k < Waves; k++)
        {
            double periods = rng.NextDouble(1, 6), phase = rng.NextDouble(0, 2 * Math.PI), amp = rng.NextDouble(8, 24);
            for (int i = 0; i < length; i++)
                p[i] += amp * Math.Sin(2 * Math.PI * periods * i / length + phase);
        }
        return p;
    }
}
