// Source: facebook/ThreatExchange tmk/cpp/algo/tmkfv.cpp (TMKFeatureVectors::ingestFrameFeature,
// finishFrameFeatureIngest); Poullot et al., "Temporal Matching Kernel with Explicit Feature Maps", ACM MM 2015.
// SPEC.md §3.2.

namespace Fingerprint.Video.Tmk;

/// <summary>
/// Builds a <see cref="TmkFeatures"/> one frame feature at a time (PDQF: 256 floats per frame of the 15 fps, 64x64
/// stream), as the reference's streaming ingest does. Frame t is the t-th call to <see cref="Add"/>, counted from 0.
/// <para>Per frame, with n = f / ‖f‖₂ (f itself when ‖f‖ = 0):
/// pureAverage += f; for every period T: cos[T][0] += n, and for j = 1..m−1 cos[T][j] += n·cos(2πjt/T),
/// sin[T][j] += n·sin(2πjt/T). At the end pureAverage /= N and each cos/sin vector is L2-normalised (zero stays zero)
/// and multiplied by sqrt(a_j).</para>
/// <para>The arithmetic is the reference's, so the result is bit-identical given the same features: the angle
/// 2.0·π·j·t/T and its cos/sin in double (the runtime calls the platform libm, as the reference does); each cos/sin
/// accumulation <c>float += float * double</c>, i.e. evaluated in double and rounded to float once; pure average,
/// norms and scaling in float.</para>
/// Not thread-safe: one accumulator per video.
/// </summary>
public sealed class TmkAccumulator
{
    private readonly TmkParameters _parameters;
    private readonly float[] _pureAverage;
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly float[] _normalized;
    private int _frameCount;
    private bool _finished;

    /// <summary>An accumulator with the reference parameters (<see cref="TmkParameters.Default"/>).</summary>
    public TmkAccumulator()
        : this(TmkParameters.Default)
    {
    }

    public TmkAccumulator(TmkParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        int d = parameters.FrameFeatureDimension;
        int floats = checked(parameters.PeriodCount * parameters.FourierCoefficientCount * d);
        _pureAverage = new float[d];
        _cos = new float[floats];
        _sin = new float[floats];
        _normalized = new float[d];
    }

    public TmkParameters Parameters => _parameters;

    /// <summary>Frame features added so far; the next one gets this frame number t.</summary>
    public int FrameCount => _frameCount;

    /// <summary>Adds the feature of the next frame (t = <see cref="FrameCount"/>).</summary>
    /// <exception cref="ArgumentException">The feature's length is not the frame-feature dimension.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Finish"/> was already called.</exception>
    public void Add(ReadOnlySpan<float> frameFeature)
    {
        if (_finished)
            throw new InvalidOperationException("This accumulator has finished; create a new one for another video.");
        int d = _parameters.FrameFeatureDimension;
        if (frameFeature.Length != d)
            throw new ArgumentException($"A frame feature has {d} floats; got {frameFeature.Length}.", nameof(frameFeature));
        foreach (float v in frameFeature)
        {
            if (!float.IsFinite(v))
                throw new ArgumentException("A frame feature must be finite.", nameof(frameFeature));
        }

        int t = _frameCount;
        for (int k = 0; k < d; k++)
            _pureAverage[k] += frameFeature[k];

        Span<float> n = _normalized;
        frameFeature.CopyTo(n);
        TmkVectorMath.L2Normalize(n);

        int[] periods = _parameters.Periods;
        int m = _parameters.FourierCoefficientCount;
        for (int i = 0; i < periods.Length; i++)
        {
            int period = periods[i];
            if (m == 0)
                break;
            Span<float> cos0 = _cos.AsSpan(i * m * d, d);
            for (int k = 0; k < d; k++)
                cos0[k] += n[k];

            for (int j = 1; j < m; j++)
            {
                // Same expression as the reference: ((2.0 * pi * j) * t) / T, all in double.
                double arg = 2.0 * Math.PI * j * (double)t / period;
                double cosArg = Math.Cos(arg);
                double sinArg = Math.Sin(arg);
                int offset = (i * m + j) * d;
                AccumulateScaled(_cos.AsSpan(offset, d), n, cosArg);
                AccumulateScaled(_sin.AsSpan(offset, d), n, sinArg);
            }
        }

        _frameCount++;
    }

    /// <summary>
    /// Ends the video: divides the pure average by the frame count, L2-normalises every cos/sin vector and scales it by
    /// sqrt(a_j) (tmkfv.cpp finishFrameFeatureIngest). With no frames everything stays zero, as in the reference.
    /// The accumulator cannot be used afterwards.
    /// </summary>
    public TmkFeatures Finish()
    {
        if (_finished)
            throw new InvalidOperationException("Finish was already called.");
        _finished = true;
        int d = _parameters.FrameFeatureDimension;
        int m = _parameters.FourierCoefficientCount;
        if (_frameCount > 0)
        {
            TmkVectorMath.Divide(_pureAverage, _frameCount);
            for (int i = 0; i < _parameters.PeriodCount; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    Span<float> cos = _cos.AsSpan((i * m + j) * d, d);
                    Span<float> sin = _sin.AsSpan((i * m + j) * d, d);
                    TmkVectorMath.L2Normalize(cos);
                    TmkVectorMath.L2Normalize(sin);
                    float scale = MathF.Sqrt(_parameters.FourierCoefficients[j]);
                    TmkVectorMath.Multiply(cos, scale);
                    TmkVectorMath.Multiply(sin, scale);
                }
            }
        }
        return new TmkFeatures(_parameters, _frameCount, _pureAverage, _cos, _sin);
    }

    /// <summary>acc[k] = (float)(acc[k] + (double)n[k] * c): the reference's <c>float += float * double</c>.</summary>
    private static void AccumulateScaled(Span<float> accumulator, ReadOnlySpan<float> n, double c)
    {
        for (int k = 0; k < accumulator.Length; k++)
            accumulator[k] = (float)(accumulator[k] + n[k] * c);
    }
}
