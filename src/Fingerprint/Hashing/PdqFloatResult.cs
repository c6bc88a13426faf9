using Fingerprint.Hashing.Pdq;
using Fingerprint.Internal;

namespace Fingerprint.Hashing;

/// <summary>
/// PDQF (conformance/SPEC.md §2): the 256 float DCT coefficients of PDQ before thresholding (reference
/// <c>pdqFloat256FromFloatLuma</c>) and the image's quality. Coefficient <c>16 * i + j</c> is vertical frequency i+1 by
/// horizontal frequency j+1; this row-major order is TMK's frame feature.
/// </summary>
public sealed class PdqFloatResult
{
    /// <summary>Coefficients in a PDQF feature.</summary>
    public const int Length = 256;

    private readonly float[] _coefficients;

    /// <summary>Copies exactly <see cref="Length"/> coefficients.</summary>
    public PdqFloatResult(ReadOnlySpan<float> coefficients, int quality)
    {
        if (coefficients.Length != Length)
            ThrowHelper.ThrowArgument(nameof(coefficients), $"PDQF has {Length} coefficients; got {coefficients.Length}.");
        _coefficients = coefficients.ToArray();
        Quality = quality;
    }

    /// <summary>The 256 coefficients, row-major 16x16.</summary>
    public ReadOnlySpan<float> Coefficients => _coefficients;

    /// <summary>Quality 0..100 of the image (SPEC.md §1.3).</summary>
    public int Quality { get; }

    /// <summary>Coefficient at vertical frequency <paramref name="row"/>+1, horizontal frequency <paramref name="column"/>+1.</summary>
    public float this[int row, int column]
    {
        get
        {
            if ((uint)row >= 16 || (uint)column >= 16)
                ThrowHelper.ThrowArgumentOutOfRange(nameof(row), "Row and column are 0..15.");
            return _coefficients[row * 16 + column];
        }
    }

    /// <summary>The PDQ hash of these coefficients: bit k set iff coefficient k exceeds their Torben (lower) median.</summary>
    public Hash256 ToHash() => Quantize.ToHash(_coefficients);

    /// <summary>The PDQ hash and quality.</summary>
    public HashResult ToHashResult() => new(ToHash(), Quality);
}
