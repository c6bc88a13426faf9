using Fingerprint.Hashing;
using Fingerprint.Hashing.Pdq;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Pdq;

public class QuantizeTests
{
    public static TheoryData<int> Seeds() => new() { 1, 2, 3, 4, 5, 17, 99, 2024, 65537 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TorbenMedian_Of256_IsLowerMedian(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        var values = new float[256];
        for (int i = 0; i < 256; i++)
        {
            values[i] = seed % 3 switch
            {
                0 => rng.NextInt(-5, 6),                                   // many ties
                1 => (float)((rng.NextDouble() - 0.5) * 1e4),
                _ => i < 200 ? 7f : (float)rng.NextDouble(),              // a long run of equal values
            };
        }
        float[] sorted = values.Order().ToArray();
        Assert.Equal(sorted[127], Quantize.TorbenMedian(values));          // SPEC.md §1.5: the 128th smallest
    }

    [Fact]
    public void TorbenMedian_OddCount_IsMiddle() => Assert.Equal(3f, Quantize.TorbenMedian([5f, 1f, 3f, 4f, 2f]));

    [Fact]
    public void ToHash_RampCoefficients_SetsUpperHalfOfBits()
    {
        // b[k] = k: median 127, so bits 128..255 (b[k] > 127) are set: the 32 most significant hex digits are f.
        float[] b = Enumerable.Range(0, 256).Select(k => (float)k).ToArray();
        Assert.Equal(new string('f', 32) + new string('0', 32), Quantize.ToHash(b).ToString());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ToHash_SetsExactlyTheBitsAboveMedian(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        float[] b = Enumerable.Range(0, 256).Select(_ => (float)((rng.NextDouble() - 0.5) * 100)).ToArray();
        float median = b.Order().ElementAt(127);
        Hash256 hash = Quantize.ToHash(b);
        for (int k = 0; k < 256; k++)
            Assert.Equal(b[k] > median, hash.GetBit(k));
        Assert.Equal(128, hash.PopCount);
    }

    [Fact]
    public void ToHash_WrongLength_Throws() => Assert.Throws<ArgumentException>(() => Quantize.ToHash(new float[255]));
}
