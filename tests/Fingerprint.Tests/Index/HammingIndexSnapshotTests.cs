using System.Buffers.Binary;
using System.IO.Hashing;
using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.TestUtilities;
using static Fingerprint.Tests.Index.IndexTestData;

namespace Fingerprint.Tests.Index;

/// <summary>Snapshot files: round trip, atomic write, and refusal of truncated, corrupt or foreign files.</summary>
public sealed class HammingIndexSnapshotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fp-index-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, int> RoundTripCases() => new()
    {
        { "Flat", 0 },
        { "Flat", 1 },
        { "Flat", 777 },
        { "Mih16", 0 },
        { "Mih16", 5000 },
        { "Mih11", 333 },
        { "Mih18", 2001 },
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void WriteTo_Open_RoundTripsRowsIdsTablesAndCheckpoint(string config, int size)
    {
        Hash256[] bank = Bank(BankKind.Clustered, size, (ulong)size + 11);
        long[] ids = Ids(size, (ulong)size + 11);
        using HammingIndex built = HammingIndex.Create(bank, ids, HammingIndexTests.Configs[config] with { Checkpoint = 0x1234_5678_9abcL });
        string path = Path.Combine(_directory, "bank.fpidx");
        built.WriteTo(path);

        foreach (bool verify in new[] { false, true })
        {
            using HammingIndex opened = HammingIndex.Open(path, verify, HammingIndexTests.Configs[config]);
            Assert.True(opened.IsMapped);
            Assert.False(built.IsMapped);
            Assert.Equal(size, opened.Count);
            Assert.Equal(0x1234_5678_9abcL, opened.Checkpoint);
            Assert.Equal(built.Strategy, opened.Strategy);
            Assert.Equal(built.ChunkWidths, opened.ChunkWidths);
            Assert.Equal(new FileInfo(path).Length, opened.MemoryBytes);
            var hashes = new Hash256[size];
            var openedIds = new long[size];
            opened.CopyHashes(hashes);
            opened.CopyIds(openedIds);
            Assert.Equal(bank, hashes);
            Assert.Equal(ids, openedIds);

            var rng = new SplitMix64(99);
            var expected = new List<IndexMatch>();
            var actual = new List<IndexMatch>();
            foreach (Hash256 query in Queries(rng, bank, 20, 40))
            {
                expected.Clear();
                actual.Clear();
                built.Search(query, 31, expected);
                opened.Search(query, 31, actual);
                AssertSame(expected, actual, "search");
                AssertSame(BruteForce(bank, ids, [query], 1, 31), actual, "brute force");
            }
        }

        // Writing is deterministic, and an opened (mapped) index writes the same bytes again.
        string again = Path.Combine(_directory, "again.fpidx");
        using (HammingIndex opened = HammingIndex.Open(path))
            opened.WriteTo(again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        Assert.Equal(2, Directory.GetFiles(_directory).Length);   // no temporary files left
    }

    [Fact]
    public void Open_TruncatedAnywhere_IsRefusedAsTruncated()
    {
        string path = WriteSample(out byte[] bytes);
        string truncated = Path.Combine(_directory, "truncated.fpidx");
        var rng = new SplitMix64(5);
        var lengths = new List<int> { 0, 1, 7, 8, 12, 63, 64, 4091, 4095, 4096, 4097, 4096 + 32 * 300, bytes.Length - 1 };
        for (int i = 0; i < 20; i++)
            lengths.Add(rng.NextInt(bytes.Length));
        foreach (int length in lengths)
        {
            File.WriteAllBytes(truncated, bytes.AsSpan(0, length).ToArray());
            InvalidDataException ex = Assert.Throws<InvalidDataException>(() => HammingIndex.Open(truncated));
            Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
            Assert.Contains(truncated, ex.Message, StringComparison.Ordinal);
        }
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Open_TrailingData_IsRefused()
    {
        WriteSample(out byte[] bytes);
        string longer = Path.Combine(_directory, "longer.fpidx");
        File.WriteAllBytes(longer, [.. bytes, 0]);
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => HammingIndex.Open(longer));
        Assert.Contains("trailing data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AnyHeaderBitFlipped_IsRefused()
    {
        WriteSample(out byte[] bytes);
        string corrupt = Path.Combine(_directory, "corrupt.fpidx");
        var rng = new SplitMix64(6);
        var positions = new List<int> { 0, 7, 8, 11, 12, 16, 20, 24, 31, 32, 40, 44, 48, 64, 100, 2000, 4091, 4092, 4095 };
        for (int i = 0; i < 30; i++)
            positions.Add(rng.NextInt(SnapshotLayout.HeaderSize));
        foreach (int position in positions)
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[position] ^= (byte)(1 << rng.NextInt(8));
            File.WriteAllBytes(corrupt, copy);
            InvalidDataException ex = Assert.Throws<InvalidDataException>(() => HammingIndex.Open(corrupt));
            string expected = position < 8 ? "magic" : position < 12 ? "version" : "header checksum mismatch";
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Open_WrongMagic_SaysItIsNotASnapshot()
    {
        string path = Path.Combine(_directory, "photo.jpg");
        byte[] bytes = new byte[8192];
        "\xFF\xD8\xFF\xE0JFIF"u8.ToArray().CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => HammingIndex.Open(path));
        Assert.Contains("wrong magic bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a Fingerprint index snapshot", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WrongVersionWithValidChecksum_NamesTheVersion()
    {
        WriteSample(out byte[] bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 2);
        ResealHeader(bytes);
        string path = Path.Combine(_directory, "v2.fpidx");
        File.WriteAllBytes(path, bytes);
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => HammingIndex.Open(path));
        Assert.Contains("unsupported format version 2 (this build reads version 1)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24, -1L, "row count -1 is out of range")]
    [InlineData(24, 1L << 40, "row count 1099511627776 is out of range")]
    [InlineData(16, 2L, "unsupported hash type 2")]
    [InlineData(40, 7L, "chunk count 7 is out of range")]
    [InlineData(48, 123L, "file length of 123 bytes")]
    public void Open_InconsistentHeaderWithValidChecksum_IsRefusedWithReason(int offset, long value, string reason)
    {
        WriteSample(out byte[] bytes);
        if (offset is 24 or 48)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset), value);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), (uint)value);
        ResealHeader(bytes);
        string path = Path.Combine(_directory, "inconsistent.fpidx");
        File.WriteAllBytes(path, bytes);
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => HammingIndex.Open(path));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CorruptSections_OpensUnverified_RefusedWhenVerified()
    {
        string path = WriteSample(out byte[] bytes);
        using HammingIndex sample = HammingIndex.Open(path);
        SnapshotLayout layout = SnapshotLayout.Compute(sample.Count, ChunkLayout.ForBits(16));
        foreach (SnapshotSection section in new[] { layout.Rows, layout.Ids, layout.Offsets(3), layout.Postings(15) })
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[section.Offset + section.Length / 2] ^= 0x10;
            string corrupt = Path.Combine(_directory, "section.fpidx");
            File.WriteAllBytes(corrupt, copy);
            using (HammingIndex.Open(corrupt, verify: false))
            {
                // Documented: section CRCs are not on the default open path.
            }
            InvalidDataException ex = Assert.Throws<InvalidDataException>(() => HammingIndex.Open(corrupt, verify: true));
            Assert.Contains($"{section.Name} checksum mismatch", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Search_CorruptTablesUnverified_ThrowsInvalidDataInsteadOfReadingOutOfBounds()
    {
        string path = WriteSample(out byte[] bytes);
        Hash256 query;
        using (HammingIndex sample = HammingIndex.Open(path))
            query = sample.GetHash(10);
        SnapshotLayout layout = SnapshotLayout.Compute(bytes.Length > 0 ? ReadCount(bytes) : 0, ChunkLayout.ForBits(16));
        string corrupt = Path.Combine(_directory, "tables.fpidx");

        // Every posting of every chunk points far outside the rows.
        byte[] postings = (byte[])bytes.Clone();
        for (int c = 0; c < 16; c++)
            postings.AsSpan((int)layout.Postings(c).Offset, (int)layout.Postings(c).Length).Fill(0xEE);
        File.WriteAllBytes(corrupt, postings);
        using (HammingIndex index = HammingIndex.Open(corrupt, options: HammingIndexTests.Configs["Mih16"]))
        {
            InvalidDataException ex = Assert.Throws<InvalidDataException>(() => index.Search(query, 31, []));
            Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        }

        // Offsets that run past the postings.
        byte[] offsets = (byte[])bytes.Clone();
        for (int c = 0; c < 16; c++)
            offsets.AsSpan((int)layout.Offsets(c).Offset, (int)layout.Offsets(c).Length).Fill(0x7F);
        File.WriteAllBytes(corrupt, offsets);
        using (HammingIndex index = HammingIndex.Open(corrupt, options: HammingIndexTests.Configs["Mih16"]))
            Assert.Throws<InvalidDataException>(() => index.Search(query, 31, []));
    }

    [Fact]
    public void WriteTo_TargetIsADirectory_FailsAndLeavesNoTemporaryFile()
    {
        using HammingIndex index = HammingIndex.Create(Bank(BankKind.Random, 100, 1));
        string target = Path.Combine(_directory, "occupied");
        Directory.CreateDirectory(target);
        Assert.ThrowsAny<IOException>(() => index.WriteTo(target));
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.True(Directory.Exists(target));
    }

    [Fact]
    public void WriteTo_MissingDirectory_FailsAndCreatesNothing()
    {
        using HammingIndex index = HammingIndex.Create(Bank(BankKind.Random, 100, 1));
        Assert.Throws<DirectoryNotFoundException>(() => index.WriteTo(Path.Combine(_directory, "no", "such", "bank.fpidx")));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void WriteTo_ReplacesExistingSnapshot_WhileTheOldOneIsOpen()
    {
        string path = Path.Combine(_directory, "bank.fpidx");
        Hash256[] first = Bank(BankKind.Random, 300, 1), second = Bank(BankKind.Random, 500, 2);
        using (HammingIndex a = HammingIndex.Create(first))
            a.WriteTo(path);
        using HammingIndex openedFirst = HammingIndex.Open(path);
        using (HammingIndex b = HammingIndex.Create(second, new HammingIndexOptions { Checkpoint = 2 }))
            b.WriteTo(path);
        using HammingIndex openedSecond = HammingIndex.Open(path, verify: true);
        Assert.Equal(500, openedSecond.Count);
        Assert.Equal(2, openedSecond.Checkpoint);
        // The first mapping still reads the first snapshot.
        Assert.Equal(300, openedFirst.Count);
        Assert.Equal(first[299], openedFirst.GetHash(299));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Open_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => HammingIndex.Open(Path.Combine(_directory, "missing.fpidx")));

    [Fact]
    public void Dispose_MappedIndex_ThenQuery_ThrowsObjectDisposed()
    {
        string path = WriteSample(out _);
        HammingIndex index = HammingIndex.Open(path);
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => index.Search(Hash256.Zero, 31, []));
        File.Delete(path);   // the mapping is gone: the file can go too
    }

    /// <summary>A 16 x 16 multi-index snapshot of 3000 clustered rows.</summary>
    private string WriteSample(out byte[] bytes)
    {
        string path = Path.Combine(_directory, "sample.fpidx");
        if (!File.Exists(path))
        {
            Hash256[] bank = Bank(BankKind.Clustered, 3000, 42);
            using HammingIndex index = HammingIndex.Create(bank, Ids(3000, 42), HammingIndexTests.Configs["Mih16"] with { Checkpoint = 7 });
            index.WriteTo(path);
        }
        bytes = File.ReadAllBytes(path);
        return path;
    }

    private static long ReadCount(byte[] bytes) => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24));

    /// <summary>Recomputes the header CRC (bytes 0..4091, CRC-32 at 4092), as an independent writer would.</summary>
    private static void ResealHeader(byte[] bytes) =>
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4092), Crc32.HashToUInt32(bytes.AsSpan(0, 4092)));
}
