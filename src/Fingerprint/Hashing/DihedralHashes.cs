using System.Runtime.CompilerServices;

namespace Fingerprint.Hashing;

/// <summary>
/// The eight dihedral PDQ hashes of one image, all computed from one DCT (SPEC.md §1.6), and the image's quality.
/// Index with <see cref="DihedralVariant"/>. A value type: no allocation per image.
/// </summary>
public readonly struct DihedralHashes
{
    private readonly Hash256x8 _hashes;

    public DihedralHashes(ReadOnlySpan<Hash256> hashes, int quality)
    {
        if (hashes.Length != 8)
            throw new ArgumentException("Exactly 8 dihedral hashes are required.", nameof(hashes));
        hashes.CopyTo(_hashes);
        Quality = quality;
    }

    public int Quality { get; }

    public Hash256 this[DihedralVariant variant] => _hashes[(int)variant];

    public Hash256 Orig => _hashes[0];
    public Hash256 Rot90 => _hashes[1];
    public Hash256 Rot180 => _hashes[2];
    public Hash256 Rot270 => _hashes[3];
    public Hash256 FlipX => _hashes[4];
    public Hash256 FlipY => _hashes[5];
    public Hash256 FlipP => _hashes[6];
    public Hash256 FlipM => _hashes[7];

    /// <summary>The original-orientation hash with its quality.</summary>
    public HashResult Original => new(_hashes[0], Quality);

    /// <summary>Copies the 8 hashes in <see cref="DihedralVariant"/> order.</summary>
    public void CopyTo(Span<Hash256> destination) => ((ReadOnlySpan<Hash256>)_hashes).CopyTo(destination);

    public Hash256[] ToArray() => ((ReadOnlySpan<Hash256>)_hashes).ToArray();

    [InlineArray(8)]
    private struct Hash256x8
    {
        private Hash256 _element0;
    }
}
