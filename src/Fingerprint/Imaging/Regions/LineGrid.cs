namespace Fingerprint.Imaging.Regions;

/// <summary>
/// Colour samples of every row (or every column) of an image, each line point-sampled at evenly spaced positions
/// across the image: sample j of line i (bytes 3j..3j+2 of <see cref="Line"/>(i), see <see cref="SampleColour"/>) is
/// the pixel at position <see cref="Positions"/>[j] along line i.
/// For rows, lines are y = 0..height-1 and positions are x; for columns, lines are x and positions are y. Storing
/// columns as lines too keeps both directions contiguous, so one set of line tests serves all four sides.
/// Owned scratch: grows on demand, never shrinks.
/// </summary>
internal sealed class LineGrid
{
    private byte[] _samples = [];
    private int[] _positions = [];

    /// <summary>Lines (the image's height for rows, its width for columns).</summary>
    public int LineCount { get; private set; }

    /// <summary>Samples per line.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Pixels between consecutive samples along a line.</summary>
    public int Step { get; private set; }

    /// <summary>Where each sample sits along its line (ascending, inside the image).</summary>
    public ReadOnlySpan<int> Positions => _positions.AsSpan(0, SampleCount);

    /// <summary>All samples of a line (3 bytes each).</summary>
    public ReadOnlySpan<byte> Line(int line) =>
        _samples.AsSpan(line * SampleCount * SampleColour.Channels, SampleCount * SampleColour.Channels);

    /// <summary>Samples [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of a line.</summary>
    public ReadOnlySpan<byte> Span(int line, int start, int count) =>
        _samples.AsSpan((line * SampleCount + start) * SampleColour.Channels, count * SampleColour.Channels);

    internal Span<byte> Samples => _samples.AsSpan(0, LineCount * SampleCount * SampleColour.Channels);

    /// <summary>
    /// Lays out <paramref name="lineCount"/> lines of <paramref name="extent"/> pixels with about
    /// <paramref name="target"/> samples each: step = ceil(extent / target), sample j at min(j x step + step / 2,
    /// extent - 1) (the centre of its step-wide cell).
    /// </summary>
    public void Reset(int lineCount, int extent, int target)
    {
        int step = Math.Max(1, (int)(((long)extent + target - 1) / target));
        int count = extent == 0 ? 0 : (int)(((long)extent + step - 1) / step);
        long total = (long)lineCount * count * SampleColour.Channels;
        if (total > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(lineCount), $"{lineCount} lines of {count} samples do not fit in an array.");
        if (_samples.Length < total)
            _samples = new byte[total];
        if (_positions.Length < count)
            _positions = new int[count];
        for (int j = 0; j < count; j++)
            _positions[j] = (int)Math.Min((long)j * step + step / 2, extent - 1);
        LineCount = lineCount;
        SampleCount = count;
        Step = step;
    }

    /// <summary>
    /// The samples whose positions lie in [<paramref name="from"/>, <paramref name="to"/>): indexes
    /// [<paramref name="start"/>, <paramref name="end"/>).
    /// </summary>
    public void Range(int from, int to, out int start, out int end)
    {
        start = LowerBound(from);
        end = Math.Max(start, LowerBound(to));
    }

    // First sample index whose position is >= value.
    private int LowerBound(int value)
    {
        int lo = 0, hi = SampleCount;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_positions[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
