using Fingerprint.Hashing;

namespace Fingerprint.IndexBench;

/// <summary>
/// The hash files both sides read: N x 32 bytes, each hash in its canonical big-endian form (Hash256.WriteBytes, the
/// same order as the hex text). faiss reads them as an (N, 32) uint8 array; Hamming distance does not depend on the
/// byte order as long as both sides use the same one.
/// </summary>
internal static class HashFile
{
    public static void Write(string path, ReadOnlySpan<Hash256> hashes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> buffer = stackalloc byte[Hash256.ByteLength];
        foreach (Hash256 hash in hashes)
        {
            hash.WriteBytes(buffer);
            stream.Write(buffer);
        }
    }

    public static Hash256[] Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length % Hash256.ByteLength != 0)
            throw new InvalidDataException($"{path}: {bytes.Length} bytes is not a whole number of 32-byte hashes.");
        var hashes = new Hash256[bytes.Length / Hash256.ByteLength];
        for (int i = 0; i < hashes.Length; i++)
            hashes[i] = Hash256.FromBytes(bytes.AsSpan(i * Hash256.ByteLength, Hash256.ByteLength));
        return hashes;
    }
}
