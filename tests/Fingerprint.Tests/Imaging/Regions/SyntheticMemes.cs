using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>
/// Synthetic memes with known geometry, built on <see cref="SyntheticCanvas"/>. Each builder returns the canvas and the
/// rectangles it drew (the ground truth). All get +-3 JPEG-like noise last.
/// </summary>
internal static class SyntheticMemes
{
    public const int NoiseAmplitude = 3;

    public static readonly (byte R, byte G, byte B) White = (255, 255, 255);
    public static readonly (byte R, byte G, byte B) Black = (0, 0, 0);
    public static readonly (byte R, byte G, byte B) NearWhite = (246, 244, 248);
    public static readonly (byte R, byte G, byte B) NearBlack = (12, 10, 14);
    public static readonly (byte R, byte G, byte B) MidGrey = (128, 128, 128);
    public static readonly (byte R, byte G, byte B) Red = (200, 30, 40);
    public static readonly (byte R, byte G, byte B) Blue = (30, 60, 210);

    public static readonly (byte R, byte G, byte B)[] PadColours = [White, Black, NearWhite, NearBlack, MidGrey, Red, Blue];

    /// <summary>A plain photo filling the whole canvas.</summary>
    public static SyntheticCanvas Photo(ulong seed, int width, int height)
    {
        var rng = new SplitMix64(seed);
        var canvas = new SyntheticCanvas(width, height);
        canvas.Photo(new RegionRect(0, 0, width, height), rng);
        canvas.Noise(rng, NoiseAmplitude);
        return canvas;
    }

    /// <summary>
    /// A photo of <paramref name="photoWidth"/> x <paramref name="photoHeight"/> with solid pads of the given pixel
    /// sizes and per-side colours (top and bottom pads span the full width; left and right pads are drawn over them,
    /// so they own the corners).
    /// </summary>
    public static (SyntheticCanvas Canvas, RegionRect Photo) Padded(
        ulong seed, int photoWidth, int photoHeight, (int Left, int Top, int Right, int Bottom) pads,
        (byte R, byte G, byte B)[] colours)
    {
        var rng = new SplitMix64(seed);
        int width = pads.Left + photoWidth + pads.Right, height = pads.Top + photoHeight + pads.Bottom;
        var canvas = new SyntheticCanvas(width, height);
        var photo = new RegionRect(pads.Left, pads.Top, photoWidth, photoHeight);
        canvas.Photo(photo, rng);
        canvas.Fill(new RegionRect(0, 0, width, pads.Top), colours[1]);
        canvas.Fill(new RegionRect(0, photo.Bottom, width, pads.Bottom), colours[3]);
        canvas.Fill(new RegionRect(0, 0, pads.Left, height), colours[0]);
        canvas.Fill(new RegionRect(photo.Right, 0, pads.Right, height), colours[2]);
        canvas.Noise(rng, NoiseAmplitude);
        return (canvas, photo);
    }

    /// <summary>
    /// A photo with caption bands: a band of <paramref name="topLines"/> text lines above it and one of
    /// <paramref name="bottomLines"/> below (0 for none), each line <paramref name="textHeight"/> px with padding of
    /// half a line between lines and around the band. Text is dark on a light band and light on a dark one.
    /// </summary>
    public static (SyntheticCanvas Canvas, RegionRect Photo) Captioned(
        ulong seed, int width, int photoHeight, int topLines, int bottomLines, int textHeight,
        (byte R, byte G, byte B) topBand, (byte R, byte G, byte B) bottomBand, double strokeFraction = 1.0 / 7)
    {
        var rng = new SplitMix64(seed);
        int pad = textHeight / 2 + 2;
        int BandHeight(int lines) => lines == 0 ? 0 : pad + lines * (textHeight + pad);
        int top = BandHeight(topLines), bottom = BandHeight(bottomLines);
        var canvas = new SyntheticCanvas(width, top + photoHeight + bottom);
        var photo = new RegionRect(0, top, width, photoHeight);
        canvas.Photo(photo, rng);
        canvas.Fill(new RegionRect(0, 0, width, top), topBand);
        canvas.Fill(new RegionRect(0, photo.Bottom, width, bottom), bottomBand);
        for (int i = 0; i < topLines; i++)
            canvas.TextLine(new RegionRect(pad, pad + i * (textHeight + pad), width - 2 * pad, textHeight), InkOn(topBand), rng, strokeFraction);
        for (int i = 0; i < bottomLines; i++)
            canvas.TextLine(new RegionRect(pad, photo.Bottom + pad + i * (textHeight + pad), width - 2 * pad, textHeight), InkOn(bottomBand), rng, strokeFraction);
        canvas.Noise(rng, NoiseAmplitude);
        return (canvas, photo);
    }

