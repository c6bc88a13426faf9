using Fingerprint.Hashing;
using Fingerprint.Simd;

namespace Fingerprint.Index;

/// <summary>
/// The flat strategy: query groups are packed into passes of up to 8 hashes (whole groups only), and each pass streams
/// the rows through <see cref="HammingKernels.FindWithin"/> once (pdq/cpp/index/flat.h). With more than one pass (a
/// bulk batch), rows are taken in L2-sized tiles and every pass runs over a tile before the next tile is read, so main
/// memory is read once per batch rather than once per pass.
/// </summary>
public sealed unsafe partial class HammingIndex
{
    /// <summary>Rows per tile in multi-pass scans: 8192 x 32 B = 256 KiB, within a core's L2.</summary>
    private const int TileRows = 8192;

    /// <summary>A flat pass is split across threads only above this many rows.</summary>
    private const int ParallelMinRows = 1 << 16;

    /// <summary>Hit buffer per kernel call (drained into the results between calls).</summary>
    private const int HitBufferSize = 256;

    private void FlatGroups(ReadOnlySpan<Hash256> hashes, int groupSize, int maxDistance, List<IndexMatch> results) =>
        FlatSearch(_rows, _ids, _count, 0, hashes, groupSize, maxDistance, _maxDegreeOfParallelism, results);

    /// <summary>
    /// Flat search of <paramref name="count"/> rows at <paramref name="rows"/> (ids beside them) for query groups;
    /// reported row numbers are offset by <paramref name="rowBase"/>. Results are appended ordered by (QueryIndex, RowIndex).
    /// </summary>
    internal static void FlatSearch(Hash256* rows, long* ids, int count, int rowBase, ReadOnlySpan<Hash256> hashes, int groupSize,
        int maxDistance, int maxDegreeOfParallelism, List<IndexMatch> results)
    {
        int start = results.Count;
        int groups = hashes.Length / groupSize;
        int workers = count >= ParallelMinRows ? Math.Min(maxDegreeOfParallelism, count / (ParallelMinRows / 2)) : 1;
        if (workers <= 1)
        {
            FlatRange(rows, ids, rowBase, hashes, groupSize, maxDistance, 0, count, results);
        }
        else
        {
            var parts = new List<IndexMatch>[workers];
            fixed (Hash256* pinned = hashes)
            {
                nint address = (nint)pinned, rowsAddress = (nint)rows, idsAddress = (nint)ids;
                int length = hashes.Length;
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
                {
                    var part = new List<IndexMatch>();
                    long first = (long)count * w / workers, last = (long)count * (w + 1) / workers;
                    FlatRange((Hash256*)rowsAddress, (long*)idsAddress, rowBase, new ReadOnlySpan<Hash256>((void*)address, length),
                        groupSize, maxDistance, (int)first, (int)last, part);
                    parts[w] = part;
                });
            }
            foreach (List<IndexMatch> part in parts)
                results.AddRange(part);
        }
        // A single query in one pass already comes out in row order; groups (variants to merge) and multi-pass tiling do not.
        if (groupSize > 1 || groups > 1)
            Normalize(results, start);
    }

    /// <summary>All passes over rows [first, last), tile by tile when there is more than one pass.</summary>
    private static void FlatRange(Hash256* rows, long* ids, int rowBase, ReadOnlySpan<Hash256> hashes, int groupSize, int maxDistance,
        int first, int last, List<IndexMatch> results)
    {
        int groupsPerPass = HammingKernels.MaxQueries / groupSize;
        int hashesPerPass = groupsPerPass * groupSize;
        int passes = (hashes.Length + hashesPerPass - 1) / hashesPerPass;
        int tile = passes == 1 ? last - first : TileRows;
        Span<HammingKernels.Hit> hits = stackalloc HammingKernels.Hit[HitBufferSize];
        for (int tileStart = first; tileStart < last; tileStart += tile)
        {
            int tileEnd = (int)Math.Min((long)tileStart + tile, last);
            for (int pass = 0; pass < passes; pass++)
            {
                int firstHash = pass * hashesPerPass;
                ReadOnlySpan<Hash256> queries = hashes.Slice(firstHash, Math.Min(hashesPerPass, hashes.Length - firstHash));
                int firstGroup = pass * groupsPerPass;
                ScanRows(rows, ids, rowBase, queries, groupSize, firstGroup, maxDistance, tileStart, tileEnd, hits, results);
            }
        }
    }

    private static void ScanRows(Hash256* rows, long* ids, int rowBase, ReadOnlySpan<Hash256> queries, int groupSize, int firstGroup,
        int maxDistance, int first, int last, Span<HammingKernels.Hit> hits, List<IndexMatch> results)
    {
        int position = first;
        while (position < last)
        {
            var span = new ReadOnlySpan<Hash256>(rows + position, last - position);
            int consumed = HammingKernels.FindWithin(queries, span, maxDistance, hits, out int hitCount);
            for (int k = 0; k < hitCount; k++)
            {
                HammingKernels.Hit hit = hits[k];
                int row = position + hit.Row;
                (int group, int variant) = Math.DivRem(hit.Query, groupSize);
                results.Add(new IndexMatch(firstGroup + group, ids[row], rowBase + row, hit.Distance, (DihedralVariant)variant));
            }
            position += consumed;
        }
    }
}
