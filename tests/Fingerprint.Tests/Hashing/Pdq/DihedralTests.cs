using Fingerprint.Hashing;
using Fingerprint.Hashing.Pdq;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Pdq;

public class DihedralTests
{
    private static float[] RandomDct(ulong seed)
    {
        var rng = new SplitMix64(seed);
        return Enumerable.Range(0, 256).Select(_ => (float)(rng.NextDouble() * 200 - 100)).ToArray();
    }

    private static float[] Apply(DihedralVariant v, float[] a)
    {
        var b = new float[256];
        Dihedral.Transform(v, a, b);
        return b;
    }

    [Theory]
    [InlineData(DihedralVariant.Rot90, DihedralVariant.Rot90, DihedralVariant.Rot180)]
    [InlineData(DihedralVariant.Rot90, DihedralVariant.Rot180, DihedralVariant.Rot270)]
    [InlineData(DihedralVariant.Rot270, DihedralVariant.Rot90, DihedralVariant.Orig)]
    [InlineData(DihedralVariant.FlipX, DihedralVariant.FlipY, DihedralVariant.Rot180)]
    [InlineData(DihedralVariant.FlipP, DihedralVariant.FlipM, DihedralVariant.Rot180)]
    [InlineData(DihedralVariant.FlipX, DihedralVariant.FlipX, DihedralVariant.Orig)]
    [InlineData(DihedralVariant.FlipP, DihedralVariant.FlipP, DihedralVariant.Orig)]
    [InlineData(DihedralVariant.FlipM, DihedralVariant.FlipM, DihedralVariant.Orig)]
    public void Transforms_ComposeAsTheDihedralGroup(DihedralVariant first, DihedralVariant second, DihedralVariant composed)
    {
        float[] a = RandomDct(42);
        Assert.Equal(Apply(composed, a), Apply(second, Apply(first, a)));
    }

    [Fact]
    public void Transform_FollowsSpecTable()
    {
        // SPEC.md §1.6, 0-based: an odd index is an even frequency and keeps its sign.
        float[] a = RandomDct(7);
        Assert.Equal(-a[0 * 16 + 2], Apply(DihedralVariant.Rot90, a)[2 * 16 + 0]);      // j = 2 even: negated, transposed
        Assert.Equal(a[0 * 16 + 3], Apply(DihedralVariant.Rot90, a)[3 * 16 + 0]);       // j = 3 odd: kept
        Assert.Equal(-a[1 * 16 + 2], Apply(DihedralVariant.Rot180, a)[1 * 16 + 2]);     // i + j odd: negated
        Assert.Equal(-a[2 * 16 + 5], Apply(DihedralVariant.Rot270, a)[5 * 16 + 2]);     // i = 2 even: negated
        Assert.Equal(-a[4 * 16 + 1], Apply(DihedralVariant.FlipX, a)[4 * 16 + 1]);      // i even: negated
        Assert.Equal(a[4 * 16 + 1], Apply(DihedralVariant.FlipY, a)[4 * 16 + 1]);       // j odd: kept
        Assert.Equal(a[4 * 16 + 9], Apply(DihedralVariant.FlipP, a)[9 * 16 + 4]);
        Assert.Equal(-a[4 * 16 + 9], Apply(DihedralVariant.FlipM, a)[9 * 16 + 4]);      // i + j odd: negated
    }

    [Fact]
    public void HashAll_ThresholdsEachVariantAtItsOwnMedian()
    {
        float[] a = RandomDct(9);
        var hashes = new Hash256[8];
        Dihedral.HashAll(a, new float[256], hashes);
        for (int v = 0; v < 8; v++)
            Assert.Equal(Quantize.ToHash(Apply((DihedralVariant)v, a)), hashes[v]);
    }
}
