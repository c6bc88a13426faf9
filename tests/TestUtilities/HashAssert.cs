using Fingerprint.Hashing;
using Xunit.Sdk;

namespace Fingerprint.TestUtilities;

/// <summary>Hash assertions. Tolerances are stated per call with their source (STYLE.md §3.11), never as a blanket rule.</summary>
public static class HashAssert
{
    public static void Equal(string expectedHex, Hash256 actual, string? context = null)
    {
        Hash256 expected = Hash256.Parse(expectedHex);
        if (expected != actual)
            throw new XunitException(
                $"{context}{(context is null ? "" : ": ")}expected {expected}, got {actual} (distance {expected.DistanceTo(actual)})");
    }

    public static void WithinDistance(Hash256 expected, Hash256 actual, int maxBits, string? context = null)
    {
        int d = expected.DistanceTo(actual);
        if (d > maxBits)
            throw new XunitException(
                $"{context}{(context is null ? "" : ": ")}distance {d} exceeds {maxBits} bits (expected {expected}, got {actual})");
    }
}
