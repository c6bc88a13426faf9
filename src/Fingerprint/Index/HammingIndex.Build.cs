using System.Runtime.CompilerServices;
using Fingerprint.Hashing;

namespace Fingerprint.Index;

/// <summary>Building: the chunking rule (see <see cref="HammingIndexOptions"/>) and the CSR multi-index tables.</summary>
public sealed unsafe partial class HammingIndex
{
    /// <summary>Offsets tables may always take this much, however small the bank.</summary>
    private const long OffsetsAllowanceBytes = 8L << 20;

    internal static ChunkLayout? ChooseLayout(int count, HammingIndexOptions options)
    {
        switch (options.Strategy)
        {
            case HammingIndexStrategy.Flat:
                return null;
            case HammingIndexStrategy.MultiIndex:
                return options.ChunkBits != 0
                    ? ChunkLayout.ForBits(options.ChunkBits)
                    : AutoLayout(count, options.DesignRadius) ?? ChunkLayout.ForBits(16);
            default:
                if (options.ChunkBits != 0)
                    return ChunkLayout.ForBits(options.ChunkBits);
                return count < MultiIndexCostModel.AutoMultiIndexMinRows ? null : AutoLayout(count, options.DesignRadius);
        }
    }

    /// <summary>
    /// The chunk count whose cheapest plan at <paramref name="designRadius"/> costs least, among layouts whose offsets
    /// tables take at most half the postings' space (or <see cref="OffsetsAllowanceBytes"/>); null when no plan beats
    /// a flat pass.
    /// </summary>
    internal static ChunkLayout? AutoLayout(int count, int designRadius)
    {
        ChunkLayout? best = null;
        double bestCost = MultiIndexCostModel.FlatCost(count, 1);
        for (int m = ChunkLayout.MaxChunkCount; m >= ChunkLayout.MinChunkCount; m--)
        {
            ChunkLayout layout = ChunkLayout.ForCount(m);
            long offsetsBytes = 0;
            for (int i = 0; i < m; i++)
                offsetsBytes += ((1L << layout.Width(i)) + 1) * sizeof(uint);
            long postingsBytes = (long)m * count * sizeof(uint);
            if (offsetsBytes > Math.Max(postingsBytes / 2, OffsetsAllowanceBytes))
                continue;
            ProbePlan? plan = ProbePlan.Create(layout, designRadius, count);
            if (plan is not null && plan.Cost < bestCost)
            {
                best = layout;
                bestCost = plan.Cost;
            }
        }
        return best;
    }

    private static void BuildTables(IndexImage image, SnapshotLayout layout, int maxDegreeOfParallelism)
    {
        int m = layout.ChunkCount;
        if (maxDegreeOfParallelism <= 1 || m == 1)
        {
            for (int c = 0; c < m; c++)
                BuildChunk(image, layout, c);
            return;
        }
        Parallel.For(0, m, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c => BuildChunk(image, layout, c));
    }

    /// <summary>
    /// CSR table of one chunk by counting sort: offsets[v] = number of rows whose chunk value is below v, so bucket v is
    /// postings[offsets[v] .. offsets[v + 1]) and lists its rows in ascending order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BuildChunk(IndexImage image, SnapshotLayout layout, int chunk)
    {
        ChunkLayout chunks = layout.Chunks!;
        int count = (int)layout.Count;
        var rows = (Hash256*)(image.Pointer + layout.Rows.Offset);
        var offsets = (uint*)(image.Pointer + layout.Offsets(chunk).Offset);
        var postings = (uint*)(image.Pointer + layout.Postings(chunk).Offset);
        int start = chunks.Start(chunk), width = chunks.Width(chunk);
        long buckets = 1L << width;

        new Span<uint>(offsets, (int)(buckets + 1)).Clear();
        for (int i = 0; i < count; i++)
            offsets[ChunkLayout.ExtractBits(in rows[i], start, width) + 1]++;
        for (long v = 1; v <= buckets; v++)
            offsets[v] += offsets[v - 1];
        // offsets[v] is now the start of bucket v. Fill using offsets[v] as bucket v's cursor; afterwards offsets[v] holds
        // the end of bucket v, which is the start of bucket v + 1, so shifting the array up by one restores the starts.
        for (int i = 0; i < count; i++)
        {
            uint value = ChunkLayout.ExtractBits(in rows[i], start, width);
            postings[offsets[value]++] = (uint)i;
        }
        new Span<uint>(offsets, (int)buckets).CopyTo(new Span<uint>(offsets + 1, (int)buckets));
        offsets[0] = 0;
    }
}
