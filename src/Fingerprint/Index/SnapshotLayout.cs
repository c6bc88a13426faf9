using System.Buffers.Binary;
using System.IO.Hashing;
using Fingerprint.Hashing;

namespace Fingerprint.Index;

/// <summary>
/// The index snapshot file (DESIGN.md §4), which is also the in-memory image of a <see cref="HammingIndex"/>: an
/// index is built straight into this layout, written out as is, and opened again by mapping the file read-only.
/// <code>
/// offset  size  field (all integers little-endian)
/// 0       8     magic "FPHAMIDX"
/// 8       4     format version (1)
/// 12      4     header size (4096)
/// 16      4     hash type (1 = Hash256 / PDQ)
/// 20      4     row size in bytes (32)
/// 24      8     row count N (0 .. 2^31 - 2)
/// 32      8     checkpoint (caller-defined, e.g. the bank change-log sequence the snapshot reflects)
/// 40      4     chunk count m (0 = flat index, no multi-index tables; else 11..32)
/// 44      4     section count (2 + 2m)
/// 48      8     file length in bytes
/// 56      8     reserved (0)
/// 64      32*s  section table: kind u32, chunk u32, offset u64, length u64, CRC-32 u32, reserved u32
/// ...     8*m   chunk table: first bit u32, width u32
/// 4092    4     CRC-32 of bytes 0..4091
/// 4096          rows: N x 32 bytes, each Hash256 as its four 64-bit words W0..W3 (W0 = bits 0..63), little-endian
/// ...           ids: N x int64                                        (every section starts on a 64-byte boundary)
/// ...           per chunk i: offsets, (2^width_i + 1) x uint32; postings, N x uint32 row numbers (CSR: the rows whose
///               chunk i equals v are postings[offsets[v] .. offsets[v + 1]), ascending)
/// </code>
/// CRC-32 is the IEEE polynomial (System.IO.Hashing.Crc32), over each section's bytes. Opening always checks the
/// header (magic, version, header CRC, types, sizes, that every section lies where the layout says and that the file
/// is exactly as long as the header says); the section CRCs (a full read of the file) are checked only on request,
/// so that opening a 10M-row snapshot costs a header read and a mapping, not a 1 GB read. Unverified table contents
/// cannot crash a query: every offset and posting is bounds-checked where it is used.
/// </summary>
internal sealed class SnapshotLayout
{
    public const uint FormatVersion = 1;
    public const int HeaderSize = 4096;
    public const uint HashTypeHash256 = 1;
    public const int RowSize = 32;
    public const int SectionAlignment = 64;
    public const int HeaderCrcOffset = HeaderSize - sizeof(uint);
    public const int SectionTableOffset = 64;
    public const int SectionEntrySize = 32;

    /// <summary>Largest row count: row numbers are int, and the offsets arrays are uint32.</summary>
    public const long MaxCount = int.MaxValue - 1;

    public static ReadOnlySpan<byte> Magic => "FPHAMIDX"u8;

    private SnapshotLayout(long count, ChunkLayout? chunks, SnapshotSection[] sections, long fileLength)
    {
        Count = count;
        Chunks = chunks;
        Sections = sections;
        FileLength = fileLength;
    }

    public long Count { get; }

    public ChunkLayout? Chunks { get; }

    public int ChunkCount => Chunks?.Count ?? 0;

    /// <summary>Rows, ids, then (offsets, postings) for each chunk.</summary>
    public SnapshotSection[] Sections { get; }

    public long FileLength { get; }

    public SnapshotSection Rows => Sections[0];

    public SnapshotSection Ids => Sections[1];

    public SnapshotSection Offsets(int chunk) => Sections[2 + 2 * chunk];

    public SnapshotSection Postings(int chunk) => Sections[3 + 2 * chunk];

