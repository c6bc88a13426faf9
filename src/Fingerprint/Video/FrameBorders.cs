// Source: this project (no reference counterpart: vPDQ and TMK hash whole frames). A letterbox/pillarbox detector in
// the spirit of ffmpeg's cropdetect filter (libavfilter/vf_cropdetect.c: scan lines inward from each edge while they
// stay near the border colour), made tolerant of overlays: a line counts as border when most of its pixels, not all,
// are near the colour of the outermost line.

using Fingerprint.Imaging;

namespace Fingerprint.Video;

/// <summary>
/// Finds the picture inside a frame's uniform borders (letterbox bars, pillarbox bars, or a still shown smaller than
/// the frame on a plain background), so the picture can be hashed on its own: a known image shown inside a clip, scaled
/// down on a background, hashes far from its original as a whole frame but close to it once the borders are cut.
/// <para>Per side, the outermost line (row or column) fixes the border colour: the per-channel median of its pixels. The
/// side has a border when at least <see cref="MinBorderShare"/> of that line's pixels are within
/// <see cref="Tolerance"/> (largest channel difference) of the colour; lines are then taken inward while the same holds
/// for them, at most <see cref="MaxSideShare"/> of the frame per side. The share (not every pixel) lets a logo or a
/// watermark sitting across the border not hide it. Top and bottom are found first, over whole rows; left and right
/// over the rows between them. The result is reported only when the borders take at least
/// <see cref="MinTrimShare"/> of the width or the height and the picture left is at least <see cref="MinContentSide"/>
/// pixels each way.</para>
/// Allocation-free; thread-safe. Any pixel format: colour formats compare their first three bytes (alpha ignored).
/// </summary>
public static class FrameBorders
{
    /// <summary>Largest per-channel difference from the border colour that still counts as border (compression noise).</summary>
    public const int Tolerance = 24;

    /// <summary>Share of a line's pixels that must be near the border colour for the line to be border.</summary>
    public const double MinBorderShare = 0.75;

    /// <summary>A side's border is at most this share of the frame's width or height.</summary>
    public const double MaxSideShare = 0.45;

    /// <summary>Borders thinner than this share of the frame (both sides of an axis together) are not worth a second hash.</summary>
    public const double MinTrimShare = 0.02;

    /// <summary>The picture inside the borders must be at least this many pixels wide and high.</summary>
    public const int MinContentSide = 16;

    /// <summary>
    /// The picture inside <paramref name="frame"/>'s borders, or false when the frame has no border worth cutting (see
    /// the class remarks).
    /// </summary>
    public static bool TryFindContent(ImageView frame, out FrameRegion content)
    {
        content = new FrameRegion(0, 0, frame.Width, frame.Height);
        int width = frame.Width, height = frame.Height;
        if (width < MinContentSide || height < MinContentSide)
            return false;
        int channels = Math.Min(3, frame.BytesPerPixel);
        int maxRows = (int)(height * MaxSideShare);
        int maxColumns = (int)(width * MaxSideShare);

        int top = Thickness(frame, channels, horizontal: true, from: 0, step: 1, limit: maxRows, start: 0, count: width);
        int bottom = Thickness(frame, channels, horizontal: true, from: height - 1, step: -1, limit: maxRows, start: 0, count: width);
        int innerHeight = height - top - bottom;
        int left = Thickness(frame, channels, horizontal: false, from: 0, step: 1, limit: maxColumns, start: top, count: innerHeight);
        int right = Thickness(frame, channels, horizontal: false, from: width - 1, step: -1, limit: maxColumns, start: top, count: innerHeight);
        int innerWidth = width - left - right;

        bool worthIt = top + bottom >= height * MinTrimShare || left + right >= width * MinTrimShare;
        if (!worthIt || innerWidth < MinContentSide || innerHeight < MinContentSide)
            return false;
        content = new FrameRegion(left, top, innerWidth, innerHeight);
        return true;
    }

    /// <summary>
    /// How many lines from <paramref name="from"/> (moving by <paramref name="step"/>) are border, at most
    /// <paramref name="limit"/>. A line is a row when <paramref name="horizontal"/>, else a column; only its pixels
    /// <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> − 1 are looked at.
    /// </summary>
    private static int Thickness(ImageView frame, int channels, bool horizontal, int from, int step, int limit, int start, int count)
    {
        if (count <= 0 || limit <= 0)
            return 0;
        Span<byte> colour = stackalloc byte[3];
        MedianColour(frame, channels, horizontal, from, start, count, colour);
        int needed = (int)Math.Ceiling(count * MinBorderShare);
        int lines = 0;
        for (int line = from; lines < limit && NearCount(frame, channels, horizontal, line, start, count, colour) >= needed; line += step)
            lines++;
        return lines;
    }

    private static int NearCount(ImageView frame, int channels, bool horizontal, int line, int start, int count, ReadOnlySpan<byte> colour)
    {
        int bpp = frame.BytesPerPixel;
        int near = 0;
        if (horizontal)
        {
            ReadOnlySpan<byte> row = frame.GetRow(line);
            for (int i = start; i < start + count; i++)
                near += IsNear(row.Slice(i * bpp, channels), colour) ? 1 : 0;
        }
        else
        {
            int offset = line * bpp;
            for (int i = start; i < start + count; i++)
                near += IsNear(frame.GetRow(i).Slice(offset, channels), colour) ? 1 : 0;
        }
        return near;
    }

    private static bool IsNear(ReadOnlySpan<byte> pixel, ReadOnlySpan<byte> colour)
    {
        for (int c = 0; c < pixel.Length; c++)
        {
            if (Math.Abs(pixel[c] - colour[c]) > Tolerance)
                return false;
        }
        return true;
    }

    /// <summary>The per-channel median (lower median) of one line's pixels, from 256-bin histograms.</summary>
    private static void MedianColour(ImageView frame, int channels, bool horizontal, int line, int start, int count, Span<byte> colour)
    {
        Span<int> histogram = stackalloc int[3 * 256];
        histogram.Clear();
        int bpp = frame.BytesPerPixel;
        for (int i = start; i < start + count; i++)
        {
            ReadOnlySpan<byte> pixel = horizontal
                ? frame.GetRow(line).Slice(i * bpp, channels)
                : frame.GetRow(i).Slice(line * bpp, channels);
            for (int c = 0; c < channels; c++)
                histogram[c * 256 + pixel[c]]++;
        }
        int half = (count + 1) / 2;
        for (int c = 0; c < channels; c++)
        {
            int seen = 0;
            for (int v = 0; v < 256; v++)
            {
                seen += histogram[c * 256 + v];
                if (seen >= half)
                {
                    colour[c] = (byte)v;
                    break;
                }
            }
        }
    }
}
