using Fingerprint.Imaging;
using Fingerprint.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Imaging.Regions;

/// <summary>
/// An RGB canvas with the drawing operations the region tests need to build synthetic memes: textured "photos" that
/// are uniform nowhere, solid pads and gutters, glyph-like "text", and JPEG-like noise. Everything is driven by
/// <see cref="SplitMix64"/> seeds written in the tests, so each image is reproducible from its test's name.
/// The ground truth of every test comes from the rectangles passed to these methods, never from the code under test.
/// </summary>
internal sealed class SyntheticCanvas
{
    public SyntheticCanvas(int width, int height)
    {
        Width = width;
        Height = height;
        Rgb = new byte[width * height * 3];
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Rgb { get; }

    public ImageView View => new(Rgb, Width, Height, PixelFormat.Rgb24);

    public void Fill(RegionRect rect, (byte R, byte G, byte B) colour)
    {
        for (int y = rect.Y; y < rect.Bottom; y++)
            for (int x = rect.X; x < rect.Right; x++)
                Set(x, y, colour.R, colour.G, colour.B);
    }

    public void Fill((byte R, byte G, byte B) colour) => Fill(new RegionRect(0, 0, Width, Height), colour);

    /// <summary>
    /// A photo-like texture in <paramref name="rect"/>: a random base colour, plus a luminance field made of three
    /// sinusoids at well-spread angles (0, 60, 120 degrees, +-15) and bilinear value noise on a 12-24 px lattice, plus
    /// a few small textured ellipses. The value noise varies every line of a few dozen pixels by tens of levels, so no
    /// row or column of the photo is uniform.
    /// </summary>
    public void Photo(RegionRect rect, SplitMix64 rng)
    {
        double[] baseColour = [rng.NextInt(70, 180), rng.NextInt(70, 180), rng.NextInt(70, 180)];
        double[] gain = [0.7 + 0.6 * rng.NextDouble(), 0.7 + 0.6 * rng.NextDouble(), 0.7 + 0.6 * rng.NextDouble()];
        var waves = new (double Kx, double Ky, double Phase, double Amp)[3];
        double scale = Math.Max(rect.Width, rect.Height);
        for (int k = 0; k < 3; k++)
        {
            double angle = (k * 60 + rng.NextInt(-15, 16)) * Math.PI / 180;
            double cycles = 1.5 + 3 * rng.NextDouble();
            double w = 2 * Math.PI * cycles / scale;
            waves[k] = (w * Math.Cos(angle), w * Math.Sin(angle), 2 * Math.PI * rng.NextDouble(), 18 + 12 * rng.NextDouble());
        }
        int cell = rng.NextInt(12, 25);
        int gw = rect.Width / cell + 2, gh = rect.Height / cell + 2;
        double[] lattice = new double[gw * gh];
        for (int i = 0; i < lattice.Length; i++)
            lattice[i] = rng.NextInt(-35, 36);

        var ellipses = new (double Cx, double Cy, double Rx, double Ry, double[] Colour)[rng.NextInt(2, 6)];
        for (int i = 0; i < ellipses.Length; i++)
        {
            ellipses[i] = (rect.X + rng.NextDouble() * rect.Width, rect.Y + rng.NextDouble() * rect.Height,
                4 + rng.NextDouble() * rect.Width * 0.15, 4 + rng.NextDouble() * rect.Height * 0.15,
                [rng.NextInt(20, 236), rng.NextInt(20, 236), rng.NextInt(20, 236)]);
        }

        for (int y = rect.Y; y < rect.Bottom; y++)
        {
            for (int x = rect.X; x < rect.Right; x++)
            {
                int lx = x - rect.X, ly = y - rect.Y;
                double lum = 0;
                foreach (var (kx, ky, phase, amp) in waves)
                    lum += amp * Math.Sin(kx * lx + ky * ly + phase);
                double fx = (double)lx / cell, fy = (double)ly / cell;
                int ix = (int)fx, iy = (int)fy;
                double tx = fx - ix, ty = fy - iy;
                double n00 = lattice[iy * gw + ix], n10 = lattice[iy * gw + ix + 1];
                double n01 = lattice[(iy + 1) * gw + ix], n11 = lattice[(iy + 1) * gw + ix + 1];
                lum += (n00 * (1 - tx) + n10 * tx) * (1 - ty) + (n01 * (1 - tx) + n11 * tx) * ty;

                double[] colour = baseColour;
                double shapeLum = lum;
                foreach (var (cx, cy, rx, ry, c) in ellipses)
                {
                    double dx = (x - cx) / rx, dy = (y - cy) / ry;
                    if (dx * dx + dy * dy <= 1)
                    {
                        colour = c;
                        shapeLum = 0.5 * lum;
                    }
                }
                Set(x, y, Clamp(colour[0] + gain[0] * shapeLum), Clamp(colour[1] + gain[1] * shapeLum), Clamp(colour[2] + gain[2] * shapeLum));
            }
        }
    }

    /// <summary>
    /// A line of glyph-like "text" filling <paramref name="line"/>'s height: glyphs 0.5-0.8 x height wide with gaps,
    /// each two to four thick strokes between random points of its box (stroke width <paramref name="strokeFraction"/>
    /// of the height: 1/7 for a regular face, 1/4 for a heavy caption face such as Impact), as letters are. Leaves random margins at both ends like centred caption text.
    /// </summary>
    public void TextLine(RegionRect line, (byte R, byte G, byte B) ink, SplitMix64 rng, double strokeFraction = 1.0 / 7)
    {
        int h = line.Height;
        double stroke = Math.Max(1.5, h * strokeFraction);
        int x = line.X + rng.NextInt(0, Math.Max(1, line.Width / 6));
        int end = line.Right - rng.NextInt(0, Math.Max(1, line.Width / 6));
        while (true)
        {
            int gw = Math.Max(3, (int)(h * (0.5 + 0.3 * rng.NextDouble())));
            if (x + gw > end)
                break;
            if (rng.NextInt(8) == 0)
            {
                x += gw; // a space between words
                continue;
            }
            int strokes = rng.NextInt(2, 5);
            for (int s = 0; s < strokes; s++)
            {
                double x0 = x + rng.NextDouble() * gw, y0 = line.Y + rng.NextDouble() * h;
                double x1 = x + rng.NextDouble() * gw, y1 = line.Y + rng.NextDouble() * h;
                Segment(x0, y0, x1, y1, stroke, ink, new RegionRect(x, line.Y, gw, h));
            }
            x += gw + Math.Max(1, h / 6);
        }
    }

    /// <summary>A thick line segment, clipped to <paramref name="clip"/>.</summary>
    public void Segment(double x0, double y0, double x1, double y1, double width, (byte R, byte G, byte B) colour, RegionRect clip)
    {
        double r = width / 2;
        int minX = Math.Max(clip.X, (int)Math.Floor(Math.Min(x0, x1) - r)), maxX = Math.Min(clip.Right - 1, (int)Math.Ceiling(Math.Max(x0, x1) + r));
        int minY = Math.Max(clip.Y, (int)Math.Floor(Math.Min(y0, y1) - r)), maxY = Math.Min(clip.Bottom - 1, (int)Math.Ceiling(Math.Max(y0, y1) + r));
        double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
        for (int y = minY; y <= maxY; y++)
        {
            for (int x = minX; x <= maxX; x++)
            {
                double t = len2 == 0 ? 0 : Math.Clamp(((x - x0) * dx + (y - y0) * dy) / len2, 0, 1);
                double ex = x0 + t * dx - x, ey = y0 + t * dy - y;
                if (ex * ex + ey * ey <= r * r)
                    Set(x, y, colour.R, colour.G, colour.B);
            }
        }
    }

    /// <summary>Adds independent uniform noise in [-amplitude, amplitude] to every channel (JPEG-like speckle).</summary>
    /// <summary>Replaces every pixel by its grey (floor of the channel mean) in all three channels.</summary>
    public void MakeGrey()
    {
        byte[] gray = ToGray();
        for (int i = 0; i < gray.Length; i++)
            Rgb[3 * i] = Rgb[3 * i + 1] = Rgb[3 * i + 2] = gray[i];
    }

    public void Noise(SplitMix64 rng, int amplitude)
    {
        for (int i = 0; i < Rgb.Length; i++)
            Rgb[i] = Clamp(Rgb[i] + rng.NextInt(-amplitude, amplitude + 1));
    }

    /// <summary>The picture in grey (floor of the channel mean), as Gray8 bytes.</summary>
    public byte[] ToGray()
    {
        byte[] gray = new byte[Width * Height];
        for (int i = 0; i < gray.Length; i++)
            gray[i] = (byte)((Rgb[3 * i] + Rgb[3 * i + 1] + Rgb[3 * i + 2]) / 3);
        return gray;
    }

    private void Set(int x, int y, byte r, byte g, byte b)
    {
        int o = (y * Width + x) * 3;
        Rgb[o] = r;
        Rgb[o + 1] = g;
        Rgb[o + 2] = b;
    }

    private static byte Clamp(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}
