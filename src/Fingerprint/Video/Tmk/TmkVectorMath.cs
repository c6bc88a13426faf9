// Source: facebook/ThreatExchange tmk/cpp/lib/vec.cpp (computeNorm, computeDot, computeCosSim, L2NormalizeVector,
// scalarMultiply, scalarDivide, computeMax).

namespace Fingerprint.Video.Tmk;

/// <summary>
/// The reference's float vector routines, with its arithmetic: float accumulators summed in index order (the reference
/// is built with g++ -O2 and no -march, so nothing is fused or reordered), float square root.
/// </summary>
internal static class TmkVectorMath
{
    /// <summary>sqrt(Σ e²), a float sum in index order (vec.cpp computeNorm).</summary>
    public static float Norm(ReadOnlySpan<float> u)
    {
        float sum = 0.0f;
        for (int i = 0; i < u.Length; i++)
        {
            float e = u[i];
            sum += e * e;
        }
        return MathF.Sqrt(sum);
    }

    /// <summary>Σ u_i v_i, a float sum in index order (vec.cpp computeDot).</summary>
    public static float Dot(ReadOnlySpan<float> u, ReadOnlySpan<float> v)
    {
        float sum = 0.0f;
        for (int i = 0; i < u.Length; i++)
            sum += u[i] * v[i];
        return sum;
    }

    /// <summary>
    /// Cosine similarity as vec.cpp computeCosSim: dot / (|u| |v|), 0 when both vectors are zero. When exactly one is
    /// zero the reference divides 0 by 0 and returns NaN; this returns 0 instead, which fails every threshold exactly as
    /// NaN does.
    /// </summary>
    public static float CosineSimilarity(ReadOnlySpan<float> u, ReadOnlySpan<float> v)
    {
        float nu = Norm(u);
        float nv = Norm(v);
        if (nu == 0.0f || nv == 0.0f)
            return 0.0f;
        return Dot(u, v) / (nu * nv);
    }

    /// <summary>Divides by the norm when it is positive; a zero vector stays zero (vec.cpp L2NormalizeVector).</summary>
    public static void L2Normalize(Span<float> v)
    {
        float norm = Norm(v);
        if (norm > 0.0f)
            Divide(v, norm);
    }

    public static void Divide(Span<float> u, float s)
    {
        for (int i = 0; i < u.Length; i++)
            u[i] /= s;
    }

    public static void Multiply(Span<float> u, float s)
    {
        for (int i = 0; i < u.Length; i++)
            u[i] *= s;
    }

    /// <summary>The first maximum, compared with &lt; as vec.cpp computeMax does; 0 for an empty span.</summary>
    public static float Max(ReadOnlySpan<float> u)
    {
        if (u.Length < 1)
            return 0.0f;
        float max = u[0];
        for (int i = 1; i < u.Length; i++)
        {
            float e = u[i];
            if (max < e)
                max = e;
        }
        return max;
    }
}
