// Source: facebook/ThreatExchange tmk/cpp/algo/tmkfv.cpp (makePoullotPeriods, makePoullotFourierCoefficients),
// tmk/cpp/algo/tmkfv.h (TMK_DEFAULT_RESAMPLE_FPS), tmk/cpp/hashing/bufferhashers.h (PDQF dimension 256);
// Poullot et al., "Temporal Matching Kernel with Explicit Feature Maps", ACM MM 2015. SPEC.md §3.2.

namespace Fingerprint.Video.Tmk;

/// <summary>
/// The parameters of a TMK feature vector: frame rate after resampling, periods T (in frames), the Fourier
/// coefficients a_j of the kernel, and the dimension of one frame feature. <see cref="Default"/> is what every
/// reference tool uses: 15 fps, the Poullot periods {2731, 4391, 9767, 14653}, m = 32 Poullot weights with β = 32, and
/// PDQF features of 256 floats.
/// </summary>
public sealed class TmkParameters : IEquatable<TmkParameters>
{
    /// <summary>TMK_DEFAULT_RESAMPLE_FPS (tmkfv.h; tmk-hash-video.cpp).</summary>
    public const int DefaultFramesPerSecond = 15;

    /// <summary>A PDQF frame feature is the 16x16 float DCT: 256 floats (SPEC.md §2).</summary>
    public const int PdqfDimension = 256;

    /// <summary>
    /// The reference's table, verbatim (tmkfv.cpp makePoullotFourierCoefficients). The reference does not evaluate the
    /// Bessel functions at run time: its comment gives the formula a_0 = (I_0(β) − e^−β) / (2 sinh β),
    /// a_j = I_j(β) / sinh β with β = 32, and then tabulates these decimals, which the C++ compiler rounds to float.
    /// The literals are doubles converted to float, exactly as in the C++ initializer list (a direct decimal-to-float
    /// literal could round differently). The tests check them against the coefficients stored in every reference .tmk
    /// file and against an independent evaluation of the Bessel formula.
    /// </summary>
    private static readonly float[] s_poullotCoefficients =
    [
        (float)0.0708041893112, (float)0.13937789309, (float)0.132897260304,
        (float)0.122765735552, (float)0.109878684888, (float)0.09529606433,
        (float)0.0800986647852, (float)0.0652590650356, (float)0.0515478238322,
        (float)0.0394851531195, (float)0.0293374252025, (float)0.0211492623679,
        (float)0.0147973073245, (float)0.0100512818746, (float)0.0066306408014,
        (float)0.00424947117334, (float)0.0026467615764, (float)0.00160270959695,
        (float)0.000943882629639, (float)0.000540841638603, (float)0.000301633183798,
        (float)0.000163800158855, (float)8.66454753015e-05, (float)4.46626303151e-05,
        (float)2.24429442235e-05, (float)1.09982139799e-05, (float)5.25823487999e-06,
        (float)2.45358229988e-06, (float)1.11781474895e-06, (float)4.97406489221e-07,
        (float)2.16265487234e-07, (float)9.19087006565e-08,
    ];

    private static readonly int[] s_poullotPeriods = [2731, 4391, 9767, 14653];

    // Bounds the reference does not have. They keep a corrupt or hostile .tmk from asking level-2 scoring for billions
    // of kernel evaluations (its cost is m x the sum of the periods) or for gigabytes; the reference's own values
    // (4 periods up to 14653, m = 32, d = 256) are far inside them.

    /// <summary>Longest period accepted, in frames (about 73 minutes at 15 fps; the reference's longest is 14653).</summary>
    public const int MaxPeriod = 1 << 16;

    /// <summary>Most periods accepted (the reference uses 4).</summary>
    public const int MaxPeriodCount = 64;

    /// <summary>Most Fourier coefficients accepted (the reference uses 32).</summary>
    public const int MaxFourierCoefficientCount = 1024;

    /// <summary>Largest frame-feature dimension accepted (PDQF is 256).</summary>
    public const int MaxFrameFeatureDimension = 1 << 16;

