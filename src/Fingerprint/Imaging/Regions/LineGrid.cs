namespace Fingerprint.Imaging.Regions;

/// <summary>
/// Colour samples of every row (or every column) of an image, each line point-sampled at evenly spaced positions
/// across the image: sample j of line i (bytes 3j..3j+2 of <see cref="Line"/>(i), see <see cref="SampleColour"/>) is
/// the pixel at position <see cref="Positions"/>[j] along line i.
/// For rows, lines are y = 0..height-1 and positions are x; for columns, lines are x and positions are y. Storing
/// columns as lines too keeps both directions contiguous, so one set of line tests serves all four sides.
/// Owned scratch: grows on demand, never shrinks.
/// <para>
/// Lines are filled either all at once (<see cref="LineSampler.SampleRows"/>, <see cref="LineSampler.SampleColumns"/>)
/// or lazily: after <see cref="Attach"/>, a line is sampled from the attached pixels the first time it is read, and
/// <see cref="SampleAt"/> reads single samples without sampling the line. The values are the same either way; lazy
/// filling only skips the lines an analysis never reads (for a plain photo, nearly all of them).
/// </para>
/// </summary>
internal sealed unsafe class LineGrid
{
    private byte[] _samples = [];
    private int[] _positions = [];
    private bool[] _ready = [];
    private byte* _pixels;
    private int _stride;
    private int _bytesPerPixel;
    private bool _bgr;
    private bool _columns;

    /// <summary>Lines (the image's height for rows, its width for columns).</summary>
    public int LineCount { get; private set; }

    /// <summary>Samples per line.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Pixels between consecutive samples along a line.</summary>
    public int Step { get; private set; }

    /// <summary>Where each sample sits along its line (ascending, inside the image).</summary>
    public ReadOnlySpan<int> Positions => _positions.AsSpan(0, SampleCount);

    /// <summary>All samples of a line (3 bytes each).</summary>
    public ReadOnlySpan<byte> Line(int line)
    {
        EnsureLine(line);
        return _samples.AsSpan(line * SampleCount * SampleColour.Channels, SampleCount * SampleColour.Channels);
    }

    /// <summary>Samples [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of a line.</summary>
    public ReadOnlySpan<byte> Span(int line, int start, int count)
    {
        EnsureLine(line);
        return _samples.AsSpan((line * SampleCount + start) * SampleColour.Channels, count * SampleColour.Channels);
    }

    /// <summary>Sample <paramref name="j"/> of a line, packed (<see cref="SampleColour"/>), without sampling the whole line.</summary>
    public int SampleAt(int line, int j)
    {
        if ((uint)line >= (uint)LineCount || (uint)j >= (uint)SampleCount)
            throw new ArgumentOutOfRangeException(nameof(line), $"Sample ({line}, {j}) is outside the {LineCount} x {SampleCount} grid.");
        if (_ready[line])
            return SampleColour.At(_samples.AsSpan(line * SampleCount * SampleColour.Channels), j);
        // LineSampler.Store's arithmetic, packed directly.
        byte* p = PixelOf(line, _positions[j]);
        if (_bytesPerPixel == 1)
            return p[0] | 128 << 8 | 128 << 16;
        int r = _bgr ? p[2] : p[0], g = p[1], b = _bgr ? p[0] : p[2];
        return (byte)((r + g + b) / 3) | (byte)(128 + (r - b) / 4) << 8 | (byte)(128 + (2 * g - r - b) / 8) << 16;
    }

    /// <summary>
    /// Lazy mode: lines are sampled from these pixels when first read. The caller keeps the pixels pinned and unchanged
    /// until <see cref="Detach"/>; <paramref name="pixels"/> holds the whole image (height x stride, the last row at
    /// least width x bytes per pixel), which must match this grid (rows: height lines of width; columns the reverse).
    /// </summary>
    public void Attach(byte* pixels, int stride, PixelFormat format, bool columns)
    {
        _pixels = pixels;
        _stride = stride;
        _bytesPerPixel = format.BytesPerPixel();
        _bgr = format == PixelFormat.Bgra32;
        _columns = columns;
    }

    /// <summary>Forgets the attached pixels; lines not sampled by now can no longer be read.</summary>
    public void Detach() => _pixels = null;

    /// <summary>Marks every line as sampled (after <see cref="LineSampler"/> filled them all).</summary>
    internal void MarkAllReady() => _ready.AsSpan(0, LineCount).Fill(true);

    private void EnsureLine(int line)
    {
        if (_ready[line])
            return;
        if (_pixels == null)
            throw new InvalidOperationException($"Line {line} was not sampled and no image is attached.");
        Span<byte> dst = _samples.AsSpan(line * SampleCount * SampleColour.Channels, SampleCount * SampleColour.Channels);
        for (int j = 0; j < SampleCount; j++)
            LineSampler.Store(dst.Slice(j * SampleColour.Channels, SampleColour.Channels), ref *PixelOf(line, _positions[j]), _bytesPerPixel, _bgr);
        _ready[line] = true;
    }

    /// <summary>The pixel at position <paramref name="position"/> along line <paramref name="line"/> (both inside the grid).</summary>
    private byte* PixelOf(int line, int position) => _columns
        ? _pixels + (nint)position * _stride + (nint)line * _bytesPerPixel
        : _pixels + (nint)line * _stride + (nint)position * _bytesPerPixel;

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
        if (_ready.Length < lineCount)
            _ready = new bool[lineCount];
        else
            _ready.AsSpan(0, lineCount).Clear();
        _pixels = null;
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
