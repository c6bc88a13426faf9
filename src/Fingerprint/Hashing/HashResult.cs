namespace Fingerprint.Hashing;

/// <summary>A PDQ hash and its quality (0..100; the reference recommends discarding hashes with quality below 50).</summary>
public readonly record struct HashResult(Hash256 Hash, int Quality);
