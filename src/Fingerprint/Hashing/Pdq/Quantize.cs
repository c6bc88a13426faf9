using Fingerprint.Internal;

namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// PDQ stage 5: median threshold to 256 bits (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp:535-546,
/// <c>pdqBuffer16x16ToBits</c>; pdq/cpp/hashing/torben.cpp, Torben Mogensen's median as implemented by N. Devillard;
/// conformance/SPEC.md §1.5). Bit k = 16i + j is set iff <c>B[i][j] &gt; median</c> (strict). Bit k is
/// <see cref="Hash256"/> word k / 64, bit k % 64, which prints as the reference's hex.
/// </summary>
internal static class Quantize
{
    public const int Length = 256;

    /// <summary>
    /// Torben's median, as the reference runs it. For n = 256 it returns a value equal to the lower median (the
    /// 128th smallest): the loop stops with at most 128 values on either side of the guess.
    /// </summary>
    public static float TorbenMedian(ReadOnlySpan<float> m)
    {
        int n = m.Length;
        if (n == 0)
            ThrowHelper.ThrowArgument(nameof(m), "The median of nothing is undefined.");
        int half = (n + 1) / 2;
        float min = m[0], max = m[0];
        for (int i = 1; i < n; i++)
        {
            if (m[i] < min)
                min = m[i];
            if (m[i] > max)
                max = m[i];
        }
        int less, greater, equal;
        float guess, maxLessThanGuess, minGreaterThanGuess;
        while (true)
        {
            guess = (min + max) / 2;
            less = 0;
            greater = 0;
            equal = 0;
            maxLessThanGuess = min;
            minGreaterThanGuess = max;
            for (int i = 0; i < n; i++)
            {
                float v = m[i];
                if (v < guess)
                {
                    less++;
                    if (v > maxLessThanGuess)
                        maxLessThanGuess = v;
                }
                else if (v > guess)
                {
                    greater++;
                    if (v < minGreaterThanGuess)
                        minGreaterThanGuess = v;
                }
                else
                {
                    equal++;
                }
            }
            if (less <= half && greater <= half)
                break;
            if (less > greater)
                max = maxLessThanGuess;
            else
                min = minGreaterThanGuess;
        }
        if (less >= half)
            return maxLessThanGuess;
        return less + equal >= half ? guess : minGreaterThanGuess;
    }

    /// <summary>The hash of a 16x16 DCT: bit k set iff <c>b[k] &gt; TorbenMedian(b)</c>.</summary>
    public static Hash256 ToHash(ReadOnlySpan<float> b16)
    {
        if (b16.Length != Length)
            ThrowHelper.ThrowArgument(nameof(b16), $"A PDQ DCT has {Length} coefficients; got {b16.Length}.");
        return ToHash(b16, TorbenMedian(b16));
    }

    /// <summary>Bit k set iff <c>b[k] &gt; <paramref name="median"/></c> (strict).</summary>
    public static Hash256 ToHash(ReadOnlySpan<float> b16, float median)
    {
        if (b16.Length != Length)
            ThrowHelper.ThrowArgument(nameof(b16), $"A PDQ DCT has {Length} coefficients; got {b16.Length}.");
        Span<ulong> words = stackalloc ulong[4];
        words.Clear();
        for (int k = 0; k < Length; k++)
        {
            if (b16[k] > median)
                words[k >> 6] |= 1UL << (k & 63);
        }
        return new Hash256(words[0], words[1], words[2], words[3]);
    }
}
