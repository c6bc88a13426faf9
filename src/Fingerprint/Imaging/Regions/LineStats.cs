namespace Fingerprint.Imaging.Regions;

/// <summary>
/// Counts over one line's samples against a background colour: <see cref="Near"/> within the colour tolerance,
/// <see cref="Strong"/> at least the text contrast away, and <see cref="Runs"/> maximal runs of off-background
/// ("ink") samples.
/// </summary>
internal readonly record struct LineStats(int Count, int Near, int Strong, int Runs)
{
    public int Ink => Count - Near;

    public static LineStats Measure(ReadOnlySpan<byte> line, int background, int tolerance, int strongContrast)
    {
        int near = 0, strong = 0, runs = 0;
        bool inInk = false;
        foreach (byte v in line)
        {
            int d = Math.Abs(v - background);
            if (d <= tolerance)
            {
                near++;
                inInk = false;
            }
            else
            {
                if (d >= strongContrast)
                    strong++;
                if (!inInk)
                {
                    runs++;
                    inInk = true;
                }
            }
        }
        return new LineStats(line.Length, near, strong, runs);
    }
}
