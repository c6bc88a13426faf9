using System.Numerics;
using System.Runtime.CompilerServices;
using Fingerprint.Hashing;

namespace Fingerprint.Index;

/// <summary>
/// The multi-index strategy (Norouzi et al., TPAMI 2014, Algorithm 1 "r-neighbour search"; Meta's
/// pdq/cpp/index/mih.h <c>queryAll</c>): for each probed chunk i, every chunk value within t_i bits of the query's is
/// looked up in that chunk's CSR table, and each row listed there (a candidate) is verified with the full distance.
/// Which chunks and how far: <see cref="ProbePlan"/>; duplicates are suppressed by the first-chunk rule described
/// there. Results of one query group are then sorted by row and merged across variants.
/// </summary>
public sealed unsafe partial class HammingIndex
{
    private void ProbeGroups(ReadOnlySpan<Hash256> hashes, int groupSize, ProbePlan plan, List<IndexMatch> results)
    {
        int groups = hashes.Length / groupSize;
        int workers = Math.Min(_maxDegreeOfParallelism, groups);
        if (workers <= 1)
        {
            ProbeRange(hashes, groupSize, plan, 0, groups, results);
            return;
        }
        var parts = new List<IndexMatch>[workers];
        fixed (Hash256* pinned = hashes)
        {
            nint address = (nint)pinned;
            int length = hashes.Length;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                var part = new List<IndexMatch>();
                int first = (int)((long)groups * w / workers), last = (int)((long)groups * (w + 1) / workers);
                ProbeRange(new ReadOnlySpan<Hash256>((void*)address, length), groupSize, plan, first, last, part);
                parts[w] = part;
            });
        }
        foreach (List<IndexMatch> part in parts)
            results.AddRange(part);
    }

    /// <summary>Groups [first, last) one by one; each group's matches are normalised before the next starts.</summary>
    private void ProbeRange(ReadOnlySpan<Hash256> hashes, int groupSize, ProbePlan plan, int first, int last, List<IndexMatch> results)
    {
        for (int group = first; group < last; group++)
        {
            int start = results.Count;
            for (int variant = 0; variant < groupSize; variant++)
                ProbeOne(in hashes[group * groupSize + variant], plan, group, variant, results);
            if (results.Count - start > 1)
                Normalize(results, start);
        }
    }

    /// <summary>All rows within plan.Radius of <paramref name="query"/>, each exactly once, in probe order.</summary>
    private void ProbeOne(in Hash256 query, ProbePlan plan, int group, int variant, List<IndexMatch> results)
    {
        ChunkLayout chunks = _chunks!;
        int radius = plan.Radius;
        int[] order = plan.Order;
        int[] chunkRadius = plan.ChunkRadius;
        Span<uint> queryChunks = stackalloc uint[chunks.Count];
        for (int i = 0; i < chunks.Count; i++)
            queryChunks[i] = chunks.Extract(in query, i);

        for (int k = 0; k < order.Length; k++)
        {
            int chunk = order[k];
            int width = chunks.Width(chunk);
            uint* offsets = (uint*)_offsets[chunk];
            uint* postings = (uint*)_postings[chunk];
            uint value = queryChunks[chunk];
            uint limit = width == 32 ? uint.MaxValue : (1u << width);
            // Every value within t bits of the query's chunk value: masks of popcount 0, 1, ..., t (Gosper's hack).
            for (int flips = 0; flips <= chunkRadius[chunk]; flips++)
            {
                uint mask = flips == 0 ? 0 : (1u << flips) - 1;
                while (mask < limit)
                {
                    uint key = value ^ mask;
                    uint begin = offsets[key], end = offsets[key + 1];
                    if (begin > end || end > (uint)_count)
                        ThrowCorruptTables(chunk);
                    for (uint p = begin; p < end; p++)
                    {
                        uint row = postings[p];
                        if (row >= (uint)_count)
                            ThrowCorruptTables(chunk);
                        int distance = _rows[row].DistanceTo(in query);
                        if (distance <= radius && !FoundEarlier(in _rows[row], queryChunks, order, chunkRadius, k))
                            results.Add(new IndexMatch(group, _ids[row], (int)row, distance, (DihedralVariant)variant));
                    }
                    if (mask == 0)
                        break;
                    mask = NextCombination(mask);
                }
            }
        }
    }

    /// <summary>Whether an earlier probed chunk (order[0..k)) also has this row within its radius, so it was reported there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool FoundEarlier(in Hash256 row, ReadOnlySpan<uint> queryChunks, int[] order, int[] chunkRadius, int k)
    {
        ChunkLayout chunks = _chunks!;
        for (int j = 0; j < k; j++)
        {
            int chunk = order[j];
            if (ChunkLayout.Distance(chunks.Extract(in row, chunk), queryChunks[chunk]) <= chunkRadius[chunk])
                return true;
        }
        return false;
    }

    /// <summary>The next larger integer with the same number of set bits (Gosper's hack, HAKMEM item 175).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint NextCombination(uint mask)
    {
        uint lowest = mask & (0u - mask);
        uint ripple = mask + lowest;
        if (ripple == 0)
            return uint.MaxValue;   // overflowed past bit 31: no larger combination in 32 bits
        return ripple | (((mask ^ ripple) >> 2) >> BitOperations.TrailingZeroCount(lowest));
    }
}
