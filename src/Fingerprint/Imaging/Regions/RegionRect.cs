namespace Fingerprint.Imaging.Regions;

/// <summary>
/// An axis-aligned rectangle in pixels of the image it was found in: columns <c>X .. X + Width - 1</c>, rows
/// <c>Y .. Y + Height - 1</c>. Rectangles from <see cref="RegionFinder"/> always lie inside their image.
/// </summary>
public readonly record struct RegionRect(int X, int Y, int Width, int Height)
{
    /// <summary>One past the last column.</summary>
    public int Right => X + Width;

    /// <summary>One past the last row.</summary>
    public int Bottom => Y + Height;

    /// <summary>True when the rectangle has no pixels.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>Pixels covered (as a 64-bit count, so large images cannot overflow).</summary>
    public long Area => IsEmpty ? 0 : (long)Width * Height;

    /// <summary>The rectangle with columns <paramref name="left"/> .. <paramref name="right"/> - 1 and rows
    /// <paramref name="top"/> .. <paramref name="bottom"/> - 1.</summary>
    public static RegionRect FromBounds(int left, int top, int right, int bottom) => new(left, top, right - left, bottom - top);

    /// <summary>True when <paramref name="other"/> lies entirely inside this rectangle.</summary>
    public bool Contains(RegionRect other) =>
        other.X >= X && other.Y >= Y && other.Right <= Right && other.Bottom <= Bottom;

    public override string ToString() => $"{Width}x{Height}+{X}+{Y}";
}
