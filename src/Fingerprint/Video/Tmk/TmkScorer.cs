// Source: facebook/ThreatExchange tmk/cpp/algo/tmkfv.cpp (areCompatible, findPairOffsetsModuloPeriods,
// computeLevel1Score, computeLevel2Score), tmk/cpp/bin/tmk-two-level-score.cpp (two-level scoring with >=),
// tmk/cpp/bin/tmk_default_thresholds.h. SPEC.md §3.3.

namespace Fingerprint.Video.Tmk;

/// <summary>
/// Scores two TMK fingerprints as the reference does.
/// <para><b>Level 1</b>: the cosine similarity of the two pure-average features, in [−1, 1]: cheap, used to cull.</para>
/// <para><b>Level 2</b>: for every period T and offset o = 0..T−1 (δ = 2πo/T), the kernel
/// K(δ) = cc₀ + Σ_{j≥1} [cos(jδ)(cc_j + ss_j) + sin(jδ)(sc_j − cs_j)] over the dot products of the cos/sin vectors;
/// the best offset per period, the maximum over periods, divided by a₀ + 2Σa_j. In [0, 1]; a video scores 1 with
/// itself. Every step copies the reference's float arithmetic, including its incremental-rotation recurrence for
/// cos(jδ) and sin(jδ), so scores equal the reference tools' to the last bit.</para>
/// Level 2 is not symmetric to the last bit: Level2(a, b) evaluates the kernel at −δ relative to Level2(b, a), and the
/// float recurrence rounds differently; the reference tools score each unordered pair once, in name order.
/// Thread-safe.
/// </summary>
public static class TmkScorer
{
    // Per period: sin(δ) and 2 sin²(δ/2) for every offset, the recurrence's constants. They depend only on the offset
    // and the period, not on the videos, so the reference periods' tables are computed once and kept; other periods
    // (from files with other parameters) are computed per call, so such files cannot grow a cache.
    private static readonly Lazy<RotationTable[]> s_poullotTables =
        new(() => [.. TmkParameters.Default.Periods.Select(static t => new RotationTable(t))]);

    /// <summary>Level 1: cosine similarity of the pure averages (tmkfv.cpp computeLevel1Score).</summary>
    /// <exception cref="ArgumentException">The two fingerprints were made with different parameters.</exception>
    public static float Level1(TmkFeatures a, TmkFeatures b)
    {
        EnsureCompatible(a, b);
        return TmkVectorMath.CosineSimilarity(a.PureAverage, b.PureAverage);
    }

    /// <summary>
    /// Level 1 from the two pure-average features alone (the same arithmetic as <see cref="Level1(TmkFeatures, TmkFeatures)"/>),
    /// for a bulk matcher that keeps only the averages in memory and loads the full features of the candidates that pass.
    /// The caller checks that both were made with compatible parameters.
    /// </summary>
    /// <exception cref="ArgumentException">The two vectors differ in length.</exception>
    public static float Level1(ReadOnlySpan<float> pureAverageA, ReadOnlySpan<float> pureAverageB)
    {
        if (pureAverageA.Length != pureAverageB.Length)
            throw new ArgumentException($"Pure-average features of {pureAverageA.Length} and {pureAverageB.Length} floats cannot be compared.", nameof(pureAverageB));
        return TmkVectorMath.CosineSimilarity(pureAverageA, pureAverageB);
    }

    /// <summary>Level 2: the normalised TMK score at the best offset of the best period (tmkfv.cpp computeLevel2Score).</summary>
    /// <exception cref="ArgumentException">The two fingerprints were made with different parameters.</exception>
    public static float Level2(TmkFeatures a, TmkFeatures b)
    {
        EnsureCompatible(a, b);
        TmkPeriodOffset[] offsets = FindOffsetsCore(a, b);
        Span<float> values = offsets.Length <= 64 ? stackalloc float[offsets.Length] : new float[offsets.Length];
        for (int i = 0; i < offsets.Length; i++)
            values[i] = offsets[i].Value;
        return TmkVectorMath.Max(values) / a.Parameters.PairScoreNormalizer;
    }

    /// <summary>
    /// For every period, the offset (in frames, modulo the period) that best aligns <paramref name="b"/> with
    /// <paramref name="a"/>, and the unnormalised kernel value there (tmkfv.cpp findPairOffsetsModuloPeriods).
    /// </summary>
    public static TmkPeriodOffset[] FindBestOffsets(TmkFeatures a, TmkFeatures b)
    {
        EnsureCompatible(a, b);
        return FindOffsetsCore(a, b);
    }

    /// <summary>
    /// The two-level decision of the reference tools: level 1, and level 2 only when level 1 reaches its threshold;
    /// a match when both reach theirs (comparisons with &gt;=, tmk-two-level-score.cpp and tmk-query.cpp).
    /// </summary>
    public static TmkScore Score(TmkFeatures a, TmkFeatures b, TmkThresholds? thresholds = null)
    {
        thresholds ??= TmkThresholds.Default;
        float level1 = Level1(a, b);
        if (!(level1 >= thresholds.Level1))
            return new TmkScore(level1, null, false);
        float level2 = Level2(a, b);
        return new TmkScore(level1, level2, level2 >= thresholds.Level2);
    }

