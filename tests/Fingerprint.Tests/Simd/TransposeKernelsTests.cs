using Fingerprint.Simd;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Simd;

public class TransposeKernelsTests
{
    private delegate void Transpose(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rows, int cols);

    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        for (int r = 0; r <= 20; r++)
            data.Add(r, (r * 7 + 3) % 21);
        data.Add(8, 1601);
        data.Add(16, 1003);
        data.Add(4, 37);
        data.Add(1001, 16);
        data.Add(37, 4);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Transpose_EveryPath_MatchesDefinition(int rows, int cols)
    {
        var rng = new SplitMix64((ulong)(rows * 1000 + cols));
        int srcStride = cols + rng.NextInt(3), dstStride = rows + rng.NextInt(3);
        var src = new float[Math.Max(0, (rows - 1) * srcStride + cols)];
        for (int i = 0; i < src.Length; i++)
            src[i] = (float)rng.NextDouble();
        (string, Transpose)[] paths =
        [
            ("Scalar", TransposeKernels.TransposeScalar),
            ("Vector128", TransposeKernels.TransposeVector128),
            ("Vector256", TransposeKernels.TransposeVector256),
            ("Dispatch", TransposeKernels.Transpose),
        ];
        foreach ((string name, Transpose transpose) in paths)
        {
            var dst = new float[Math.Max(0, (cols - 1) * dstStride + rows)];
            transpose(src, srcStride, dst, dstStride, rows, cols);
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    Assert.True(src[r * srcStride + c] == dst[c * dstStride + r], $"{name}: ({r}, {c})");
        }
    }

    [Fact]
    public void Transpose_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => TransposeKernels.Transpose(new float[12], 4, new float[11], 3, 3, 4));
        Assert.Throws<ArgumentException>(() => TransposeKernels.Transpose(new float[11], 4, new float[12], 3, 3, 4));
    }
}
