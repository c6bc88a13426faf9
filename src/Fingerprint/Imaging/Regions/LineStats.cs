using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fingerprint.Imaging.Regions;

/// <summary>
/// Counts over one line's samples (3 bytes each, see <see cref="SampleColour"/>) against a packed background colour:
/// <see cref="Near"/> within the colour tolerance, <see cref="Strong"/> at least the text contrast away, and
/// <see cref="Runs"/> maximal runs of off-background ("ink") samples.
/// </summary>
internal readonly record struct LineStats(int Count, int Near, int Strong, int Runs)
{
    public int Ink => Count - Near;

    public static LineStats Measure(ReadOnlySpan<byte> line, int background, int tolerance, int strongContrast)
    {
        int near = 0, strong = 0, runs = 0;
        bool inInk = false;
        int count = line.Length / SampleColour.Channels;
        int c0 = background & 0xFF, c1 = background >> 8 & 0xFF, c2 = background >> 16;
        ref byte p = ref MemoryMarshal.GetReference(line);
        for (int j = 0; j < count; j++, p = ref Unsafe.Add(ref p, SampleColour.Channels))
        {
            int d = SampleColour.Distance(ref p, c0, c1, c2);
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
        return new LineStats(count, near, strong, runs);
    }
}
