namespace Fingerprint.Hashing.Classic;

/// <summary>The classic 64-bit hashes of <see cref="ClassicHasher"/> (DESIGN.md §3), for comparing like for like with PDQ.</summary>
public enum ClassicHashAlgorithm
{
    /// <summary>Average hash as OpenCV's <c>img_hash::AverageHash</c> computes it (see <see cref="ClassicHasher.AverageHash"/>).</summary>
    AHash = 0,

    /// <summary>Difference hash as Python imagehash's <c>dhash</c> defines it (see <see cref="ClassicHasher.DifferenceHash"/>).</summary>
    DHash = 1,

    /// <summary>Perceptual (DCT) hash as OpenCV's <c>img_hash::PHash</c> computes it (see <see cref="ClassicHasher.PerceptualHash"/>).</summary>
    PHash = 2,
}
