using System.Buffers.Binary;
using System.IO.Hashing;
using Fingerprint.TestUtilities;

namespace Fingerprint.Cli.Tests.TestSupport;

/// <summary>
/// Builds hostile inputs from good files (issue 3.5, the CLI side): truncations, bit flips, empty and random files,
/// decompression-bomb headers (real headers with patched sizes) and a GIF declaring 10 000 frames. The decoder-level
/// corpus is Fingerprint.Media.Tests' HostileInputTests; these are the few a scan must survive side by side.
/// </summary>
internal static class HostileFiles
{
    /// <summary>The first <paramref name="fraction"/> of the file.</summary>
    public static byte[] Truncate(byte[] good, double fraction) => good[..(int)(good.Length * fraction)];

    /// <summary>Flips <paramref name="count"/> random bits in the second half of the file (past the headers).</summary>
    public static byte[] FlipBits(byte[] good, int count, ulong seed)
    {
        byte[] bad = (byte[])good.Clone();
        var rng = new SplitMix64(seed);
        int start = bad.Length / 2;
        for (int i = 0; i < count; i++)
        {
            int bit = rng.NextInt((bad.Length - start) * 8);
            bad[start + bit / 8] ^= (byte)(1 << (bit % 8));
        }
        return bad;
    }

    /// <summary>Random bytes that start with no known signature (a text prefix).</summary>
    public static byte[] Junk(int length, ulong seed)
    {
        byte[] junk = new byte[length];
        new SplitMix64(seed).NextBytes(junk);
        "junk, not media: "u8.CopyTo(junk);
        return junk;
    }

    /// <summary>A PNG whose IHDR (CRC fixed) declares width x height.</summary>
    public static byte[] PngBomb(byte[] png, int width, int height)
    {
        byte[] bomb = (byte[])png.Clone();
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(29), Crc32.HashToUInt32(bomb.AsSpan(12, 17)));
        return bomb;
    }

    /// <summary>A JPEG whose SOF0/1/2 marker declares width x height.</summary>
    public static byte[] JpegBomb(byte[] jpeg, int width, int height)
    {
        byte[] bomb = (byte[])jpeg.Clone();
        for (int i = 2; i + 9 < bomb.Length;)
        {
            byte marker = bomb[i + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(bomb.AsSpan(i + 2));
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bomb.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(bomb.AsSpan(i + 7), (ushort)width);
                return bomb;
            }
            i += 2 + length;
        }
        throw new InvalidOperationException("no SOF marker");
    }

    /// <summary>
    /// An animated GIF89a (GIF89a spec §18-23) of <paramref name="frames"/> full-canvas frames of side x side pixels with
    /// a 4-colour global table and 10 ms delays; frame f shows the diagonal stripes (x + y + f) mod 4. The LZW stream is
    /// written uncompressed: minimum code size 2, so codes are 3 bits wide, and a clear code after every two pixels keeps
    /// the code table from growing past 3-bit codes.
    /// </summary>
    public static byte[] AnimatedGif(int frames, int side)
    {
        using var ms = new MemoryStream();
        ms.Write("GIF89a"u8);
        void Word(int v)
        {
            ms.WriteByte((byte)v);
            ms.WriteByte((byte)(v >> 8));
        }
        Word(side);
        Word(side);
        ms.WriteByte(0xF1);   // global colour table, 8-bit colour resolution, 2^(1+1) = 4 entries
        ms.WriteByte(0);
        ms.WriteByte(0);
        ms.Write([0, 0, 0, 255, 255, 255, 200, 30, 30, 30, 30, 200]);
        ms.Write([0x21, 0xFF, 0x0B]);
        ms.Write("NETSCAPE2.0"u8);
        ms.Write([0x03, 0x01, 0x00, 0x00, 0x00]);   // loop forever
        byte[] pixels = new byte[side * side];
        for (int f = 0; f < frames; f++)
        {
            ms.Write([0x21, 0xF9, 0x04, 0x00]);   // graphic control: no disposal, no transparency
            Word(1);                               // 1/100 s
            ms.Write([0x00, 0x00]);
            ms.WriteByte(0x2C);
            Word(0);
            Word(0);
            Word(side);
            Word(side);
            ms.WriteByte(0);
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                    pixels[y * side + x] = (byte)((x + y + f) & 3);
            }
            WriteUncompressedLzw(ms, pixels);
        }
        ms.WriteByte(0x3B);
        return ms.ToArray();
    }

    private static void WriteUncompressedLzw(MemoryStream ms, byte[] pixels)
    {
        const int Clear = 4, End = 5, Width = 3;
        var data = new List<byte>();
        int acc = 0, bits = 0;
        void Code(int c)
        {
            acc |= c << bits;
            bits += Width;
            while (bits >= 8)
            {
                data.Add((byte)acc);
                acc >>= 8;
                bits -= 8;
            }
        }
        for (int i = 0; i < pixels.Length; i++)
        {
            if (i % 2 == 0)
                Code(Clear);
            Code(pixels[i]);
        }
        Code(End);
        if (bits > 0)
            data.Add((byte)acc);
        ms.WriteByte(2);   // LZW minimum code size
        for (int i = 0; i < data.Count; i += 255)
        {
            int n = Math.Min(255, data.Count - i);
            ms.WriteByte((byte)n);
            for (int k = 0; k < n; k++)
                ms.WriteByte(data[i + k]);
        }
        ms.WriteByte(0);
    }
}
