using Fingerprint.TestUtilities;
using Fingerprint.Video.Tmk;

namespace Fingerprint.Tests.Video.Tmk;

public class TmkAccumulatorTests
{
    // Small periods and coefficients keep the synthetic videos short; the arithmetic is the same as with the defaults.
    private static readonly TmkParameters s_small = new(15, [37, 53, 101], TmkParameters.PoullotFourierCoefficients[..12], 64);

    [Theory]
    [InlineData(1UL, 1)]
    [InlineData(2UL, 40)]
    [InlineData(3UL, 211)]
    public void Finish_RandomFeatures_AgreesWithADirectDoubleEvaluation(ulong seed, int frames)
    {
        // Independent evaluation of SPEC.md §3.2 in double: the reference's float rounding makes it differ in the
        // last bits only, so a relative tolerance of 1e-5 is ample (float has 2^-24 = 6e-8 per operation).
        float[][] features = RandomFeatures(new SplitMix64(seed), frames, s_small.FrameFeatureDimension);
        var accumulator = new TmkAccumulator(s_small);
        foreach (float[] f in features)
            accumulator.Add(f);

        TmkFeatures actual = accumulator.Finish();
        (double[] pure, double[,,] cos, double[,,] sin) = DirectEvaluation(s_small, features);

        Assert.Equal(frames, actual.FrameFeatureCount);
        AssertClose(pure, actual.PureAverage);
        for (int i = 0; i < s_small.PeriodCount; i++)
        {
            for (int j = 0; j < s_small.FourierCoefficientCount; j++)
            {
                AssertClose(Row(cos, i, j), actual.GetCos(i, j));
                AssertClose(Row(sin, i, j), actual.GetSin(i, j));
            }
        }
    }

    [Fact]
    public void Finish_IntegerFeatures_PureAverageIsTheExactMean()
    {
        var accumulator = new TmkAccumulator(s_small);
        float[] a = Enumerable.Range(0, 64).Select(i => (float)i).ToArray();
        float[] b = Enumerable.Range(0, 64).Select(i => (float)(3 * i + 1)).ToArray();
        accumulator.Add(a);
        accumulator.Add(b);

        TmkFeatures features = accumulator.Finish();

        Assert.Equal(Enumerable.Range(0, 64).Select(i => (float)(2 * i + 0.5)).ToArray(), features.PureAverage.ToArray());
    }

