namespace Fingerprint.Index;

/// <summary>Kinds of section in an index snapshot (see <see cref="SnapshotLayout"/> for the file format).</summary>
internal enum SnapshotSectionKind : uint
{
    Rows = 1,
    Ids = 2,
    ChunkOffsets = 3,
    ChunkPostings = 4,
}
