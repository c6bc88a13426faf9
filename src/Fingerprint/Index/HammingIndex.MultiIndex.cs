using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Fingerprint.Hashing;

namespace Fingerprint.Index;

/// <summary>
/// The multi-index strategy (Norouzi et al., TPAMI 2014, Algorithm 1 "r-neighbour search"; Meta's
/// pdq/cpp/index/mih.h <c>queryAll</c>): for each probed chunk i, every chunk value within t_i bits of the query's is
/// looked up in that chunk's CSR table, and each row listed there (a candidate) is verified with the full distance.
/// Which chunks and how far: <see cref="ProbePlan"/>; duplicates are suppressed by the first-chunk rule described
/// there. Results of one query group are then sorted by row and merged across variants. The only ISA-specific line is
/// a software prefetch (Sse.Prefetch0 behind IsSupported; elsewhere the same loop runs without it, same results).
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

    /// <summary>
    /// All rows within plan.Radius of <paramref name="query"/>, each exactly once, in probe order. Per chunk, the
    /// postings of every probed bucket are first gathered into a small buffer, then verified in one tight loop that
    /// prefetches the row 16 candidates ahead: the row reads (random, one per candidate) then overlap, instead of
    /// waiting behind each bucket's chain of dependent misses (offsets, then postings, then rows). Measured on the
    /// dev VM at 1M random rows, 16 x 16, r = 31 (CPU time per query, cold caches, loaded host): reading rows straight
    /// from each bucket 263 us, gathered 122 us, gathered with prefetch 90 us.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProbeOne(in Hash256 query, ProbePlan plan, int group, int variant, List<IndexMatch> results)
    {
        ChunkLayout chunks = _chunks!;
        int[] order = plan.Order;
        int[] chunkRadius = plan.ChunkRadius;
        uint count = (uint)_count;
        Span<uint> queryChunks = stackalloc uint[chunks.Count];
        for (int i = 0; i < chunks.Count; i++)
            queryChunks[i] = chunks.Extract(in query, i);
        uint* candidates = stackalloc uint[CandidateBufferSize + PrefetchDistance];

        for (int k = 0; k < order.Length; k++)
        {
            int chunk = order[k];
            int width = chunks.Width(chunk);
            uint* offsets = (uint*)_offsets[chunk];
            uint* postings = (uint*)_postings[chunk];
            uint value = queryChunks[chunk];
            uint limit = 1u << width;   // widths are at most 24 bits
            int gathered = 0;
            // Every value within t bits of the query's chunk value: masks of popcount 0, 1, ..., t (Gosper's hack).
            for (int flips = 0; flips <= chunkRadius[chunk]; flips++)
            {
                uint mask = flips == 0 ? 0 : (1u << flips) - 1;
                while (mask < limit)
                {
                    uint key = value ^ mask;
                    uint begin = offsets[key], end = offsets[key + 1];
                    if (begin > end || end > count)
                        ThrowCorruptTables(chunk);
                    while (begin < end)
                    {
                        int take = (int)Math.Min(end - begin, (uint)(CandidateBufferSize - gathered));
                        new ReadOnlySpan<uint>(postings + begin, take).CopyTo(new Span<uint>(candidates + gathered, take));
                        gathered += take;
                        begin += (uint)take;
                        if (gathered == CandidateBufferSize)
                        {
                            Verify(candidates, gathered, in query, queryChunks, plan, k, group, variant, results);
                            gathered = 0;
                        }
                    }
                    if (mask == 0)
                        break;
                    mask = NextCombination(mask);
                }
            }
            Verify(candidates, gathered, in query, queryChunks, plan, k, group, variant, results);
        }
    }

    /// <summary>Candidates gathered per chunk before verification (4 KiB of stack).</summary>
    private const int CandidateBufferSize = 1024;

    /// <summary>How many candidates ahead the verify loop prefetches (12-24 measured best; 6 was clearly worse).</summary>
    private const int PrefetchDistance = 16;

    /// <summary>
    /// Full-distance check of gathered candidates found through probed chunk order[k]; reports rows within the radius
    /// that no earlier probed chunk reported. The buffer holds <see cref="PrefetchDistance"/> spare entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Verify(uint* candidates, int length, in Hash256 query, ReadOnlySpan<uint> queryChunks, ProbePlan plan, int k,
        int group, int variant, List<IndexMatch> results)
    {
        if (length == 0)
            return;
        Hash256* rows = _rows;
        uint count = (uint)_count;
        int radius = plan.Radius;
        ulong q0 = query.W0, q1 = query.W1, q2 = query.W2, q3 = query.W3;
        new Span<uint>(candidates + length, PrefetchDistance).Clear();
        for (int i = 0; i < length; i++)
        {
            uint row = candidates[i];
            if (Sse.IsSupported)
                Sse.Prefetch0(rows + Math.Min(candidates[i + PrefetchDistance], count - 1));   // a hint: never faults
            if (row >= count)
                ThrowCorruptTables(plan.Order[k]);
            // Words 0-1 first: most candidates are already beyond the radius there (exact: the distance only grows).
            ulong* words = (ulong*)(rows + row);
            int distance = BitOperations.PopCount(words[0] ^ q0) + BitOperations.PopCount(words[1] ^ q1);
            if (distance > radius)
                continue;
            distance += BitOperations.PopCount(words[2] ^ q2) + BitOperations.PopCount(words[3] ^ q3);
            if (distance <= radius && !FoundEarlier(in rows[row], queryChunks, plan.Order, plan.ChunkRadius, k))
                results.Add(new IndexMatch(group, _ids[row], (int)row, distance, (DihedralVariant)variant));
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