    private static (byte R, byte G, byte B) InkOn((byte R, byte G, byte B) band) =>
        band.R + band.G + band.B > 3 * 128 ? ((byte)20, (byte)20, (byte)20) : ((byte)235, (byte)235, (byte)235);

    /// <summary>
    /// A grid collage of independent photos, <paramref name="columns"/> x <paramref name="rows"/>, each
    /// <paramref name="panelWidth"/> x <paramref name="panelHeight"/>, separated by <paramref name="gutter"/> px and
    /// surrounded by <paramref name="margin"/> px of <paramref name="colour"/>. Truth in reading order.
    /// </summary>
    public static (SyntheticCanvas Canvas, RegionRect[] Panels) Collage(
        ulong seed, int columns, int rows, int panelWidth, int panelHeight, int gutter, int margin,
        (byte R, byte G, byte B) colour)
    {
        var rng = new SplitMix64(seed);
        int width = 2 * margin + columns * panelWidth + (columns - 1) * gutter;
        int height = 2 * margin + rows * panelHeight + (rows - 1) * gutter;
        var canvas = new SyntheticCanvas(width, height);
        canvas.Fill(colour);
        var panels = new RegionRect[columns * rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                var panel = new RegionRect(margin + c * (panelWidth + gutter), margin + r * (panelHeight + gutter), panelWidth, panelHeight);
                canvas.Photo(panel, rng);
                panels[r * columns + c] = panel;
            }
        }
        canvas.Noise(rng, NoiseAmplitude);
        return (canvas, panels);
    }

    /// <summary>
    /// A four-panel comic page: white page margin, 2 x 2 panels each framed by a <paramref name="frame"/> px black
    /// line, white gutters. Returns the frames' bounding box and each panel's inside (truth in reading order).
    /// </summary>
    public static (SyntheticCanvas Canvas, RegionRect Page, RegionRect[] Insides) Comic(
        ulong seed, int panelWidth, int panelHeight, int frame, int gutter, int margin)
    {
        var rng = new SplitMix64(seed);
        int outerW = panelWidth + 2 * frame, outerH = panelHeight + 2 * frame;
        int width = 2 * margin + 2 * outerW + gutter, height = 2 * margin + 2 * outerH + gutter;
        var canvas = new SyntheticCanvas(width, height);
        canvas.Fill(White);
        var insides = new RegionRect[4];
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 2; c++)
            {
                var outer = new RegionRect(margin + c * (outerW + gutter), margin + r * (outerH + gutter), outerW, outerH);
                canvas.Fill(outer, Black);
                var inside = new RegionRect(outer.X + frame, outer.Y + frame, panelWidth, panelHeight);
                canvas.Photo(inside, rng);
                insides[r * 2 + c] = inside;
            }
        }
        canvas.Noise(rng, NoiseAmplitude);
        return (canvas, new RegionRect(margin, margin, width - 2 * margin, height - 2 * margin), insides);
    }

    /// <summary>
    /// A phone screenshot of a posted picture: a dark status bar (clock glyphs left, icon blobs right), white side
    /// borders around the picture, and a light navigation bar with three icon blobs.
    /// </summary>
    public static (SyntheticCanvas Canvas, RegionRect Picture) Screenshot(ulong seed, int width, int height)
    {
        var rng = new SplitMix64(seed);
        var canvas = new SyntheticCanvas(width, height);
        int status = height / 25, nav = height / 12, side = width / 40;
        var picture = new RegionRect(side, status, width - 2 * side, height - status - nav);
        canvas.Fill(White);
        canvas.Photo(picture, rng);
        canvas.Fill(new RegionRect(0, 0, width, status), (28, 28, 30));
        int glyph = status / 2;
        canvas.TextLine(new RegionRect(side, status / 4, width / 6, glyph), (240, 240, 240), rng);
        for (int i = 0; i < 3; i++)
            canvas.Fill(new RegionRect(width - side - (i + 1) * (glyph + 4), status / 4, glyph, glyph), (240, 240, 240));
        canvas.Fill(new RegionRect(0, picture.Bottom, width, nav), (242, 242, 246));
        for (int i = 0; i < 3; i++)
        {
            int cx = width * (2 * i + 1) / 6;
            canvas.Fill(new RegionRect(cx - nav / 5, picture.Bottom + nav * 3 / 10, 2 * (nav / 5), 2 * (nav / 5)), (60, 60, 64));
        }
        canvas.Noise(rng, NoiseAmplitude);
        return (canvas, picture);
    }

    /// <summary>
    /// A "blurred extension" frame: a <paramref name="contentWidth"/> x <paramref name="contentHeight"/> photo centred on
    /// a <paramref name="width"/> x <paramref name="height"/> canvas whose background is the same photo scaled to cover
    /// the canvas (uniform scale, centred, cropped) and box-blurred (radius <paramref name="blurRadius"/>, three passes each way: close to a Gaussian of
    /// sigma = radius), as video apps fill letterbox and pillarbox bars.
    /// </summary>
    public static (SyntheticCanvas Canvas, RegionRect Content) BlurredExtension(
        ulong seed, int width, int height, int contentWidth, int contentHeight, int blurRadius)
    {
        var rng = new SplitMix64(seed);
        var photo = new SyntheticCanvas(contentWidth, contentHeight);
        photo.Photo(new RegionRect(0, 0, contentWidth, contentHeight), rng);
        return BlurredExtension(photo, width, height, blurRadius, rng);
    }

    /// <summary><see cref="BlurredExtension(ulong, int, int, int, int, int)"/> around a given picture.</summary>
    public static (SyntheticCanvas Canvas, RegionRect Content) BlurredExtension(
        SyntheticCanvas photo, int width, int height, int blurRadius, SplitMix64 rng)
    {
        int contentWidth = photo.Width, contentHeight = photo.Height;
        var canvas = new SyntheticCanvas(width, height);
        double[] plane = new double[width * height];
        double scale = Math.Max((double)width / contentWidth, (double)height / contentHeight); // "cover", centred
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int sx = Math.Clamp((int)((x - width / 2.0) / scale + contentWidth / 2.0), 0, contentWidth - 1);
                    int sy = Math.Clamp((int)((y - height / 2.0) / scale + contentHeight / 2.0), 0, contentHeight - 1);
                    plane[y * width + x] = photo.Rgb[(sy * contentWidth + sx) * 3 + c];
                }
            }
            for (int pass = 0; pass < 3; pass++)
            {
                BoxBlur(plane, width, height, 1, width, blurRadius);
                BoxBlur(plane, height, width, width, 1, blurRadius);
            }
            for (int i = 0; i < plane.Length; i++)
                canvas.Rgb[i * 3 + c] = (byte)Math.Clamp((int)Math.Round(plane[i]), 0, 255);
        }
        var content = new RegionRect((width - contentWidth) / 2, (height - contentHeight) / 2, contentWidth, contentHeight);
        for (int y = 0; y < contentHeight; y++)
            Array.Copy(photo.Rgb, y * contentWidth * 3, canvas.Rgb, ((content.Y + y) * width + content.X) * 3, contentWidth * 3);
        canvas.Noise(rng, NoiseAmplitude);
        return (canvas, content);
    }

    // One box-blur pass along lines of `length` samples `step` apart, `lines` of them `lineStep` apart; edges clamp.
    private static void BoxBlur(double[] plane, int length, int lines, int step, int lineStep, int radius)
    {
        double[] line = new double[length];
        for (int l = 0; l < lines; l++)
        {
            for (int i = 0; i < length; i++)
                line[i] = plane[l * lineStep + i * step];
            for (int i = 0; i < length; i++)
            {
                double sum = 0;
                for (int k = -radius; k <= radius; k++)
                    sum += line[Math.Clamp(i + k, 0, length - 1)];
                plane[l * lineStep + i * step] = sum / (2 * radius + 1);
            }
        }
    }

    /// <summary>
    /// A landscape whose top part is sky down to an irregular horizon (hills: two sinusoids plus a random walk, from
    /// <paramref name="skyFraction"/> of the height, +-8% of it). The sky is flat (one colour plus noise) or, with
    /// <paramref name="gradient"/>, a smooth vertical gradient (grey 170 at the top to 210 at the mean horizon).
    /// </summary>
    public static SyntheticCanvas Landscape(ulong seed, int width, int height, double skyFraction, bool gradient)
    {
        var rng = new SplitMix64(seed);
        var canvas = new SyntheticCanvas(width, height);
        canvas.Photo(new RegionRect(0, 0, width, height), rng);
        double p1 = rng.NextDouble() * 6.3, p2 = rng.NextDouble() * 6.3, walk = 0;
        for (int x = 0; x < width; x++)
        {
            walk = Math.Clamp(walk + rng.NextInt(-2, 3), -height * 0.03, height * 0.03);
            double horizon = height * skyFraction + height * 0.05 * Math.Sin(x * 0.021 + p1) + height * 0.03 * Math.Sin(x * 0.057 + p2) + walk;
            for (int y = 0; y < horizon && y < height; y++)
            {
                double t = gradient ? y / (height * skyFraction) : 0;
                canvas.Fill(new RegionRect(x, y, 1, 1), ((byte)(110 + 80 * t), (byte)(160 + 60 * t), (byte)(240 - 20 * t)));
            }
        }
        canvas.Noise(rng, NoiseAmplitude);
        return canvas;
    }
}