    /// <summary>
    /// Whether two fingerprints can be scored against each other: same algorithm, frame rate, periods, dimension and
    /// Fourier coefficients within 1e-6 relative error (tmkfv.cpp areCompatible).
    /// </summary>
    public static bool AreCompatible(TmkFeatures a, TmkFeatures b, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        TmkParameters pa = a.Parameters, pb = b.Parameters;
        reason = null;
        if (pa.FramesPerSecond != pb.FramesPerSecond)
            reason = $"frames per second {pa.FramesPerSecond} != {pb.FramesPerSecond}";
        else if (!pa.Periods.AsSpan().SequenceEqual(pb.Periods))
            reason = $"periods [{string.Join(", ", pa.Periods)}] != [{string.Join(", ", pb.Periods)}]";
        else if (pa.FourierCoefficientCount != pb.FourierCoefficientCount)
            reason = $"Fourier-coefficient count {pa.FourierCoefficientCount} != {pb.FourierCoefficientCount}";
        else if (pa.FrameFeatureDimension != pb.FrameFeatureDimension)
            reason = $"frame-feature dimension {pa.FrameFeatureDimension} != {pb.FrameFeatureDimension}";
        else
        {
            for (int i = 0; i < pa.FourierCoefficientCount; i++)
            {
                float ca = pa.FourierCoefficients[i], cb = pb.FourierCoefficients[i];
                float max = MathF.Max(MathF.Abs(ca), MathF.Abs(cb));
                if (max > 0 && MathF.Abs((ca - cb) / max) > 1e-6)
                {
                    reason = $"Fourier coefficient {i}: {ca:E7} != {cb:E7}";
                    break;
                }
            }
        }
        return reason is null;
    }

    private static void EnsureCompatible(TmkFeatures a, TmkFeatures b)
    {
        if (!AreCompatible(a, b, out string? reason))
            throw new ArgumentException($"These TMK fingerprints cannot be compared: {reason}.", nameof(b));
    }

    private static TmkPeriodOffset[] FindOffsetsCore(TmkFeatures a, TmkFeatures b)
    {
        TmkParameters p = a.Parameters;
        int periods = p.PeriodCount;
        int m = p.FourierCoefficientCount;
        var result = new TmkPeriodOffset[periods];
        if (periods == 0 || m == 0)
            return result;

        // The reference computes the four dot products per (period, coefficient) in float (vec.cpp computeDot), then
        // uses only the sums cc + ss and the differences sc - cs.
        float[] cosWeight = new float[m];
        float[] sinWeight = new float[m];
        for (int i = 0; i < periods; i++)
        {
            float cc0 = TmkVectorMath.Dot(a.GetCos(i, 0), b.GetCos(i, 0));
            for (int j = 1; j < m; j++)
            {
                ReadOnlySpan<float> aCos = a.GetCos(i, j), aSin = a.GetSin(i, j);
                ReadOnlySpan<float> bCos = b.GetCos(i, j), bSin = b.GetSin(i, j);
                float cc = TmkVectorMath.Dot(aCos, bCos);
                float ss = TmkVectorMath.Dot(aSin, bSin);
                float sc = TmkVectorMath.Dot(aSin, bCos);
                float cs = TmkVectorMath.Dot(aCos, bSin);
                cosWeight[j] = cc + ss;
                sinWeight[j] = sc - cs;
            }

            int period = p.Periods[i];
            RotationTable table = TableFor(period);
            float best = KernelAt(cc0, cosWeight, sinWeight, table.Alpha[0], table.Beta[0]);
            int bestOffset = 0;
            for (int offset = 1; offset < period; offset++)
            {
                float k = KernelAt(cc0, cosWeight, sinWeight, table.Alpha[offset], table.Beta[offset]);
                if (k > best)
                {
                    best = k;
                    bestOffset = offset;
                }
            }
            result[i] = new TmkPeriodOffset(period, bestOffset, best);
        }
        return result;
    }

    private static RotationTable TableFor(int period)
    {
        foreach (RotationTable table in s_poullotTables.Value)
        {
            if (table.Period == period)
                return table;
        }
        return new RotationTable(period);
    }

    /// <summary>
    /// K(δ) with the reference's recurrence (Numerical Recipes' incremental rotation, tmkfv.cpp): starting from
    /// cos 0δ = 1, sin 0δ = 0, each step subtracts (α cos + β sin, α sin − β cos) with α = 2 sin²(δ/2), β = sin δ; all
    /// in float, accumulated into K in j order.
    /// </summary>
    private static float KernelAt(float cc0, float[] cosWeight, float[] sinWeight, float alpha, float beta)
    {
        float k = cc0;
        float cosJd = 1;
        float sinJd = 0;
        for (int j = 1; j < cosWeight.Length; j++)
        {
            float nextCos = (alpha * cosJd) + (beta * sinJd);
            float nextSin = (alpha * sinJd) - (beta * cosJd);
            cosJd -= nextCos;
            sinJd -= nextSin;
            k += cosJd * cosWeight[j];
            k += sinJd * sinWeight[j];
        }
        return k;
    }

    /// <summary>
    /// α and β for every offset of one period, as the reference derives them: δ = (float)(2.0·π·(float)o / (float)T),
    /// β = (float)sin(δ), α = (float)sin(δ/2) then α = 2·α·α, in float. The reference calls sin with a float argument;
    /// with its headers that resolves to the double sin(double), whose result is rounded to float.
    /// </summary>
    private sealed class RotationTable
    {
        public RotationTable(int period)
        {
            Period = period;
            Alpha = new float[period];
            Beta = new float[period];
            for (int offset = 0; offset < period; offset++)
            {
                float delta = (float)(2.0 * Math.PI * (float)offset / (float)period);
                float beta = (float)Math.Sin(delta);
                float alpha = (float)Math.Sin(delta / 2);
                alpha = 2 * alpha * alpha;
                Alpha[offset] = alpha;
                Beta[offset] = beta;
            }
        }

        public int Period { get; }
        public float[] Alpha { get; }
        public float[] Beta { get; }
    }
}
