namespace Fingerprint.Imaging.Regions;

/// <summary>A mutable rectangle by its bounds, columns [X0, X1) and rows [Y0, Y1): the analyser's working form.</summary>
internal struct Box
{
    public int X0;
    public int Y0;
    public int X1;
    public int Y1;

    public Box(int x0, int y0, int x1, int y1)
    {
        X0 = x0;
        Y0 = y0;
        X1 = x1;
        Y1 = y1;
    }

    public readonly int Width => X1 - X0;

    public readonly int Height => Y1 - Y0;

    public readonly RegionRect ToRect() => RegionRect.FromBounds(X0, Y0, X1, Y1);
}