    [Fact]
    public void Finish_NoFrames_IsAllZero()
    {
        TmkFeatures features = new TmkAccumulator(s_small).Finish();

        Assert.Equal(0, features.FrameFeatureCount);
        Assert.All(features.PureAverage.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(features.CosFeatures.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(features.SinFeatures.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Finish_ZeroFeature_StaysZeroAndDoesNotPoisonTheSums()
    {
        var accumulator = new TmkAccumulator(s_small);
        accumulator.Add(new float[64]);
        float[] f = RandomFeatures(new SplitMix64(9), 1, 64)[0];
        accumulator.Add(f);

        TmkFeatures features = accumulator.Finish();

        Assert.All(features.CosFeatures.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(Math.Sqrt(s_small.FourierCoefficients[0]), Norm(features.GetCos(0, 0)), 1e-6);
    }

    [Fact]
    public void Finish_RoundTripsThroughTheFileFormat()
    {
        var accumulator = new TmkAccumulator();
        foreach (float[] f in RandomFeatures(new SplitMix64(11), 30, 256))
            accumulator.Add(f);
        TmkFeatures features = accumulator.Finish();

        byte[] bytes = features.ToBytes();
        TmkFeatures back = TmkFeatures.Read(bytes);

        Assert.Equal(263_344, bytes.Length);
        Assert.Equal(bytes, back.ToBytes());
        Assert.Equal(30, back.FrameFeatureCount);
    }

    [Theory]
    [InlineData(21UL)]
    [InlineData(22UL)]
    public void Scores_VideoWithItself_AreOne(ulong seed)
    {
        TmkFeatures a = Accumulate(TmkParameters.Default, RandomFeatures(new SplitMix64(seed), 120, 256));

        Assert.Equal(1.0f, TmkScorer.Level1(a, a), 1e-6f);
        Assert.Equal(1.0f, TmkScorer.Level2(a, a), 1e-5f);
        Assert.All(TmkScorer.FindBestOffsets(a, a), o => Assert.Equal(0, o.Offset));
    }

    [Fact]
    public void Scores_OtherParameters_SelfScoreIsOneToo()
    {
        TmkFeatures a = Accumulate(s_small, RandomFeatures(new SplitMix64(23), 90, 64));

        Assert.Equal(1.0f, TmkScorer.Level2(a, a), 1e-5f);
        Assert.Equal([37, 53, 101], TmkScorer.FindBestOffsets(a, a).Select(o => o.Period));
    }

    [Theory]
    [InlineData(31UL, 7)]
    [InlineData(32UL, 40)]
    public void FindBestOffsets_DelayedCopy_FindsTheDelayModuloEachPeriod(ulong seed, int delay)
    {
        // b is a's frames after `delay` unrelated frames. With a's frame t at b's t + delay, the kernel peaks where
        // delta = -2 pi delay / T, i.e. at offset T - delay (mod T). With m = 32 harmonics the main lobe is about
        // T / m frames wide and fairly flat on top, so the unrelated frames move the maximum a little: the test
        // allows T / (4m) frames (21 to 114 frames for the Poullot periods).
        var rng = new SplitMix64(seed);
        float[][] content = RandomFeatures(rng, 150, 256);
        float[][] lead = RandomFeatures(rng, delay, 256);
        TmkFeatures a = Accumulate(TmkParameters.Default, content);
        TmkFeatures b = Accumulate(TmkParameters.Default, [.. lead, .. content]);

        TmkPeriodOffset[] offsets = TmkScorer.FindBestOffsets(a, b);

        Assert.All(offsets, o =>
        {
            int expected = (o.Period - delay) % o.Period;
            int error = Math.Abs(o.Offset - expected);
            error = Math.Min(error, o.Period - error);
            Assert.True(error <= o.Period / (4 * 32), $"period {o.Period}: offset {o.Offset}, expected {expected}");
        });
        Assert.Equal((2731 - delay) % 2731, offsets[0].Offset, tolerance: 3);
        Assert.True(TmkScorer.Level2(a, b) > 0.7f);
        Assert.True(TmkScorer.Score(a, b).IsMatch);
    }

    [Fact]
    public void Scores_UnrelatedVideos_AreLow()
    {
        var rng = new SplitMix64(41);
        TmkFeatures a = Accumulate(TmkParameters.Default, RandomFeatures(rng, 100, 256));
        TmkFeatures b = Accumulate(TmkParameters.Default, RandomFeatures(rng, 100, 256));

        TmkScore score = TmkScorer.Score(a, b, new TmkThresholds(-1, 0));

        Assert.False(score.IsMatch && score.Level2 > 0.7f);
        Assert.True(score.Level2 < 0.5f, $"level 2 {score.Level2}");
    }

    [Fact]
    public void Add_WrongLength_Throws()
    {
        var accumulator = new TmkAccumulator();

        Assert.Throws<ArgumentException>(() => accumulator.Add(new float[255]));
        Assert.Throws<ArgumentException>(() => accumulator.Add(new float[257]));
    }

    [Fact]
    public void Add_NonFinite_Throws()
    {
        var accumulator = new TmkAccumulator(s_small);
        float[] f = new float[64];
        f[3] = float.NaN;

        Assert.Throws<ArgumentException>(() => accumulator.Add(f));
        Assert.Equal(0, accumulator.FrameCount);
    }

    [Fact]
    public void AddOrFinish_AfterFinish_Throws()
    {
        var accumulator = new TmkAccumulator(s_small);
        accumulator.Add(new float[64]);
        accumulator.Finish();

        Assert.Throws<InvalidOperationException>(() => accumulator.Add(new float[64]));
        Assert.Throws<InvalidOperationException>(() => accumulator.Finish());
    }

    internal static float[][] RandomFeatures(SplitMix64 rng, int frames, int dimension)
    {
        // PDQF-like magnitudes: DCT coefficients of a 0..255 luma image are tens to hundreds.
        var result = new float[frames][];
        for (int t = 0; t < frames; t++)
        {
            result[t] = new float[dimension];
            for (int k = 0; k < dimension; k++)
                result[t][k] = (float)((rng.NextDouble() - 0.5) * 400.0);
        }
        return result;
    }

    private static TmkFeatures Accumulate(TmkParameters parameters, IEnumerable<float[]> features)
    {
        var accumulator = new TmkAccumulator(parameters);
        foreach (float[] f in features)
            accumulator.Add(f);
        return accumulator.Finish();
    }

    private static (double[] Pure, double[,,] Cos, double[,,] Sin) DirectEvaluation(TmkParameters p, float[][] features)
    {
        int d = p.FrameFeatureDimension, m = p.FourierCoefficientCount;
        double[] pure = new double[d];
        var cos = new double[p.PeriodCount, m, d];
        var sin = new double[p.PeriodCount, m, d];
        for (int t = 0; t < features.Length; t++)
        {
            double norm = Math.Sqrt(features[t].Sum(x => (double)x * x));
            for (int k = 0; k < d; k++)
            {
                pure[k] += features[t][k];
                double n = norm > 0 ? features[t][k] / norm : features[t][k];
                for (int i = 0; i < p.PeriodCount; i++)
                {
                    for (int j = 0; j < m; j++)
                    {
                        double angle = 2 * Math.PI * j * t / p.Periods[i];
                        cos[i, j, k] += n * Math.Cos(angle);
                        sin[i, j, k] += n * Math.Sin(angle);
                    }
                }
            }
        }
        for (int k = 0; k < d; k++)
            pure[k] /= features.Length;
        for (int i = 0; i < p.PeriodCount; i++)
        {
            for (int j = 0; j < m; j++)
            {
                Scale(cos, i, j, Math.Sqrt(p.FourierCoefficients[j]));
                Scale(sin, i, j, Math.Sqrt(p.FourierCoefficients[j]));
            }
        }
        return (pure, cos, sin);
    }

    private static void Scale(double[,,] v, int i, int j, double target)
    {
        int d = v.GetLength(2);
        double norm = 0;
        for (int k = 0; k < d; k++)
            norm += v[i, j, k] * v[i, j, k];
        norm = Math.Sqrt(norm);
        if (norm < 1e-9)
        {
            for (int k = 0; k < d; k++)
                v[i, j, k] = 0;   // sin at j = 0 is zero; the float sum leaves it zero too
            return;
        }
        for (int k = 0; k < d; k++)
            v[i, j, k] = v[i, j, k] / norm * target;
    }

    private static double[] Row(double[,,] v, int i, int j)
    {
        double[] row = new double[v.GetLength(2)];
        for (int k = 0; k < row.Length; k++)
            row[k] = v[i, j, k];
        return row;
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1e-30, expected.Max(Math.Abs));
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-5 * scale, $"[{k}] expected {expected[k]:R}, got {actual[k]:R}");
    }

    private static double Norm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (float x in v)
            sum += (double)x * x;
        return Math.Sqrt(sum);
    }
}
