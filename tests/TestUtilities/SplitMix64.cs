namespace Fingerprint.TestUtilities;

/// <summary>
/// A tiny deterministic generator (Steele, Lea, Flood 2014, "Fast splittable pseudorandom number generators";
/// constants from Vigna's splitmix64.c). Used wherever generated data backs a golden value, because System.Random's
/// seeded sequence is not guaranteed across .NET versions (STYLE.md §3.5). The benchmark projects compile this same
/// file (a linked source, so they take no test dependency) for their generated banks, images and uploads.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    public void NextBytes(Span<byte> destination)
    {
        int i = 0;
        while (i < destination.Length)
        {
            ulong v = NextUInt64();
            for (int b = 0; b < 8 && i < destination.Length; b++, i++, v >>= 8)
                destination[i] = (byte)v;
        }
    }
}
