using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fingerprint.Hashing;
using Fingerprint.Internal;

namespace Fingerprint.Index;

/// <summary>
/// Exact k-nearest neighbours. With multi-index tables: radius searches at growing radii (m - 1, 2m - 1, ...: each
/// level lets every chunk's search radius grow by one) until one finds at least k rows, whose k best are then the
/// answer (every row not found is farther than the radius); while those searches are modelled cheaper than a flat
/// pass (with <see cref="HammingIndexStrategy.MultiIndex"/> forced: up to <see cref="ForcedLevelCostFactor"/> times
/// dearer, so that a bank smaller than k does not probe every level up to the maximum radius). Otherwise: one flat
/// pass keeping the k best in a bounded max-heap.
/// </summary>
public sealed unsafe partial class HammingIndex
{
    private const double ForcedLevelCostFactor = 64;

    /// <summary>
    /// Appends the <paramref name="k"/> rows nearest to <paramref name="query"/> within <paramref name="maxDistance"/>
    /// bits (fewer if fewer are that close), ordered by (Distance, RowIndex): ties go to the lower row.
    /// </summary>
    public void Nearest(in Hash256 query, int k, List<IndexMatch> results, int maxDistance = Hash256.BitCount)
    {
        ArgumentNullException.ThrowIfNull(results);
        ValidateRadius(maxDistance);
        if (k < 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(k), $"k is at least 0; got {k}.");
        if (k == 0)
            return;
        _image.AddRef();
        try
        {
            if (_count == 0)
                return;
            if (_chunks is not null && _requested != HammingIndexStrategy.Flat && NearestByLevels(in query, k, maxDistance, results))
                return;
            FlatNearest(_rows, _ids, _count, 0, in query, k, maxDistance, results);
        }
        finally
        {
            _image.Release();
        }
    }

    private bool NearestByLevels(in Hash256 query, int k, int maxDistance, List<IndexMatch> results)
    {
        int start = results.Count;
        int step = _chunks!.Count;
        double flatCost = MultiIndexCostModel.FlatCost(_count, 1);
        double limit = _requested == HammingIndexStrategy.MultiIndex ? flatCost * ForcedLevelCostFactor : flatCost;
        for (int radius = Math.Min(maxDistance, step - 1); ; radius = Math.Min(maxDistance, radius + step))
        {
            ProbePlan? plan = GetPlan(radius);
            if (plan is null || plan.Cost > limit)
            {
                CollectionsMarshal.SetCount(results, start);
                return false;
            }
            ProbeOne(in query, plan, 0, 0, results);
            if (results.Count - start >= k || radius == maxDistance)
            {
                Span<IndexMatch> found = CollectionsMarshal.AsSpan(results)[start..];
                found.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.RowIndex.CompareTo(b.RowIndex));
                CollectionsMarshal.SetCount(results, start + Math.Min(k, found.Length));
                return true;
            }
            CollectionsMarshal.SetCount(results, start);
        }
    }

    /// <summary>The k nearest of <paramref name="count"/> rows by one pass; row numbers offset by <paramref name="rowBase"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FlatNearest(Hash256* rows, long* ids, int count, int rowBase, in Hash256 query, int k, int maxDistance, List<IndexMatch> results)
    {
        int capacity = Math.Min(k, count);
        if (capacity == 0)
            return;
        long[] heap = ArrayPool<long>.Shared.Rent(capacity);
        try
        {
            // Max-heap of keys (distance << 32 | row): the root is the worst kept. Rows arrive in ascending order, so a
            // later row with the root's distance loses the tie: once full, only distances below the root's enter.
            int size = 0;
            int bound = maxDistance;
            ulong q0 = query.W0, q1 = query.W1, q2 = query.W2, q3 = query.W3;
            var words = (ulong*)rows;
            for (int row = 0; row < count; row++)
            {
                ulong* r = words + (long)row * 4;
                int d = BitOperations.PopCount(r[0] ^ q0) + BitOperations.PopCount(r[1] ^ q1);
                if (d > bound)
                    continue;
                d += BitOperations.PopCount(r[2] ^ q2) + BitOperations.PopCount(r[3] ^ q3);
                if (d > bound)
                    continue;
                long key = ((long)d << 32) | (uint)row;
                if (size < capacity)
                {
                    heap[size] = key;
                    SiftUp(heap, size++);
                }
                else
                {
                    heap[0] = key;
                    SiftDown(heap, size);
                }
                if (size == capacity)
                    bound = Math.Min(maxDistance, (int)(heap[0] >> 32) - 1);
            }
            Span<long> kept = heap.AsSpan(0, size);
            kept.Sort();
            foreach (long key in kept)
            {
                int row = (int)(uint)key;
                results.Add(new IndexMatch(0, ids[row], rowBase + row, (int)(key >> 32), DihedralVariant.Orig));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(heap);
        }
    }

    private static void SiftUp(long[] heap, int i)
    {
        long item = heap[i];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent] >= item)
                break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = item;
    }

    private static void SiftDown(long[] heap, int size)
    {
        long item = heap[0];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size)
                break;
            if (child + 1 < size && heap[child + 1] > heap[child])
                child++;
            if (heap[child] <= item)
                break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }
}
