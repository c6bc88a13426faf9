using Fingerprint.Hashing.Pdq;

namespace Fingerprint.Tests.Hashing.Pdq;

public class QualityTests
{
    private static float[] Step(float left, float right)
    {
        var a = new float[64 * 64];
        for (int i = 0; i < 64; i++)
            for (int j = 0; j < 64; j++)
                a[i * 64 + j] = j < 32 ? left : right;
        return a;
    }

    [Fact]
    public void Flat_IsZero() => Assert.Equal(0, Quality.Compute(Step(77f, 77f)));

    [Fact]
    public void FullStepEdge_Is71()
    {
        // 64 rows x one horizontal difference |(0 - 255) * 100 / 255| = 100: sum 6400, 6400 / 90 = 71.
        Assert.Equal(71, Quality.Compute(Step(0f, 255f)));
    }

    [Fact]
    public void SmallSteps_AreTruncatedPerTerm()
    {
        // |(0 - 10) * 100 / 255| = 3.92 -> 3 per row: 64 * 3 = 192, / 90 = 2.
        Assert.Equal(2, Quality.Compute(Step(0f, 10f)));
        // 2.5 * 100 / 255 = 0.98 -> 0: no gradient counts at all.
        Assert.Equal(0, Quality.Compute(Step(0f, 2.5f)));
    }

    [Fact]
    public void Checkerboard_IsCappedAt100()
    {
        var a = new float[64 * 64];
        for (int i = 0; i < 64; i++)
            for (int j = 0; j < 64; j++)
                a[i * 64 + j] = ((i + j) & 1) * 255f;
        Assert.Equal(100, Quality.Compute(a));
    }
}
