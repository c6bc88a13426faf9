using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Fingerprint.Hashing;
using Fingerprint.Internal;

namespace Fingerprint.Index;

/// <summary>
/// A Hamming index that takes additions and removals (DESIGN.md §4): an immutable <see cref="HammingIndex"/> snapshot,
/// a small flat delta of added rows and a tombstone set of removed ids, folded into a new snapshot when the delta (or
/// the number of removed rows) reaches the fold threshold.
/// <para>
/// Concurrency: the whole state (snapshot, delta length, tombstones) is one immutable object swapped atomically
/// (Volatile.Write), so a query sees one consistent state from start to end and readers never block or wait for
/// writers. Writers (Add, Remove, Fold, AdvanceCheckpoint) are serialised by a lock. The delta's arrays are append-only
/// and shared between states: a state only reads the rows that existed when it was published. A fold disposes the
/// superseded snapshot; queries still running on it keep its memory until they return (reference counting), and a
/// query that picks up a superseded state just as it is disposed retries on the current one.
/// </para>
/// <para>
/// Row numbers (<see cref="IndexMatch.RowIndex"/>) are those of the state that answered: snapshot rows first, then
/// delta rows; they change when the index folds. Use <see cref="IndexMatch.Id"/> for identity.
/// </para>
/// </summary>
public sealed class LiveHammingIndex : IDisposable
{
    /// <summary>Default fold threshold: a flat pass over this many delta rows costs a few tens of microseconds.</summary>
    public const int DefaultFoldThreshold = 16384;

    private readonly object _writeLock = new();
    private readonly HammingIndexOptions _options;
    private readonly int _foldThreshold;
    private State _state;
    private bool _disposed;

