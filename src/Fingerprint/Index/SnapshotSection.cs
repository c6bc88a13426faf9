namespace Fingerprint.Index;

/// <summary>One section of an index snapshot: what it holds, for which chunk, where it lies (bytes from the file start).</summary>
internal readonly record struct SnapshotSection(SnapshotSectionKind Kind, int Chunk, long Offset, long Length)
{
    public string Name => Kind switch
    {
        SnapshotSectionKind.Rows => "rows",
        SnapshotSectionKind.Ids => "ids",
        SnapshotSectionKind.ChunkOffsets => $"chunk {Chunk} offsets",
        SnapshotSectionKind.ChunkPostings => $"chunk {Chunk} postings",
        _ => $"section kind {(uint)Kind}",
    };
}
