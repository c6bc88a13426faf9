using Fingerprint.Internal;

namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// The eight dihedral variants computed from one DCT (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp:436-530,
/// <c>dct16OriginalToRotate90</c> .. <c>dct16OriginalToFlipMinus1</c>; names from pdq/cpp/io/pdqio.h; conformance/SPEC.md
/// §1.6). Rotating or mirroring the image permutes the DCT and flips the sign of odd frequencies (even 0-based indices).
/// The reference thresholds each variant at the Torben median of its own coefficients (sign flips change the multiset,
/// so the medians differ). The variants pair up with equal multisets, each pair being the same sign flip with and
/// without the transpose: (orig, flipp), (rot90, flipy), (rot180, flipm), (rot270, flipx). Torben's result depends only
/// on the multiset (up to the sign of a zero, which a strict <c>&gt;</c> cannot see), so <see cref="HashAll"/> computes
/// the four medians once each: the same bits as eight separate medians, at half the cost.
/// </summary>
internal static class Dihedral
{
    public const int Bins = 16;

    /// <summary>B = the DCT of the transformed image, from A = the DCT of the original (16x16 row-major each).</summary>
    public static void Transform(DihedralVariant variant, ReadOnlySpan<float> a, Span<float> b)
    {
        if (a.Length < Bins * Bins || b.Length < Bins * Bins)
            ThrowHelper.ThrowArgumentException_BufferTooSmall();
        for (int i = 0; i < Bins; i++)
        {
            for (int j = 0; j < Bins; j++)
            {
                float v = a[i * Bins + j];
                switch (variant)
                {
                    case DihedralVariant.Orig:
                        b[i * Bins + j] = v;
                        break;
                    case DihedralVariant.Rot90:
                        b[j * Bins + i] = (j & 1) != 0 ? v : -v;
                        break;
                    case DihedralVariant.Rot180:
                        b[i * Bins + j] = ((i + j) & 1) != 0 ? -v : v;
                        break;
                    case DihedralVariant.Rot270:
                        b[j * Bins + i] = (i & 1) != 0 ? v : -v;
                        break;
                    case DihedralVariant.FlipX:
                        b[i * Bins + j] = (i & 1) != 0 ? v : -v;
                        break;
                    case DihedralVariant.FlipY:
                        b[i * Bins + j] = (j & 1) != 0 ? v : -v;
                        break;
                    case DihedralVariant.FlipP:
                        b[j * Bins + i] = v;
                        break;
                    case DihedralVariant.FlipM:
                        b[j * Bins + i] = ((i + j) & 1) != 0 ? -v : v;
                        break;
                    default:
                        ThrowHelper.ThrowArgumentOutOfRange(nameof(variant), $"Unknown dihedral variant {variant}.");
                        break;
                }
            }
        }
    }

    /// <summary>The 8 hashes in <see cref="DihedralVariant"/> order; <paramref name="aux"/> is 256 floats of scratch.</summary>
    public static void HashAll(ReadOnlySpan<float> a, Span<float> aux, Span<Hash256> hashes)
    {
        if (hashes.Length < 8 || aux.Length < Bins * Bins)
            ThrowHelper.ThrowArgumentException_BufferTooSmall();
        Span<float> b = aux.Slice(0, Bins * Bins);
        ReadOnlySpan<(DihedralVariant Plain, DihedralVariant Transposed)> pairs =
        [
            (DihedralVariant.Orig, DihedralVariant.FlipP),
            (DihedralVariant.FlipY, DihedralVariant.Rot90),
            (DihedralVariant.Rot180, DihedralVariant.FlipM),
            (DihedralVariant.FlipX, DihedralVariant.Rot270),
        ];
        foreach ((DihedralVariant plain, DihedralVariant transposed) in pairs)
        {
            Transform(plain, a, b);
            float median = Quantize.TorbenMedian(b);
            hashes[(int)plain] = Quantize.ToHash(b, median);
            Transform(transposed, a, b);
            hashes[(int)transposed] = Quantize.ToHash(b, median);
        }
    }
}
