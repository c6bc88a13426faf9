// Source: facebook/ThreatExchange tmk/cpp/algo/tmkfv.h and tmkfv.cpp (TMKFeatureVectors: the pure-average feature and
// the cos/sin feature vectors indexed by period and Fourier coefficient). SPEC.md §3.2-3.4.

namespace Fingerprint.Video.Tmk;

/// <summary>
/// A TMK+PDQF video fingerprint: the content of one <c>.tmk</c> file. It holds the parameters it was computed with
/// (<see cref="Parameters"/>), the number of frame features that went in (frames after resampling to
/// <see cref="TmkParameters.FramesPerSecond"/>), the pure-average feature (the mean of the raw frame features: level 1)
/// and, for every period T and coefficient j, the L2-normalised cos and sin feature vectors scaled by sqrt(a_j)
/// (level 2). Immutable; build one with <see cref="TmkAccumulator"/> or read one with <see cref="ReadFrom(Stream)"/>.
/// </summary>
public sealed partial class TmkFeatures
{
    private readonly float[] _pureAverage;
    private readonly float[] _cos;
    private readonly float[] _sin;

    /// <summary>
    /// Wraps arrays the caller gives up: <paramref name="cos"/> and <paramref name="sin"/> are [P][m][d] flattened, row
    /// major (period, then coefficient, then feature index), as the file stores them.
    /// </summary>
    internal TmkFeatures(TmkParameters parameters, int frameFeatureCount, float[] pureAverage, float[] cos, float[] sin)
    {
        int d = parameters.FrameFeatureDimension;
        long vectors = (long)parameters.PeriodCount * parameters.FourierCoefficientCount;
        if (frameFeatureCount < 0)
            throw new ArgumentOutOfRangeException(nameof(frameFeatureCount), frameFeatureCount, "The frame count must not be negative.");
        if (pureAverage.Length != d)
            throw new ArgumentException($"The pure-average feature has {pureAverage.Length} floats; the dimension is {d}.", nameof(pureAverage));
        if (cos.Length != vectors * d || sin.Length != vectors * d)
            throw new ArgumentException($"The cos/sin features must hold P x m x d = {vectors * d} floats.", nameof(cos));
        Parameters = parameters;
        FrameFeatureCount = frameFeatureCount;
        _pureAverage = pureAverage;
        _cos = cos;
        _sin = sin;
    }

    public TmkParameters Parameters { get; }

    /// <summary>How many frame features were accumulated (frames after time resampling; informational).</summary>
    public int FrameFeatureCount { get; }

    /// <summary>The mean of the raw (unnormalised) frame features: d floats.</summary>
    public ReadOnlySpan<float> PureAverage => _pureAverage;

    /// <summary>The cos feature vector for period index <paramref name="period"/> and coefficient <paramref name="coefficient"/>.</summary>
    public ReadOnlySpan<float> GetCos(int period, int coefficient) => _cos.AsSpan(VectorOffset(period, coefficient), Parameters.FrameFeatureDimension);

    /// <summary>The sin feature vector for period index <paramref name="period"/> and coefficient <paramref name="coefficient"/>.</summary>
    public ReadOnlySpan<float> GetSin(int period, int coefficient) => _sin.AsSpan(VectorOffset(period, coefficient), Parameters.FrameFeatureDimension);

    /// <summary>All cos vectors, [P][m][d] flattened.</summary>
    public ReadOnlySpan<float> CosFeatures => _cos;

    /// <summary>All sin vectors, [P][m][d] flattened.</summary>
    public ReadOnlySpan<float> SinFeatures => _sin;

    private int VectorOffset(int period, int coefficient)
    {
        if ((uint)period >= (uint)Parameters.PeriodCount)
            throw new ArgumentOutOfRangeException(nameof(period), period, $"There are {Parameters.PeriodCount} periods.");
        if ((uint)coefficient >= (uint)Parameters.FourierCoefficientCount)
            throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, $"There are {Parameters.FourierCoefficientCount} Fourier coefficients.");
        return (period * Parameters.FourierCoefficientCount + coefficient) * Parameters.FrameFeatureDimension;
    }
}