    public TmkParameters(int framesPerSecond, ReadOnlySpan<int> periods, ReadOnlySpan<float> fourierCoefficients,
        int frameFeatureDimension)
    {
        if (framesPerSecond <= 0)
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "Frames per second must be positive.");
        if (frameFeatureDimension <= 0 || frameFeatureDimension > MaxFrameFeatureDimension)
            throw new ArgumentOutOfRangeException(nameof(frameFeatureDimension), frameFeatureDimension, $"The frame-feature dimension must be in 1..{MaxFrameFeatureDimension}.");
        if (periods.Length > MaxPeriodCount)
            throw new ArgumentOutOfRangeException(nameof(periods), periods.Length, $"At most {MaxPeriodCount} periods.");
        if (fourierCoefficients.Length > MaxFourierCoefficientCount)
            throw new ArgumentOutOfRangeException(nameof(fourierCoefficients), fourierCoefficients.Length, $"At most {MaxFourierCoefficientCount} Fourier coefficients.");
        foreach (int period in periods)
        {
            if (period <= 0 || period > MaxPeriod)
                throw new ArgumentOutOfRangeException(nameof(periods), period, $"Every period must be in 1..{MaxPeriod} frames.");
        }
        foreach (float a in fourierCoefficients)
        {
            if (!float.IsFinite(a) || a < 0)
                throw new ArgumentOutOfRangeException(nameof(fourierCoefficients), a, "Fourier coefficients must be finite and non-negative.");
        }
        FramesPerSecond = framesPerSecond;
        Periods = periods.ToArray();
        FourierCoefficients = fourierCoefficients.ToArray();
        FrameFeatureDimension = frameFeatureDimension;
    }

    /// <summary>15 fps, Poullot periods and coefficients, PDQF (256 floats): the reference's only configuration.</summary>
    public static TmkParameters Default { get; } =
        new(DefaultFramesPerSecond, s_poullotPeriods, s_poullotCoefficients, PdqfDimension);

    /// <summary>The Poullot periods {2731, 4391, 9767, 14653}, in frames at 15 fps (tmkfv.cpp makePoullotPeriods).</summary>
    public static ReadOnlySpan<int> PoullotPeriods => s_poullotPeriods;

    /// <summary>The 32 Poullot Fourier coefficients as the reference tabulates them (see the field's remarks).</summary>
    public static ReadOnlySpan<float> PoullotFourierCoefficients => s_poullotCoefficients;

    public int FramesPerSecond { get; }

    /// <summary>Periods T, in frames (P of them).</summary>
    public int[] Periods { get; }

    /// <summary>Fourier coefficients a_0..a_{m-1} (m of them).</summary>
    public float[] FourierCoefficients { get; }

    /// <summary>Floats per frame feature (d): 256 for PDQF.</summary>
    public int FrameFeatureDimension { get; }

    public int PeriodCount => Periods.Length;

    public int FourierCoefficientCount => FourierCoefficients.Length;

    /// <summary>
    /// The level-2 normaliser a_0 + 2 Σ_{j≥1} a_j, accumulated as the reference does (tmkfv.cpp
    /// computePairScoreNormalizer: a float sum, each step evaluated in double and rounded back to float); 1 when m = 0.
    /// </summary>
    public float PairScoreNormalizer
    {
        get
        {
            float[] a = FourierCoefficients;
            if (a.Length == 0)
                return 1.0f;
            float normalizer = a[0];
            for (int j = 1; j < a.Length; j++)
                normalizer = (float)(normalizer + 2.0 * a[j]);
            return normalizer;
        }
    }

    public bool Equals(TmkParameters? other) =>
        other is not null
        && FramesPerSecond == other.FramesPerSecond
        && FrameFeatureDimension == other.FrameFeatureDimension
        && Periods.AsSpan().SequenceEqual(other.Periods)
        && FourierCoefficients.AsSpan().SequenceEqual(other.FourierCoefficients);

    public override bool Equals(object? obj) => Equals(obj as TmkParameters);

    public override int GetHashCode() =>
        HashCode.Combine(FramesPerSecond, FrameFeatureDimension, Periods.Length, FourierCoefficients.Length);
}
