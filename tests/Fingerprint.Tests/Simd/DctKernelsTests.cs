using Fingerprint.Hashing.Pdq;
using Fingerprint.Simd;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Simd;

public class DctKernelsTests
{
    private delegate void Product(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20240601)]
    public void ProjectRowsAndColumns_EveryPath_MatchesScalar(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        var a = new float[64 * 64];
        for (int i = 0; i < a.Length; i++)
            a[i] = (float)(rng.NextDouble() * 255);
        var expectedT = new float[16 * 64];
        DctKernels.ProjectRowsScalar(Dct64To16.Matrix, a, expectedT);
        var expectedB = new float[256];
        DctKernels.ProjectColumnsScalar(expectedT, Dct64To16.MatrixTransposed, expectedB);

        (string, Product, Product)[] paths =
        [
            ("Vector128", DctKernels.ProjectRowsVector128, DctKernels.ProjectColumnsVector128),
            ("Vector256", DctKernels.ProjectRowsVector256, DctKernels.ProjectColumnsVector256),
            ("Vector512", DctKernels.ProjectRowsVector512, DctKernels.ProjectColumnsVector512),
            ("Dispatch", DctKernels.ProjectRows, DctKernels.ProjectColumns),
        ];
        foreach ((string name, Product rows, Product columns) in paths)
        {
            var t = new float[16 * 64];
            rows(Dct64To16.Matrix, a, t);
            Assert.True(expectedT.AsSpan().SequenceEqual(t), $"{name} rows");
            var b = new float[256];
            columns(expectedT, Dct64To16.MatrixTransposed, b);
            Assert.True(expectedB.AsSpan().SequenceEqual(b), $"{name} columns");
        }
    }

    [Fact]
    public void Project_ShortBuffers_Throw()
    {
        Assert.Throws<ArgumentException>(() => DctKernels.ProjectRows(Dct64To16.Matrix, new float[4095], new float[1024]));
        Assert.Throws<ArgumentException>(() => DctKernels.ProjectColumns(new float[1024], Dct64To16.MatrixTransposed, new float[255]));
    }
}