    public static SnapshotLayout Compute(long count, ChunkLayout? chunks)
    {
        int m = chunks?.Count ?? 0;
        var sections = new SnapshotSection[2 + 2 * m];
        long position = HeaderSize;
        sections[0] = Place(SnapshotSectionKind.Rows, 0, count * RowSize, ref position);
        sections[1] = Place(SnapshotSectionKind.Ids, 0, count * sizeof(long), ref position);
        for (int i = 0; i < m; i++)
        {
            sections[2 + 2 * i] = Place(SnapshotSectionKind.ChunkOffsets, i, ((1L << chunks!.Width(i)) + 1) * sizeof(uint), ref position);
            sections[3 + 2 * i] = Place(SnapshotSectionKind.ChunkPostings, i, count * sizeof(uint), ref position);
        }
        long end = sections[^1].Offset + sections[^1].Length;
        return new SnapshotLayout(count, chunks, sections, Math.Max(end, HeaderSize));
    }

    private static SnapshotSection Place(SnapshotSectionKind kind, int chunk, long length, ref long position)
    {
        long offset = (position + SectionAlignment - 1) & ~(long)(SectionAlignment - 1);
        position = offset + length;
        return new SnapshotSection(kind, chunk, offset, length);
    }

    /// <summary>Writes the complete header (section CRCs as given, header CRC computed) into <paramref name="header"/>.</summary>
    public void WriteHeader(Span<byte> header, long checkpoint, ReadOnlySpan<uint> sectionCrcs)
    {
        header[..HeaderSize].Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], HashTypeHash256);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], RowSize);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], Count);
        BinaryPrimitives.WriteInt64LittleEndian(header[32..], checkpoint);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)ChunkCount);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], (uint)Sections.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header[48..], FileLength);
        for (int s = 0; s < Sections.Length; s++)
        {
            Span<byte> entry = header.Slice(SectionTableOffset + s * SectionEntrySize, SectionEntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)Sections[s].Kind);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], (uint)Sections[s].Chunk);
            BinaryPrimitives.WriteInt64LittleEndian(entry[8..], Sections[s].Offset);
            BinaryPrimitives.WriteInt64LittleEndian(entry[16..], Sections[s].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[24..], sectionCrcs.IsEmpty ? 0 : sectionCrcs[s]);
        }
        int chunkTable = SectionTableOffset + Sections.Length * SectionEntrySize;
        for (int i = 0; i < ChunkCount; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(chunkTable + 8 * i)..], (uint)Chunks!.Start(i));
            BinaryPrimitives.WriteUInt32LittleEndian(header[(chunkTable + 8 * i + 4)..], (uint)Chunks.Width(i));
        }
        BinaryPrimitives.WriteUInt32LittleEndian(header[HeaderCrcOffset..], Crc32.HashToUInt32(header[..HeaderCrcOffset]));
    }

    /// <summary>
    /// Parses and validates a header against the actual file length. Throws <see cref="InvalidDataException"/> saying
    /// what is wrong; on success returns the layout, the checkpoint and the stored section CRCs.
    /// </summary>
    public static SnapshotLayout ReadHeader(ReadOnlySpan<byte> header, long fileLength, string source, out long checkpoint, out uint[] sectionCrcs)
    {
        if (fileLength < HeaderSize || header.Length < HeaderSize)
            throw Refuse(source, $"the file is {fileLength} bytes, shorter than the {HeaderSize}-byte header (truncated or not an index snapshot)");
        if (!header[..Magic.Length].SequenceEqual(Magic))
            throw Refuse(source, $"wrong magic bytes {Convert.ToHexString(header[..Magic.Length])} (expected \"FPHAMIDX\"): not a Fingerprint index snapshot");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
            throw Refuse(source, $"unsupported format version {version} (this build reads version {FormatVersion})");
        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[HeaderCrcOffset..]);
        uint actualCrc = Crc32.HashToUInt32(header[..HeaderCrcOffset]);
        if (storedCrc != actualCrc)
            throw Refuse(source, $"header checksum mismatch (stored 0x{storedCrc:x8}, computed 0x{actualCrc:x8}): the header is corrupt");

        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        uint hashType = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        uint rowSize = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
        long count = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        checkpoint = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
        uint chunkCount = BinaryPrimitives.ReadUInt32LittleEndian(header[40..]);
        uint sectionCount = BinaryPrimitives.ReadUInt32LittleEndian(header[44..]);
        long declaredLength = BinaryPrimitives.ReadInt64LittleEndian(header[48..]);
        if (headerSize != HeaderSize)
            throw Refuse(source, $"header size {headerSize} is not {HeaderSize}");
        if (hashType != HashTypeHash256 || rowSize != RowSize)
            throw Refuse(source, $"unsupported hash type {hashType} with {rowSize}-byte rows (this build reads type {HashTypeHash256}, Hash256, {RowSize}-byte rows)");
        if (count is < 0 or > MaxCount)
            throw Refuse(source, $"row count {count} is out of range 0..{MaxCount}");

        ChunkLayout? chunks = null;
        if (chunkCount != 0)
        {
            if (chunkCount is < ChunkLayout.MinChunkCount or > ChunkLayout.MaxChunkCount)
                throw Refuse(source, $"chunk count {chunkCount} is out of range ({ChunkLayout.MinChunkCount}..{ChunkLayout.MaxChunkCount}, or 0)");
            int chunkTable = SectionTableOffset + (2 + 2 * (int)chunkCount) * SectionEntrySize;
            var starts = new int[chunkCount];
            var widths = new int[chunkCount];
            for (int i = 0; i < chunkCount; i++)
            {
                starts[i] = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(header[(chunkTable + 8 * i)..]), int.MaxValue);
                widths[i] = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(header[(chunkTable + 8 * i + 4)..]), int.MaxValue);
            }
            chunks = ChunkLayout.TryCreate(starts, widths)
                ?? throw Refuse(source, "the chunk table does not describe contiguous chunks of 8..24 bits covering all 256 bits");
        }

        SnapshotLayout expected = Compute(count, chunks);
        if (sectionCount != expected.Sections.Length)
            throw Refuse(source, $"section count {sectionCount} does not match {expected.Sections.Length} for {chunkCount} chunks");
        sectionCrcs = new uint[sectionCount];
        for (int s = 0; s < sectionCount; s++)
        {
            ReadOnlySpan<byte> entry = header.Slice(SectionTableOffset + s * SectionEntrySize, SectionEntrySize);
            SnapshotSection want = expected.Sections[s];
            var got = new SnapshotSection(
                (SnapshotSectionKind)BinaryPrimitives.ReadUInt32LittleEndian(entry),
                (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]), int.MaxValue),
                BinaryPrimitives.ReadInt64LittleEndian(entry[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(entry[16..]));
            if (got != want)
                throw Refuse(source, $"section {s} is {got.Name} at {got.Offset} ({got.Length} bytes); the layout for {count} rows needs {want.Name} at {want.Offset} ({want.Length} bytes)");
            sectionCrcs[s] = BinaryPrimitives.ReadUInt32LittleEndian(entry[24..]);
        }
        if (declaredLength != expected.FileLength)
            throw Refuse(source, $"the header records a file length of {declaredLength} bytes; its layout needs {expected.FileLength}");
        if (fileLength != expected.FileLength)
        {
            throw Refuse(source, fileLength < expected.FileLength
                ? $"the file is {fileLength} bytes but the header describes {expected.FileLength} (truncated)"
                : $"the file is {fileLength} bytes but the header describes {expected.FileLength} (trailing data)");
        }
        return expected;
    }

    /// <summary>An <see cref="InvalidDataException"/> naming the file and what is wrong with it.</summary>
    public static InvalidDataException Refuse(string source, string reason) =>
        new($"Index snapshot '{source}' is refused: {reason}.");

    /// <summary>CRC-32 of <paramref name="length"/> bytes at <paramref name="data"/> (any length; spans are limited to 2 GiB).</summary>
    public static unsafe uint Crc(byte* data, long length)
    {
        var crc = new Crc32();
        const int Step = 1 << 30;
        for (long done = 0; done < length; done += Step)
            crc.Append(new ReadOnlySpan<byte>(data + done, (int)Math.Min(Step, length - done)));
        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>Whether a Hash256 in memory is the file's row format (four little-endian 64-bit words, W0 first).</summary>
    public static bool HostMatchesRowFormat => BitConverter.IsLittleEndian && System.Runtime.CompilerServices.Unsafe.SizeOf<Hash256>() == RowSize;
}