    /// <summary>
    /// Starts from <paramref name="snapshot"/> (taking ownership: it is disposed when superseded by a fold or when this
    /// index is disposed) or from an empty index. <paramref name="options"/> shape the snapshots folds build.
    /// </summary>
    public LiveHammingIndex(HammingIndex? snapshot = null, HammingIndexOptions? options = null, int foldThreshold = DefaultFoldThreshold)
    {
        if (foldThreshold < 1)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(foldThreshold), $"foldThreshold is at least 1; got {foldThreshold}.");
        _options = options ?? HammingIndexOptions.Default;
        _foldThreshold = foldThreshold;
        snapshot ??= HammingIndex.Create([], [], _options);
        _state = new State(snapshot, [], [], 0, ImmutableHashSet<long>.Empty, 0, snapshot.Checkpoint);
    }

    /// <summary>Rows visible to queries.</summary>
    public int Count => Current.VisibleCount;

    /// <summary>The current immutable snapshot (without the delta and tombstones).</summary>
    public HammingIndex Snapshot => Current.Snapshot;

    /// <summary>Rows added since the last fold.</summary>
    public int DeltaCount => Current.DeltaCount;

    /// <summary>Snapshot rows hidden by removals since the last fold.</summary>
    public int RemovedCount => Current.HiddenRows;

    /// <summary>The caller's checkpoint (e.g. change-log sequence) of the latest change; folds store it in the snapshot.</summary>
    public long Checkpoint => Current.Checkpoint;

    private State Current => Volatile.Read(ref _state);

    /// <summary>Adds a row; folds when the delta reaches the fold threshold.</summary>
    public void Add(long id, in Hash256 hash)
    {
        Hash256 copy = hash;
        AddRange(new ReadOnlySpan<long>(in id), new ReadOnlySpan<Hash256>(in copy));
    }

    /// <summary>Adds rows (ids[i], hashes[i]), published at once; folds when the delta reaches the fold threshold.</summary>
    public void AddRange(ReadOnlySpan<long> ids, ReadOnlySpan<Hash256> hashes)
    {
        if (ids.Length != hashes.Length)
            ThrowHelper.ThrowArgument(nameof(ids), $"Every hash needs an id: {hashes.Length} hashes, {ids.Length} ids.");
        lock (_writeLock)
        {
            ThrowIfDisposed();
            State s = _state;
            Hash256[] deltaHashes = s.DeltaHashes;
            long[] deltaIds = s.DeltaIds;
            int count = s.DeltaCount + hashes.Length;
            if (count > deltaHashes.Length)
            {
                // New arrays: states already published keep reading the old ones, which are never written again.
                int capacity = Math.Max(count, Math.Max(16, deltaHashes.Length * 2));
                Array.Resize(ref deltaHashes, capacity);
                Array.Resize(ref deltaIds, capacity);
            }
            hashes.CopyTo(deltaHashes.AsSpan(s.DeltaCount));
            ids.CopyTo(deltaIds.AsSpan(s.DeltaCount));
            Publish(s with { DeltaHashes = deltaHashes, DeltaIds = deltaIds, DeltaCount = count });
            FoldIfDue();
        }
    }

    /// <summary>
    /// Removes every row with <paramref name="id"/> (snapshot rows through a tombstone, delta rows directly).
    /// Returns whether any visible row had it.
    /// </summary>
    public bool Remove(long id)
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            State s = _state;
            bool removed = false;
            State next = s;
            int inDelta = s.DeltaIds.AsSpan(0, s.DeltaCount).Count(id);
            if (inDelta > 0)
            {
                var hashes = new Hash256[s.DeltaHashes.Length];
                var ids = new long[s.DeltaIds.Length];
                int n = 0;
                for (int i = 0; i < s.DeltaCount; i++)
                {
                    if (s.DeltaIds[i] == id)
                        continue;
                    hashes[n] = s.DeltaHashes[i];
                    ids[n++] = s.DeltaIds[i];
                }
                next = next with { DeltaHashes = hashes, DeltaIds = ids, DeltaCount = n };
                removed = true;
            }
            if (!s.Tombstones.Contains(id))
            {
                int inSnapshot = s.Snapshot.CountRowsWithId(id);
                if (inSnapshot > 0)
                {
                    next = next with { Tombstones = s.Tombstones.Add(id), HiddenRows = s.HiddenRows + inSnapshot };
                    removed = true;
                }
            }
            if (removed)
            {
                Publish(next);
                FoldIfDue();
            }
            return removed;
        }
    }

    /// <summary>Records the caller's checkpoint (e.g. the change-log sequence just applied); the next fold stores it.</summary>
    public void AdvanceCheckpoint(long checkpoint)
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            Publish(_state with { Checkpoint = checkpoint });
        }
    }

    /// <summary>Folds the delta and tombstones into a new snapshot now (no-op when there is nothing to fold).</summary>
    public void Fold()
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            State s = _state;
            if (s.DeltaCount == 0 && s.Tombstones.IsEmpty && s.Checkpoint == s.Snapshot.Checkpoint)
                return;
            HammingIndex folded = HammingIndex.Merge(s.Snapshot, s.Tombstones.ToHashSet(),
                s.DeltaHashes.AsSpan(0, s.DeltaCount), s.DeltaIds.AsSpan(0, s.DeltaCount), _options with { Checkpoint = s.Checkpoint });
            Publish(new State(folded, [], [], 0, ImmutableHashSet<long>.Empty, 0, s.Checkpoint));
            s.Snapshot.Dispose();
        }
    }

    /// <summary>As <see cref="HammingIndex.Search"/>, over the snapshot (minus removed ids) and the delta.</summary>
    public void Search(in Hash256 query, int maxDistance, List<IndexMatch> results)
    {
        Hash256 copy = query;
        SearchGroups(new ReadOnlySpan<Hash256>(in copy), 1, maxDistance, results);
    }

    /// <summary>As <see cref="HammingIndex.SearchDihedral(ReadOnlySpan{Hash256}, int, List{IndexMatch})"/>.</summary>
    public void SearchDihedral(ReadOnlySpan<Hash256> variants, int maxDistance, List<IndexMatch> results)
    {
        if (variants.Length is < 1 or > HammingIndex.MaxVariants)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(variants), $"A query has 1..{HammingIndex.MaxVariants} variants; got {variants.Length}.");
        SearchGroups(variants, variants.Length, maxDistance, results);
    }

    /// <summary>As <see cref="HammingIndex.SearchBatch"/>.</summary>
    public void SearchBatch(ReadOnlySpan<Hash256> queries, int maxDistance, List<IndexMatch> results, int variantsPerQuery = 1)
    {
        if (variantsPerQuery is < 1 or > HammingIndex.MaxVariants)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(variantsPerQuery), $"A query has 1..{HammingIndex.MaxVariants} variants; got {variantsPerQuery}.");
        if (queries.Length % variantsPerQuery != 0)
            ThrowHelper.ThrowArgument(nameof(queries), $"{queries.Length} hashes are not whole groups of {variantsPerQuery} variants.");
        SearchGroups(queries, variantsPerQuery, maxDistance, results);
    }

    /// <summary>As <see cref="HammingIndex.Nearest"/>, over the snapshot (minus removed ids) and the delta.</summary>
    public unsafe void Nearest(in Hash256 query, int k, List<IndexMatch> results, int maxDistance = Hash256.BitCount)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (k < 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(k), $"k is at least 0; got {k}.");
        if ((uint)maxDistance > Hash256.BitCount)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(maxDistance), $"maxDistance is 0..{Hash256.BitCount} bits; got {maxDistance}.");
        int start = results.Count;
        while (true)
        {
            State s = Current;
            try
            {
                // Ask the snapshot for enough rows that k survive the tombstones.
                int wanted = (int)Math.Min((long)k + s.HiddenRows, int.MaxValue);
                s.Snapshot.Nearest(in query, wanted, results, maxDistance);
                RemoveTombstoned(s, results, start);
                fixed (Hash256* rows = s.DeltaHashes)
                fixed (long* ids = s.DeltaIds)
                {
                    HammingIndex.FlatNearest(rows, ids, s.DeltaCount, s.Snapshot.Count, in query, k, maxDistance, results);
                }
                Span<IndexMatch> found = CollectionsMarshal.AsSpan(results)[start..];
                found.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.RowIndex.CompareTo(b.RowIndex));
                CollectionsMarshal.SetCount(results, start + Math.Min(k, found.Length));
                return;
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(s, Current) && !_disposed)
            {
                CollectionsMarshal.SetCount(results, start);
            }
        }
    }

    /// <summary>Disposes the current snapshot. Queries after Dispose throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _state.Snapshot.Dispose();
        }
    }

    private unsafe void SearchGroups(ReadOnlySpan<Hash256> hashes, int groupSize, int maxDistance, List<IndexMatch> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if ((uint)maxDistance > Hash256.BitCount)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(maxDistance), $"maxDistance is 0..{Hash256.BitCount} bits; got {maxDistance}.");
        int start = results.Count;
        while (true)
        {
            State s = Current;
            try
            {
                if (groupSize == 1 && hashes.Length == 1)
                    s.Snapshot.Search(in hashes[0], maxDistance, results);
                else
                    s.Snapshot.SearchBatch(hashes, maxDistance, results, groupSize);
                RemoveTombstoned(s, results, start);
                if (s.DeltaCount > 0)
                {
                    fixed (Hash256* rows = s.DeltaHashes)
                    fixed (long* ids = s.DeltaIds)
                    {
                        HammingIndex.FlatSearch(rows, ids, s.DeltaCount, s.Snapshot.Count, hashes, groupSize, maxDistance, 1, results);
                    }
                    // Snapshot rows precede delta rows; with several queries, interleave them back into (query, row) order.
                    if (hashes.Length > groupSize)
                        HammingIndex.Normalize(results, start);
                }
                return;
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(s, Current) && !_disposed)
            {
                CollectionsMarshal.SetCount(results, start);
            }
        }
    }

    private static void RemoveTombstoned(State s, List<IndexMatch> results, int start)
    {
        if (s.Tombstones.IsEmpty)
            return;
        Span<IndexMatch> segment = CollectionsMarshal.AsSpan(results)[start..];
        int kept = 0;
        for (int i = 0; i < segment.Length; i++)
        {
            if (!s.Tombstones.Contains(segment[i].Id))
                segment[kept++] = segment[i];
        }
        CollectionsMarshal.SetCount(results, start + kept);
    }

    private void Publish(State next) => Volatile.Write(ref _state, next);

    private void FoldIfDue()
    {
        State s = _state;
        if (s.DeltaCount >= _foldThreshold || s.HiddenRows >= _foldThreshold)
            Fold();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>One immutable state: what every query of it sees.</summary>
    private sealed record State(HammingIndex Snapshot, Hash256[] DeltaHashes, long[] DeltaIds, int DeltaCount,
        ImmutableHashSet<long> Tombstones, int HiddenRows, long Checkpoint)
    {
        public int VisibleCount => Snapshot.Count - HiddenRows + DeltaCount;
    }
}
