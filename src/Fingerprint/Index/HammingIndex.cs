using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fingerprint.Hashing;
using Fingerprint.Internal;
using Fingerprint.Simd;

namespace Fingerprint.Index;

/// <summary>
/// An immutable, exact Hamming-distance index over 256-bit hashes with a 64-bit id beside each row (DESIGN.md §4).
/// Rows are contiguous and 32-byte aligned in native memory (or in a read-only mapping of a snapshot file); all
/// queries are thread-safe and never block one another.
/// <para>
/// Two exact strategies (<see cref="HammingIndexStrategy"/>): a batched flat pass (up to 8 query hashes per pass over
/// the rows, Meta's pdq/cpp/index/flat.h) and multi-index hashing (Norouzi et al., TPAMI 2014; Meta's
/// pdq/cpp/index/mih.h) with compact CSR tables. Radius queries are inclusive (distance &lt;= maxDistance), as in the
/// reference. Results are appended to the caller's list ordered by (QueryIndex, RowIndex), identical whichever
/// strategy answers.
/// </para>
/// </summary>
public sealed unsafe partial class HammingIndex : IDisposable
{
    /// <summary>The PDQ match threshold (DESIGN.md §3): distance &lt;= 31.</summary>
    public const int DefaultMaxDistance = 31;

    /// <summary>Most hashes per query group (the 8 dihedral variants).</summary>
    public const int MaxVariants = 8;

    private static readonly object s_noPlan = new();

    private readonly IndexImage _image;
    private readonly SnapshotLayout _layout;
    private readonly Hash256* _rows;
    private readonly long* _ids;
    private readonly int _count;
    private readonly ChunkLayout? _chunks;
    private readonly nint[] _offsets;
    private readonly nint[] _postings;
    private readonly HammingIndexStrategy _requested;
    private readonly int _maxDegreeOfParallelism;
    private readonly object?[] _plans = new object?[Hash256.BitCount + 1];

    private HammingIndex(IndexImage image, SnapshotLayout layout, long checkpoint, HammingIndexOptions options)
    {
        _image = image;
        _layout = layout;
        _count = (int)layout.Count;
        _rows = (Hash256*)(image.Pointer + layout.Rows.Offset);
        _ids = (long*)(image.Pointer + layout.Ids.Offset);
        _chunks = layout.Chunks;
        int m = layout.ChunkCount;
        _offsets = new nint[m];
        _postings = new nint[m];
        for (int i = 0; i < m; i++)
        {
            _offsets[i] = (nint)(image.Pointer + layout.Offsets(i).Offset);
            _postings[i] = (nint)(image.Pointer + layout.Postings(i).Offset);
        }
        _requested = options.Strategy;
        _maxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        Checkpoint = checkpoint;
    }

    /// <summary>Number of rows.</summary>
    public int Count => _count;

    /// <summary><see cref="HammingIndexStrategy.MultiIndex"/> when the index has multi-index tables, else <see cref="HammingIndexStrategy.Flat"/>.</summary>
    public HammingIndexStrategy Strategy => _chunks is null ? HammingIndexStrategy.Flat : HammingIndexStrategy.MultiIndex;

    /// <summary>Number of multi-index chunks (0 for a flat index).</summary>
    public int ChunkCount => _chunks?.Count ?? 0;

    /// <summary>Width in bits of each multi-index chunk (empty for a flat index).</summary>
    public IReadOnlyList<int> ChunkWidths => _chunks is null ? [] : [.. Enumerable.Range(0, _chunks.Count).Select(_chunks.Width)];

    /// <summary>The caller-defined checkpoint (e.g. change-log sequence) this index reflects.</summary>
    public long Checkpoint { get; }

    /// <summary>Bytes the index occupies: header, rows, ids and tables (the snapshot file's size).</summary>
    public long MemoryBytes => _layout.FileLength;

    /// <summary>Whether the rows are a read-only mapping of a snapshot file (see <see cref="Open"/>).</summary>
    public bool IsMapped => _image.IsMapped;

    /// <summary>Builds a flat index whose ids are the row numbers 0..N-1.</summary>
    public static HammingIndex Create(ReadOnlySpan<Hash256> hashes, HammingIndexOptions? options = null)
    {
        long[] ids = new long[hashes.Length];
        for (int i = 0; i < ids.Length; i++)
            ids[i] = i;
        return Create(hashes, ids, options);
    }

