using Fingerprint.Hashing;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing;

public class Hash256Tests
{
    // A hash quoted by the reference (pdq/README.md, bridge-mods/aaa-orig.jpg via pdq-photo-hasher).
    private const string ReferenceHex = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

    public static TheoryData<int> Seeds() => new() { 1, 2, 3, 17, 2024, 99991 };

    [Fact]
    public void Parse_ReferenceText_RoundTrips()
    {
        Hash256 h = Hash256.Parse(ReferenceHex);
        Assert.Equal(ReferenceHex, h.ToString());
    }

    [Fact]
    public void Parse_UpperCase_FormatsLowerCase()
    {
        Hash256 h = Hash256.Parse(ReferenceHex.ToUpperInvariant());
        Assert.Equal(ReferenceHex, h.ToString());
    }

    [Theory]
    [InlineData("", "got 0 characters")]
    [InlineData("abc", "got 3 characters")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b2", "got 63 characters")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b223", "got 65 characters")]
    [InlineData("x8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22", "'x' at position 1")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b2g", "'g' at position 64")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0 36e2ed596621e1d33e6339c4e9c9b22", "position 33")]
    public void Parse_Invalid_ThrowsNamingTheProblem(string text, string expectedFragment)
    {
        FormatException ex = Assert.Throws<FormatException>(() => Hash256.Parse(text));
        Assert.Contains(expectedFragment, ex.Message, StringComparison.Ordinal);
        Assert.False(Hash256.TryParse(text, out _));
    }

    [Fact]
    public void Bit_k_IsHexDigit_63_Minus_kOver4()
    {
        for (int k = 0; k < 256; k++)
        {
            string hex = Hash256.Zero.FlipBit(k).ToString();
            int digit = 63 - k / 4;
            for (int i = 0; i < 64; i++)
            {
                char expected = i == digit ? "1248"[k % 4] : '0';
                Assert.Equal(expected, hex[i]);
            }
        }
    }

    [Fact]
    public void Bytes_AreBigEndianNumber()
    {
        for (int k = 0; k < 256; k++)
        {
            byte[] bytes = Hash256.Zero.FlipBit(k).ToBytes();
            for (int i = 0; i < 32; i++)
                Assert.Equal(i == 31 - k / 8 ? (byte)(1 << (k % 8)) : (byte)0, bytes[i]);
            Assert.Equal(Hash256.Zero.FlipBit(k), Hash256.FromBytes(bytes));
        }
    }

    [Fact]
    public void Distance_SingleBitFlip_IsOne()
    {
        for (int bit = 0; bit < 256; bit++)
            Assert.Equal(1, Hash256.Zero.DistanceTo(Hash256.Zero.FlipBit(bit)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Distance_Properties_Hold(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        for (int n = 0; n < 200; n++)
        {
            Hash256 a = SyntheticHashes.Random(rng), b = SyntheticHashes.Random(rng), c = SyntheticHashes.Random(rng);
            Assert.Equal(0, a.DistanceTo(a));
            Assert.Equal(a.DistanceTo(b), b.DistanceTo(a));
            Assert.Equal(256, a.DistanceTo(~a));
            Assert.True(a.DistanceTo(c) <= a.DistanceTo(b) + b.DistanceTo(c));
            Assert.Equal((a ^ b).PopCount, a.DistanceTo(b));
            int slow = 0;
            for (int k = 0; k < 256; k++)
                slow += a.GetBit(k) != b.GetBit(k) ? 1 : 0;
            Assert.Equal(slow, a.DistanceTo(b));
            Assert.Equal(a, Hash256.Parse(a.ToString()));
        }
    }

    [Fact]
    public void TryFormat_ShortDestination_ReturnsFalse()
    {
        Span<char> small = stackalloc char[63];
        Assert.False(Hash256.Parse(ReferenceHex).TryFormat(small, out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Hash64_RoundTripsAndMeasures()
    {
        Hash64 h = Hash64.Parse("8000000000000001");
        Assert.True(h.GetBit(63));
        Assert.True(h.GetBit(0));
        Assert.Equal("8000000000000001", h.ToString());
        Assert.Equal(2, h.DistanceTo(new Hash64(0)));
        Assert.Contains("position 2", Assert.Throws<FormatException>(() => Hash64.Parse("0z00000000000000")).Message, StringComparison.Ordinal);
    }
}
