using Fingerprint.Hashing.Classic;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Classic;

public class OpenCvDct32Tests
{
    [Fact]
    public void Forward2D_OpenCvGoldens_AreReproducedBitForBit()
    {
        // classic-dct32.txt: cv2.dct of two 32x32 blocks (OpenCV 4.6), printed with 9 significant digits, so each
        // float round-trips. Exact: every coefficient equal as a float.
        IReadOnlyList<ClassicGoldens.DctBlock> blocks = ClassicGoldens.LoadDctBlocks();
        Assert.Equal(2, blocks.Count);
        float[] scratch = new float[OpenCvDct32.ScratchLength];
        foreach (ClassicGoldens.DctBlock block in blocks)
        {
            float[] data = (float[])block.Input.Clone();
            OpenCvDct32.Forward2D(data, scratch);
            for (int i = 0; i < data.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(block.Output[i]) == BitConverter.SingleToInt32Bits(data[i]),
                    $"{block.Title}: coefficient ({i / 32}, {i % 32}) is {data[i]:R}, OpenCV gives {block.Output[i]:R}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(137)]
    [InlineData(255)]
    public void Forward2D_ConstantBlock_HasOnlyDcExactly(int value)
    {
        float[] data = Enumerable.Repeat((float)value, 32 * 32).ToArray();
        OpenCvDct32.Forward2D(data, new float[OpenCvDct32.ScratchLength]);
        Assert.Equal(32f * value, data[0], 32f * value * 1e-6f);
        for (int i = 1; i < data.Length; i++)
            Assert.Equal(0f, data[i]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Forward2D_AgreesWithTheOrthonormalDefinition(int seed)
    {
        // Sanity of the meaning, not of the rounding: X(u, v) = a(u) a(v) sum x(i, j) cos(pi (2i + 1) u / 64)
        // cos(pi (2j + 1) v / 64), a(0) = sqrt(1/32), a(k) = sqrt(2/32), in double. Float error of a 32-point FFT on
        // values up to 255 * 32: below 2e-3 in absolute terms.
        var rng = new SplitMix64((ulong)seed);
        float[] data = new float[32 * 32];
        for (int i = 0; i < data.Length; i++)
            data[i] = rng.NextInt(256);
        double[] expected = Reference(data);
        OpenCvDct32.Forward2D(data, new float[OpenCvDct32.ScratchLength]);
        for (int i = 0; i < data.Length; i++)
            Assert.True(Math.Abs(expected[i] - data[i]) < 2e-3, $"({i / 32}, {i % 32}): {data[i]} vs {expected[i]}");
    }

    private static double[] Reference(float[] x)
    {
        double[] result = new double[32 * 32];
        for (int u = 0; u < 32; u++)
        {
            for (int v = 0; v < 32; v++)
            {
                double sum = 0;
                for (int i = 0; i < 32; i++)
                {
                    for (int j = 0; j < 32; j++)
                        sum += x[i * 32 + j] * Math.Cos(Math.PI * (2 * i + 1) * u / 64) * Math.Cos(Math.PI * (2 * j + 1) * v / 64);
                }
                double au = u == 0 ? Math.Sqrt(1.0 / 32) : Math.Sqrt(2.0 / 32);
                double av = v == 0 ? Math.Sqrt(1.0 / 32) : Math.Sqrt(2.0 / 32);
                result[u * 32 + v] = au * av * sum;
            }
        }
        return result;
    }
}
