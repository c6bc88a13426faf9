using Fingerprint.TestUtilities;
using Fingerprint.Video.Tmk;

namespace Fingerprint.Tests.Video.Tmk;

public class TmkParametersTests
{
    [Fact]
    public void Default_IsTheReferenceConfiguration()
    {
        TmkParameters p = TmkParameters.Default;

        Assert.Equal(15, p.FramesPerSecond);
        Assert.Equal([2731, 4391, 9767, 14653], p.Periods);
        Assert.Equal(32, p.FourierCoefficientCount);
        Assert.Equal(256, p.FrameFeatureDimension);
    }

    [Fact]
    public void PoullotFourierCoefficients_EqualThoseStoredInTheReferenceFiles()
    {
        // Bit-exact: the reference writes its tabulated floats into every .tmk file.
        foreach (string path in Directory.GetFiles(Path.Combine(RepoPaths.VideoConformance, "tmk-sample-hashes"), "*.tmk"))
        {
            byte[] file = File.ReadAllBytes(path);
            float[] stored = new float[32];
            for (int j = 0; j < 32; j++)
                stored[j] = BitConverter.ToSingle(file, 32 + 16 + 4 * j);
            Assert.Equal(stored, TmkParameters.PoullotFourierCoefficients.ToArray());
        }
    }

    [Fact]
    public void PoullotFourierCoefficients_AgreeWithTheBesselFormula()
    {
        // Independent evaluation of the formula in the reference's comment (tmkfv.cpp): beta = 32,
        // a_0 = (I_0(beta) - e^-beta) / (2 sinh beta), a_j = I_j(beta) / sinh beta, with the power series
        // I_n(x) = sum_k (x/2)^(2k+n) / (k! (k+n)!), summed in double. The table holds 12 significant digits rounded
        // to float, so each entry is within one float rounding (2^-24 relative) of the double value.
        const double beta = 32;
        double sinh = Math.Sinh(beta);
        ReadOnlySpan<float> table = TmkParameters.PoullotFourierCoefficients;
        for (int j = 0; j < 32; j++)
        {
            double a = j == 0 ? (BesselI(0, beta) - Math.Exp(-beta)) / (2 * sinh) : BesselI(j, beta) / sinh;
            Assert.True(Math.Abs(table[j] - a) <= a * Math.Pow(2, -24), $"a_{j}: table {table[j]:R}, formula {a:R}");
        }
    }

    [Fact]
    public void PairScoreNormalizer_IsA0PlusTwiceTheRest()
    {
        ReadOnlySpan<float> a = TmkParameters.PoullotFourierCoefficients;
        double expected = a[0];
        for (int j = 1; j < a.Length; j++)
            expected += 2.0 * a[j];

        Assert.Equal(expected, TmkParameters.Default.PairScoreNormalizer, 1e-6);
        Assert.Equal(1.0f, new TmkParameters(15, [], [], 256).PairScoreNormalizer);
    }

    [Theory]
    [InlineData(0, 10, 1.0f, 256)]
    [InlineData(15, 0, 1.0f, 256)]
    [InlineData(15, 10, -1.0f, 256)]
    [InlineData(15, 10, float.NaN, 256)]
    [InlineData(15, 10, 1.0f, 0)]
    public void Constructor_BadValue_Throws(int fps, int period, float coefficient, int dimension)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TmkParameters(fps, [period], [coefficient], dimension));
    }

    [Fact]
    public void Constructor_OverTheBounds_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TmkParameters(15, [TmkParameters.MaxPeriod + 1], [1f], 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TmkParameters(15, new int[TmkParameters.MaxPeriodCount + 1], [1f], 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TmkParameters(15, [10], new float[TmkParameters.MaxFourierCoefficientCount + 1], 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TmkParameters(15, [10], [1f], TmkParameters.MaxFrameFeatureDimension + 1));
    }

    [Fact]
    public void Equals_ComparesContents()
    {
        var a = new TmkParameters(15, [10, 20], [0.5f, 0.25f], 8);
        var b = new TmkParameters(15, [10, 20], [0.5f, 0.25f], 8);
        var c = new TmkParameters(15, [10, 21], [0.5f, 0.25f], 8);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }

    private static double BesselI(int n, double x)
    {
        double half = x / 2;
        double term = 1;
        for (int i = 1; i <= n; i++)
            term *= half / i;                 // (x/2)^n / n!
        double sum = term;
        for (int k = 1; k < 200; k++)
        {
            term *= half * half / (k * (double)(k + n));
            sum += term;
            if (term < sum * 1e-18)
                break;
        }
        return sum;
    }
}
