using Fingerprint.Hashing;

namespace Fingerprint.IndexBench;

/// <summary>
/// Seeded bank and query generation (tests/TestUtilities' SplitMix64, compiled in as source). Banks are uniform random,
/// or clustered: N / 20 random family centres, each member within 24 bits of its centre (as near-duplicate families in
/// real banks).
/// </summary>
internal sealed class HashGenerator(ulong seed)
{
    private readonly SplitMix64 _rng = new(seed);

    public ulong Next() => _rng.NextUInt64();

    public int NextInt(int maxExclusive) => _rng.NextInt(maxExclusive);

    public Hash256 Random() => new(Next(), Next(), Next(), Next());

    public Hash256 Flip(Hash256 hash, int bits)
    {
        Span<bool> used = stackalloc bool[Hash256.BitCount];
        for (int n = 0; n < bits; n++)
        {
            int b;
            do
            {
                b = NextInt(Hash256.BitCount);
            }
            while (used[b]);
            used[b] = true;
            hash = hash.FlipBit(b);
        }
        return hash;
    }

    public Hash256[] Bank(string kind, int count)
    {
        var hashes = new Hash256[count];
        if (kind == "random")
        {
            for (int i = 0; i < count; i++)
                hashes[i] = Random();
            return hashes;
        }
        if (kind != "clustered")
            throw new ArgumentException($"Unknown bank kind '{kind}' (random or clustered).");
        var centres = new Hash256[Math.Max(1, count / 20)];
        for (int i = 0; i < centres.Length; i++)
            centres[i] = Random();
        for (int i = 0; i < count; i++)
            hashes[i] = Flip(centres[NextInt(centres.Length)], NextInt(25));
        return hashes;
    }

    /// <summary>
    /// Query groups of <paramref name="variants"/> hashes. In half of the groups one variant is a bank row with 0..40
    /// bits flipped (so about a third of those are within 31 bits: matches exist); everything else is random.
    /// </summary>
    public Hash256[] Queries(Hash256[] bank, int groups, int variants)
    {
        var hashes = new Hash256[groups * variants];
        for (int g = 0; g < groups; g++)
        {
            for (int v = 0; v < variants; v++)
                hashes[g * variants + v] = Random();
            if (g % 2 == 0 && bank.Length > 0)
                hashes[g * variants + NextInt(variants)] = Flip(bank[NextInt(bank.Length)], NextInt(41));
        }
        return hashes;
    }
}
