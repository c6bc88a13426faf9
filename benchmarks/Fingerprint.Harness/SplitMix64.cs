namespace Fingerprint.Harness;

/// <summary>
/// Seeded generator for benchmark data (SplitMix64: Steele, Lea, Flood 2014; constants from Vigna's splitmix64.c, the
/// same generator as tests/TestUtilities and Fingerprint.IndexBench): the same seed gives the same data on every run
/// and every .NET version, which System.Random does not promise.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => (int)(Next() % (ulong)maxExclusive);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();
}