    /// <summary>
    /// Builds an index over <paramref name="hashes"/> with <paramref name="ids"/> beside them (same length; ids need not
    /// be unique). The spans are copied; the strategy and chunking follow <paramref name="options"/>.
    /// </summary>
    public static HammingIndex Create(ReadOnlySpan<Hash256> hashes, ReadOnlySpan<long> ids, HammingIndexOptions? options = null)
    {
        options ??= HammingIndexOptions.Default;
        ValidateOptions(options);
        EnsureHostFormat();
        if (ids.Length != hashes.Length)
            ThrowHelper.ThrowArgument(nameof(ids), $"Every hash needs an id: {hashes.Length} hashes, {ids.Length} ids.");
        if (hashes.Length > SnapshotLayout.MaxCount)
            ThrowHelper.ThrowArgument(nameof(hashes), $"An index holds at most {SnapshotLayout.MaxCount} rows.");

        IndexImage image = AllocateImage(hashes.Length, options, out SnapshotLayout layout);
        try
        {
            hashes.CopyTo(RowsOf(image, layout));
            ids.CopyTo(IdsOf(image, layout));
            return Complete(image, layout, options);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new index of the rows of <paramref name="snapshot"/> whose ids are not in <paramref name="removed"/> (in row
    /// order), followed by <paramref name="extraHashes"/>: how a live index folds its delta and tombstones.
    /// </summary>
    internal static HammingIndex Merge(HammingIndex snapshot, IReadOnlySet<long> removed, ReadOnlySpan<Hash256> extraHashes,
        ReadOnlySpan<long> extraIds, HammingIndexOptions options)
    {
        snapshot._image.AddRef();
        try
        {
            var oldIds = new ReadOnlySpan<long>(snapshot._ids, snapshot._count);
            var oldRows = new ReadOnlySpan<Hash256>(snapshot._rows, snapshot._count);
            int kept = snapshot._count;
            if (removed.Count > 0)
            {
                kept = 0;
                foreach (long id in oldIds)
                    kept += removed.Contains(id) ? 0 : 1;
            }
            IndexImage image = AllocateImage(kept + extraHashes.Length, options, out SnapshotLayout layout);
            try
            {
                Span<Hash256> rows = RowsOf(image, layout);
                Span<long> ids = IdsOf(image, layout);
                if (kept == snapshot._count)
                {
                    oldRows.CopyTo(rows);
                    oldIds.CopyTo(ids);
                }
                else
                {
                    int n = 0;
                    for (int i = 0; i < oldIds.Length; i++)
                    {
                        if (removed.Contains(oldIds[i]))
                            continue;
                        rows[n] = oldRows[i];
                        ids[n++] = oldIds[i];
                    }
                }
                extraHashes.CopyTo(rows[kept..]);
                extraIds.CopyTo(ids[kept..]);
                return Complete(image, layout, options);
            }
            catch
            {
                image.Dispose();
                throw;
            }
        }
        finally
        {
            snapshot._image.Release();
        }
    }

    /// <summary>Number of rows whose id is <paramref name="id"/>.</summary>
    internal int CountRowsWithId(long id)
    {
        _image.AddRef();
        try
        {
            return new ReadOnlySpan<long>(_ids, _count).Count(id);
        }
        finally
        {
            _image.Release();
        }
    }

    /// <summary>Native memory laid out for <paramref name="count"/> rows with the options' chunking; header and padding zeroed.</summary>
    private static IndexImage AllocateImage(int count, HammingIndexOptions options, out SnapshotLayout layout)
    {
        layout = SnapshotLayout.Compute(count, ChooseLayout(count, options));
        IndexImage image = IndexImage.Allocate(layout.FileLength);
        ClearPadding(image.Pointer, layout);
        return image;
    }

    private static Span<Hash256> RowsOf(IndexImage image, SnapshotLayout layout) =>
        new(image.Pointer + layout.Rows.Offset, (int)layout.Count);

    private static Span<long> IdsOf(IndexImage image, SnapshotLayout layout) =>
        new(image.Pointer + layout.Ids.Offset, (int)layout.Count);

    /// <summary>Builds the tables over the filled rows, writes the header (without section CRCs) and wraps the image.</summary>
    private static HammingIndex Complete(IndexImage image, SnapshotLayout layout, HammingIndexOptions options)
    {
        if (layout.Chunks is not null)
            BuildTables(image, layout, options.MaxDegreeOfParallelism);
        layout.WriteHeader(new Span<byte>(image.Pointer, SnapshotLayout.HeaderSize), options.Checkpoint, default);
        return new HammingIndex(image, layout, options.Checkpoint, options);
    }

    /// <summary>The hash stored at <paramref name="row"/>.</summary>
    public Hash256 GetHash(int row)
    {
        CheckRow(row);
        _image.AddRef();
        try
        {
            return _rows[row];
        }
        finally
        {
            _image.Release();
        }
    }

    /// <summary>The id stored at <paramref name="row"/>.</summary>
    public long GetId(int row)
    {
        CheckRow(row);
        _image.AddRef();
        try
        {
            return _ids[row];
        }
        finally
        {
            _image.Release();
        }
    }

    /// <summary>Copies all ids (row order) into <paramref name="destination"/>, which must hold <see cref="Count"/>.</summary>
    public void CopyIds(Span<long> destination)
    {
        if (destination.Length < _count)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(destination));
        _image.AddRef();
        try
        {
            new ReadOnlySpan<long>(_ids, _count).CopyTo(destination);
        }
        finally
        {
            _image.Release();
        }
    }

    /// <summary>Copies all hashes (row order) into <paramref name="destination"/>, which must hold <see cref="Count"/>.</summary>
    public void CopyHashes(Span<Hash256> destination)
    {
        if (destination.Length < _count)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(destination));
        _image.AddRef();
        try
        {
            new ReadOnlySpan<Hash256>(_rows, _count).CopyTo(destination);
        }
        finally
        {
            _image.Release();
        }
    }

    /// <summary>
    /// Appends to <paramref name="results"/> every row within <paramref name="maxDistance"/> bits (inclusive, 0..256)
    /// of <paramref name="query"/>, in row order (QueryIndex 0, Variant Orig).
    /// </summary>
    public void Search(in Hash256 query, int maxDistance, List<IndexMatch> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        ValidateRadius(maxDistance);
        Hash256 copy = query;
        SearchGroups(new ReadOnlySpan<Hash256>(in copy), 1, maxDistance, results);
    }

    /// <summary>
    /// One query given as up to 8 variants (the dihedral hashes of an image, in <see cref="DihedralVariant"/> order),
    /// answered in one pass: every row within <paramref name="maxDistance"/> of any variant, once, with the best variant
    /// (smallest distance, then lowest variant index), in row order.
    /// </summary>
    public void SearchDihedral(ReadOnlySpan<Hash256> variants, int maxDistance, List<IndexMatch> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        ValidateRadius(maxDistance);
        if (variants.Length is < 1 or > MaxVariants)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(variants), $"A query has 1..{MaxVariants} variants; got {variants.Length}.");
        SearchGroups(variants, variants.Length, maxDistance, results);
    }

