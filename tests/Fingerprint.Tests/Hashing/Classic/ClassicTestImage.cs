using System.IO.Compression;
using System.Text;
using Fingerprint.Imaging;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Classic;

/// <summary>
/// An input of the classic-hash goldens: a gzip'd binary PNM (P5 grey or P6 RGB, maxval 255) under
/// testmedia/expected/classic-inputs, written by make_goldens.py and read here byte for byte (no decoder involved).
/// </summary>
internal sealed class ClassicTestImage
{
    private ClassicTestImage(string name, int width, int height, int channels, byte[] pixels)
    {
        Name = name;
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public string Name { get; }
    public int Width { get; }
    public int Height { get; }
    /// <summary>1 (grey) or 3 (R, G, B).</summary>
    public int Channels { get; }
    public byte[] Pixels { get; }

    public static string InputPath(string fileName) =>
        RepoPaths.InRepo("testmedia", "expected", "classic-inputs", fileName);

    public static ClassicTestImage Load(string fileName)
    {
        using var file = File.OpenRead(InputPath(fileName));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        byte[] data = memory.ToArray();

        int pos = 0;
        string magic = NextToken(data, ref pos);
        int width = int.Parse(NextToken(data, ref pos));
        int height = int.Parse(NextToken(data, ref pos));
        int maxValue = int.Parse(NextToken(data, ref pos));
        pos++; // the single whitespace byte after maxval
        int channels = magic switch
        {
            "P5" => 1,
            "P6" => 3,
            _ => throw new InvalidDataException($"{fileName}: unsupported PNM magic '{magic}'."),
        };
        if (maxValue != 255)
            throw new InvalidDataException($"{fileName}: maxval {maxValue}, expected 255.");
        int length = width * height * channels;
        if (data.Length - pos != length)
            throw new InvalidDataException($"{fileName}: {data.Length - pos} pixel bytes, expected {length}.");
        return new ClassicTestImage(fileName, width, height, channels, data.AsSpan(pos, length).ToArray());
    }

    /// <summary>A random image (R, G, B or grey) from a seeded generator.</summary>
    public static ClassicTestImage Random(SplitMix64 rng, int width, int height, int channels)
    {
        byte[] pixels = new byte[width * height * channels];
        rng.NextBytes(pixels);
        return new ClassicTestImage($"random {width}x{height}x{channels}", width, height, channels, pixels);
    }

    public static ClassicTestImage FromPixels(string name, int width, int height, int channels, byte[] pixels) =>
        new(name, width, height, channels, pixels);

    /// <summary>
    /// The pixels laid out in <paramref name="format"/> with <paramref name="padding"/> extra bytes per row (filled
    /// with noise, so a read past the row shows). Grey images go to colour formats as R = G = B; alpha is noise.
    /// Only grey images can be laid out as <see cref="PixelFormat.Gray8"/>.
    /// </summary>
    public byte[] Layout(PixelFormat format, int padding, SplitMix64 rng, out int stride)
    {
        if (format == PixelFormat.Gray8 && Channels != 1)
            throw new ArgumentException("A colour image has no Gray8 layout.", nameof(format));
        int bpp = format.BytesPerPixel();
        stride = Width * bpp + padding;
        byte[] data = new byte[stride * Height];
        rng.NextBytes(data);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int src = (y * Width + x) * Channels;
                byte r = Pixels[src], g = Pixels[src + (Channels == 3 ? 1 : 0)], b = Pixels[src + (Channels == 3 ? 2 : 0)];
                int dst = y * stride + x * bpp;
                switch (format)
                {
                    case PixelFormat.Gray8:
                        data[dst] = r;
                        break;
                    case PixelFormat.Rgb24:
                    case PixelFormat.Rgba32:
                        data[dst] = r;
                        data[dst + 1] = g;
                        data[dst + 2] = b;
                        break;
                    case PixelFormat.Bgra32:
                        data[dst] = b;
                        data[dst + 1] = g;
                        data[dst + 2] = r;
                        break;
                }
            }
        }
        return data;
    }

    /// <summary>The natural layout: Gray8 for grey images, Rgb24 for colour ones, tightly packed.</summary>
    public PixelFormat NaturalFormat => Channels == 1 ? PixelFormat.Gray8 : PixelFormat.Rgb24;

    public override string ToString() => Name;

    private static string NextToken(byte[] data, ref int pos)
    {
        while (true)
        {
            while (pos < data.Length && IsSpace(data[pos]))
                pos++;
            if (pos < data.Length && data[pos] == (byte)'#')
            {
                while (pos < data.Length && data[pos] != (byte)'\n')
                    pos++;
                continue;
            }
            break;
        }
        int start = pos;
        while (pos < data.Length && !IsSpace(data[pos]))
            pos++;
        return Encoding.ASCII.GetString(data, start, pos - start);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';
}
