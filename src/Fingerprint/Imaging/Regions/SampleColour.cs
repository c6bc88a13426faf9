using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fingerprint.Imaging.Regions;

/// <summary>
/// A sample is three bytes: a luma Y (channel mean) and two chroma differences scaled down, 128 + (R - B) / 4 and
/// 128 + (2G - R - B) / 8 (<see cref="LineSampler"/>); a colour is packed as s0 | s1 &lt;&lt; 8 | s2 &lt;&lt; 16. Two
/// samples differ by their largest component difference (Chebyshev distance), so "within the tolerance" t means luma
/// within t, R - B within about 4t and 2G - R - B within about 8t. Chroma is looser because JPEG subsamples and
/// quantises it far more coarsely than luma (its 4:2:0 bleed and ringing near edges broke borders when chroma was held
/// to the luma tolerance: at tolerance 12 and 2% outliers, 43 of 96 synthetic memes survived a q50-q90 round trip,
/// against 73 with luma alone and 73 with this scaling), yet a grey pad next to an equally bright blue sky is still
/// told apart.
/// </summary>
internal static class SampleColour
{
    public const int Channels = 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int At(ReadOnlySpan<byte> samples, int j)
    {
        int o = j * Channels;
        return samples[o] | samples[o + 1] << 8 | samples[o + 2] << 16;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(int a, int b) =>
        Math.Max(Math.Abs((a & 0xFF) - (b & 0xFF)),
            Math.Max(Math.Abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF)), Math.Abs((a >> 16) - (b >> 16))));

    /// <summary>Distance between sample <paramref name="j"/> and <paramref name="colour"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(ReadOnlySpan<byte> samples, int j, int colour)
    {
        int o = j * Channels;
        return Math.Max(Math.Abs(samples[o] - (colour & 0xFF)),
            Math.Max(Math.Abs(samples[o + 1] - (colour >> 8 & 0xFF)), Math.Abs(samples[o + 2] - (colour >> 16))));
    }

    /// <summary>Distance between sample <paramref name="j"/> of two lines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int j)
    {
        int o = j * Channels;
        return Math.Max(Math.Abs(a[o] - b[o]), Math.Max(Math.Abs(a[o + 1] - b[o + 1]), Math.Abs(a[o + 2] - b[o + 2])));
    }

    /// <summary>
    /// Distance between the sample at <paramref name="p"/> and the colour (c0, c1, c2): the inner-loop form, for loops
    /// that walk a line by reference (their bounds make every read fall inside the line).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(ref byte p, int c0, int c1, int c2) =>
        Math.Max(Math.Abs(p - c0), Math.Max(Math.Abs(Unsafe.Add(ref p, 1) - c1), Math.Abs(Unsafe.Add(ref p, 2) - c2)));

    /// <summary>How many of the line's samples lie farther than <paramref name="tolerance"/> from the colour, counting
    /// every <paramref name="step"/>-th sample from <paramref name="start"/>, and stopping once more than
    /// <paramref name="limit"/> are.</summary>
    public static int CountFar(ReadOnlySpan<byte> line, int colour, int tolerance, int start, int step, int limit)
    {
        int count = line.Length / Channels;
        int c0 = colour & 0xFF, c1 = colour >> 8 & 0xFF, c2 = colour >> 16;
        ref byte first = ref MemoryMarshal.GetReference(line);
        int far = 0;
        for (int j = start; j < count; j += step)
        {
            if (Distance(ref Unsafe.Add(ref first, j * Channels), c0, c1, c2) > tolerance && ++far > limit)
                break;
        }
        return far;
    }
}
