using Fingerprint.Internal;

namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// PDQ quality metric (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp:314-341,
/// <c>pdqImageDomainQualityMetric</c>; conformance/SPEC.md §1.3): over the 64x64 downsample A,
/// <c>sum = Σ |(int)(((A[i][j] - A[i+1][j]) * 100) / 255)| + Σ |(int)(((A[i][j] - A[i][j+1]) * 100) / 255)|</c>,
/// each term float arithmetic truncated toward zero, then <c>min(100, sum / 90)</c> in integers.
/// </summary>
internal static class Quality
{
    public const int Size = 64;

    public static int Compute(ReadOnlySpan<float> a64)
    {
        if (a64.Length < Size * Size)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(a64));
        int gradientSum = 0;
        for (int i = 0; i < Size - 1; i++)
        {
            for (int j = 0; j < Size; j++)
            {
                float u = a64[i * Size + j];
                float v = a64[(i + 1) * Size + j];
                int d = (int)((u - v) * 100f / 255f);
                gradientSum += Math.Abs(d);
            }
        }
        for (int i = 0; i < Size; i++)
        {
            for (int j = 0; j < Size - 1; j++)
            {
                float u = a64[i * Size + j];
                float v = a64[i * Size + j + 1];
                int d = (int)((u - v) * 100f / 255f);
                gradientSum += Math.Abs(d);
            }
        }
        int quality = gradientSum / 90;   // heuristic scaling factor of the reference
        return quality > 100 ? 100 : quality;
    }
}