    /// <summary>The 8 dihedral variants of <paramref name="hashes"/> as one query (see the span overload).</summary>
    public void SearchDihedral(in DihedralHashes hashes, int maxDistance, List<IndexMatch> results)
    {
        Span<Hash256> variants = stackalloc Hash256[MaxVariants];
        hashes.CopyTo(variants);
        SearchDihedral(variants, maxDistance, results);
    }

    /// <summary>
    /// Many queries at once, batched per pass over memory: <paramref name="queries"/> holds consecutive groups of
    /// <paramref name="variantsPerQuery"/> hashes (1..8; 8 for dihedral queries), query q being hashes
    /// [q * variantsPerQuery, (q + 1) * variantsPerQuery). Matches are appended ordered by (QueryIndex, RowIndex), one
    /// per (query, row) with its best variant. Uses up to <see cref="HammingIndexOptions.MaxDegreeOfParallelism"/> threads.
    /// </summary>
    public void SearchBatch(ReadOnlySpan<Hash256> queries, int maxDistance, List<IndexMatch> results, int variantsPerQuery = 1)
    {
        ArgumentNullException.ThrowIfNull(results);
        ValidateRadius(maxDistance);
        if (variantsPerQuery is < 1 or > MaxVariants)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(variantsPerQuery), $"A query has 1..{MaxVariants} variants; got {variantsPerQuery}.");
        if (queries.Length % variantsPerQuery != 0)
            ThrowHelper.ThrowArgument(nameof(queries), $"{queries.Length} hashes are not whole groups of {variantsPerQuery} variants.");
        SearchGroups(queries, variantsPerQuery, maxDistance, results);
    }

    /// <summary>
    /// Releases the index's memory (or mapping) once queries in flight return. Queries after Dispose throw
    /// <see cref="ObjectDisposedException"/>. Undisposed indexes are released by the finalizer.
    /// </summary>
    public void Dispose() => _image.Dispose();

    private void SearchGroups(ReadOnlySpan<Hash256> hashes, int groupSize, int maxDistance, List<IndexMatch> results)
    {
        int groups = hashes.Length / groupSize;
        if (groups == 0)
            return;
        _image.AddRef();
        try
        {
            if (_count == 0)
                return;
            ProbePlan? plan = GetPlan(maxDistance);
            if (ShouldProbe(plan, groups, groupSize))
                ProbeGroups(hashes, groupSize, plan!, results);
            else
                FlatGroups(hashes, groupSize, maxDistance, results);
        }
        finally
        {
            _image.Release();
        }
    }

    /// <summary>Probe plan for a radius (cached; null when the index is flat or no plan covers the radius).</summary>
    internal ProbePlan? GetPlan(int radius)
    {
        if (_chunks is null)
            return null;
        object? slot = Volatile.Read(ref _plans[radius]);
        if (slot is null)
        {
            slot = (object?)ProbePlan.Create(_chunks, radius, _count) ?? s_noPlan;
            Volatile.Write(ref _plans[radius], slot);
        }
        return slot as ProbePlan;
    }

    /// <summary>Probe (multi-index) or flat pass: forced by the options, else the cheaper by the cost model.</summary>
    internal bool ShouldProbe(ProbePlan? plan, int groups, int groupSize)
    {
        if (plan is null || _requested == HammingIndexStrategy.Flat)
            return false;
        if (_requested == HammingIndexStrategy.MultiIndex)
            return true;
        int groupsPerBlock = GroupsPerPass(groupSize);
        long blocks = (groups + groupsPerBlock - 1) / groupsPerBlock;
        double flat = blocks * MultiIndexCostModel.FlatCost(_count, Math.Min(groups, groupsPerBlock) * groupSize);
        double probe = (double)groups * groupSize * plan.Cost;
        return probe < flat;
    }

    /// <summary>Query groups per flat pass: as many whole groups as fit the kernel's 8 lanes.</summary>
    private static int GroupsPerPass(int groupSize) => HammingKernels.MaxQueries / groupSize;

    /// <summary>Sorts matches appended since <paramref name="start"/> by (QueryIndex, RowIndex, Distance, Variant) and keeps the first per (QueryIndex, RowIndex).</summary>
    internal static void Normalize(List<IndexMatch> results, int start)
    {
        Span<IndexMatch> segment = CollectionsMarshal.AsSpan(results)[start..];
        if (segment.Length < 2)
            return;
        segment.Sort(CompareMatches);
        int kept = 1;
        for (int i = 1; i < segment.Length; i++)
        {
            ref IndexMatch last = ref segment[kept - 1];
            if (segment[i].QueryIndex != last.QueryIndex || segment[i].RowIndex != last.RowIndex)
                segment[kept++] = segment[i];
        }
        CollectionsMarshal.SetCount(results, start + kept);
    }

    private static int CompareMatches(IndexMatch a, IndexMatch b)
    {
        int c = a.QueryIndex.CompareTo(b.QueryIndex);
        if (c != 0)
            return c;
        c = a.RowIndex.CompareTo(b.RowIndex);
        if (c != 0)
            return c;
        c = a.Distance.CompareTo(b.Distance);
        return c != 0 ? c : ((int)a.Variant).CompareTo((int)b.Variant);
    }

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)_count)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(row), $"Row {row} is outside 0..{_count - 1}.");
    }

    private static void ValidateRadius(int maxDistance)
    {
        if ((uint)maxDistance > Hash256.BitCount)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(maxDistance), $"maxDistance is 0..{Hash256.BitCount} bits; got {maxDistance}.");
    }

    private static void ValidateOptions(HammingIndexOptions options)
    {
        if (!Enum.IsDefined(options.Strategy))
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), $"Unknown strategy {options.Strategy}.");
        if (options.ChunkBits != 0 && options.ChunkBits is < ChunkLayout.MinChunkBits or > ChunkLayout.MaxChunkBits)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), $"ChunkBits is {ChunkLayout.MinChunkBits}..{ChunkLayout.MaxChunkBits} (or 0 = automatic); got {options.ChunkBits}.");
        if ((uint)options.DesignRadius > Hash256.BitCount)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), $"DesignRadius is 0..{Hash256.BitCount}; got {options.DesignRadius}.");
        if (options.MaxDegreeOfParallelism < 1)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), $"MaxDegreeOfParallelism is at least 1; got {options.MaxDegreeOfParallelism}.");
    }

    private static void EnsureHostFormat()
    {
        if (!SnapshotLayout.HostMatchesRowFormat)
            throw new PlatformNotSupportedException("The index stores rows as little-endian 64-bit words; this host is big-endian.");
    }

    /// <summary>Zeroes the header and the gaps between sections, so images (and files) are deterministic.</summary>
    private static void ClearPadding(byte* image, SnapshotLayout layout)
    {
        long position = 0;
        foreach (SnapshotSection section in layout.Sections)
        {
            ClearBytes(image + position, section.Offset - position);
            position = section.Offset + section.Length;
        }
        ClearBytes(image + position, layout.FileLength - position);
    }

    private static void ClearBytes(byte* start, long length)
    {
        if (length > 0)
            NativeMemory.Clear(start, (nuint)length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCorruptTables(int chunk) =>
        throw new InvalidDataException(
            $"The index's multi-index tables are corrupt (chunk {chunk} points outside the rows); open the snapshot with verify: true to check it.");
}
