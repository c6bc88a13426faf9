using Fingerprint.Hashing;

namespace Fingerprint.TestUtilities;

/// <summary>Seeded hash sets for property tests: uniform random, and clustered near-duplicate families as real banks have.</summary>
public static class SyntheticHashes
{
    public static Hash256 Random(SplitMix64 rng) =>
        new(rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64());

    public static Hash256[] Random(SplitMix64 rng, int count)
    {
        var hashes = new Hash256[count];
        for (int i = 0; i < count; i++)
            hashes[i] = Random(rng);
        return hashes;
    }

    /// <summary>Flips <paramref name="bits"/> distinct random bits of <paramref name="hash"/>.</summary>
    public static Hash256 FlipRandomBits(SplitMix64 rng, Hash256 hash, int bits)
    {
        Span<bool> used = stackalloc bool[256];
        for (int n = 0; n < bits; n++)
        {
            int b;
            do b = rng.NextInt(256); while (used[b]);
            used[b] = true;
            hash = hash.FlipBit(b);
        }
        return hash;
    }

    /// <summary>
    /// <paramref name="families"/> random centres, each followed by members within <paramref name="maxFlips"/> bits of it,
    /// <paramref name="count"/> hashes in all.
    /// </summary>
    public static Hash256[] Clustered(SplitMix64 rng, int count, int families, int maxFlips)
    {
        var centres = Random(rng, Math.Max(1, families));
        var hashes = new Hash256[count];
        for (int i = 0; i < count; i++)
            hashes[i] = FlipRandomBits(rng, centres[rng.NextInt(centres.Length)], rng.NextInt(maxFlips + 1));
        return hashes;
    }
}
