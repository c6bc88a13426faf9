namespace Fingerprint.Cli.Bench;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA; the constants of
/// Vigna's reference splitmix64.c): a tiny generator whose sequence is fixed by this code, not by the .NET version, so
/// a bootstrap run with the same --seed gives the same numbers everywhere.
/// </summary>
internal sealed class BenchRandom
{
    private ulong _state;

    public BenchRandom(ulong seed) => _state = seed;

    /// <summary>A seed for one named stream: the base seed mixed with the FNV-1a hash of <paramref name="stream"/>.</summary>
    public static ulong Derive(ulong seed, string stream)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in stream)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return Mix(seed ^ h);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in 0..n-1 (multiply-shift of the high 32 bits; bias below n / 2^32).</summary>
    public int Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
