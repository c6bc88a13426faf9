namespace Fingerprint.Cli.Bench;

/// <summary>
/// Counts of Hamming distances 0..<see cref="MaxDistance"/>, plus the pairs that cannot match at any threshold
/// (<see cref="Unmatchable"/>: a side failed to decode, or every hash of a side is below the quality gate).
/// </summary>
internal sealed class DistanceHistogram
{
    /// <summary>The distance value that marks a pair as unmatchable.</summary>
    public const int NoDistance = int.MaxValue;

    private readonly long[] _counts;

    public DistanceHistogram(int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        MaxDistance = maxDistance;
        _counts = new long[maxDistance + 1];
    }

    public int MaxDistance { get; }

    /// <summary>Every pair counted, unmatchable ones included.</summary>
    public long Total { get; private set; }

    public long Unmatchable { get; private set; }

    /// <summary>Pairs at exactly distance <paramref name="distance"/> (0..<see cref="MaxDistance"/>).</summary>
    public long this[int distance] => _counts[distance];

    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Counts one pair; <see cref="NoDistance"/> (or any value outside 0..MaxDistance) is unmatchable.</summary>
    public void Add(int distance, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((uint)distance <= (uint)MaxDistance)
            _counts[distance] += count;
        else
            Unmatchable += count;
        Total += count;
    }

    /// <summary>Adds every count of <paramref name="other"/> (same <see cref="MaxDistance"/>).</summary>
    public void Add(DistanceHistogram other)
    {
        if (other.MaxDistance != MaxDistance)
            throw new ArgumentException("Histograms of different widths.", nameof(other));
        for (int d = 0; d <= MaxDistance; d++)
            _counts[d] += other._counts[d];
        Unmatchable += other.Unmatchable;
        Total += other.Total;
    }

    /// <summary>Pairs at distance &lt;= <paramref name="threshold"/> (0 for a negative threshold).</summary>
    public long CountAtOrBelow(int threshold)
    {
        if (threshold < 0)
            return 0;
        long sum = 0;
        int end = Math.Min(threshold, MaxDistance);
        for (int d = 0; d <= end; d++)
            sum += _counts[d];
        return sum;
    }

    /// <summary>Share of all pairs at distance &lt;= <paramref name="threshold"/>; 0 when empty.</summary>
    public double RateAtOrBelow(int threshold) => Total == 0 ? 0 : (double)CountAtOrBelow(threshold) / Total;

    /// <summary>
    /// The smallest distance d with at least a share <paramref name="q"/> of all pairs at distance &lt;= d (the lower
    /// empirical quantile); null when the quantile falls among the unmatchable pairs or there are none.
    /// </summary>
    public int? Quantile(double q)
    {
        if (Total == 0)
            return null;
        long need = Math.Max(1, (long)Math.Ceiling(q * Total - 1e-9));
        long sum = 0;
        for (int d = 0; d <= MaxDistance; d++)
        {
            sum += _counts[d];
            if (sum >= need)
                return d;
        }
        return null;
    }
}
