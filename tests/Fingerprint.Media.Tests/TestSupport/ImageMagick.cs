using System.Diagnostics;
using System.Text;
using Fingerprint.Imaging;

namespace Fingerprint.Media.Tests.TestSupport;

/// <summary>
/// The independent oracle: ImageMagick 6.9.11 <c>convert</c>, run with <see cref="ProcessStartInfo.ArgumentList"/>.
/// <see cref="DecodeToPnm"/> is exactly the reference decode (<c>convert FILE pnm:-</c>, optionally <c>-depth 8</c>),
/// parsed into the grey/colour choice and bytes ImageMagick wrote (P4 bits expand to 0/255 grey).
/// </summary>
internal static class ImageMagick
{
    public const string Executable = "convert";

    /// <summary>A decoded PNM: Gray8 for P4/P5, Rgb24 for P6.</summary>
    internal sealed record Pnm(string Magic, int Width, int Height, PixelFormat Format, byte[] Pixels);

    public static byte[] Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("convert did not start");
        using var stdout = new MemoryStream();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"convert {string.Join(' ', args)} timed out");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"convert {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.ToArray();
    }

    /// <summary>Writes <paramref name="output"/> from <paramref name="args"/> (the last argument is the output path).</summary>
    public static string Make(string output, params string[] args)
    {
        Run([.. args, output]);
        return output;
    }

    /// <summary><c>convert FILE[0] [-depth 8] pnm:-</c>, parsed.</summary>
    public static Pnm DecodeToPnm(string file, bool depth8 = false, bool firstFrameOnly = true)
    {
        string input = firstFrameOnly ? file + "[0]" : file;
        byte[] bytes = depth8 ? Run(input, "-depth", "8", "pnm:-") : Run(input, "pnm:-");
        return ParsePnm(bytes);
    }

    public static Pnm ParsePnm(byte[] data)
    {
        int pos = 0;
        string magic = Token(data, ref pos);
        int width = int.Parse(Token(data, ref pos));
        int height = int.Parse(Token(data, ref pos));
        int maxval = magic == "P4" ? 1 : int.Parse(Token(data, ref pos));
        pos++;   // one whitespace byte
        if (maxval is not (1 or 255))
            throw new InvalidOperationException($"oracle PNM has maxval {maxval}; pass depth8");
        switch (magic)
        {
            case "P4":
            {
                int rowBytes = (width + 7) / 8;
                var pixels = new byte[width * height];
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                        pixels[y * width + x] = (data[pos + y * rowBytes + x / 8] & (0x80 >> (x % 8))) != 0 ? (byte)0 : (byte)255;
                return new Pnm(magic, width, height, PixelFormat.Gray8, pixels);
            }
            case "P5":
                return new Pnm(magic, width, height, PixelFormat.Gray8, data.AsSpan(pos, width * height).ToArray());
            case "P6":
                return new Pnm(magic, width, height, PixelFormat.Rgb24, data.AsSpan(pos, width * height * 3).ToArray());
            default:
                throw new InvalidOperationException($"unexpected oracle PNM {magic}");
        }
    }

    private static string Token(byte[] data, ref int pos)
    {
        while (pos < data.Length && (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#'))
        {
            if (data[pos] == '#')
                while (pos < data.Length && data[pos] != '\n') pos++;
            else
                pos++;
        }
        var sb = new StringBuilder();
        while (pos < data.Length && !char.IsWhiteSpace((char)data[pos]))
            sb.Append((char)data[pos++]);
        return sb.ToString();
    }

    /// <summary>Packs a decoded image's rows (dropping any stride padding) for byte comparison.</summary>
    public static byte[] Packed(PixelBuffer buffer)
    {
        int rowBytes = buffer.Width * buffer.Format.BytesPerPixel();
        var result = new byte[rowBytes * buffer.Height];
        for (int y = 0; y < buffer.Height; y++)
            buffer.GetRow(y).CopyTo(result.AsSpan(y * rowBytes));
        return result;
    }

    /// <summary>"same" or a description of the first difference, for assertion messages.</summary>
    public static string Compare(Pnm expected, PixelBuffer actual)
    {
        if (expected.Width != actual.Width || expected.Height != actual.Height)
            return $"size {actual.Width}x{actual.Height}, oracle {expected.Width}x{expected.Height}";
        if (expected.Format != actual.Format)
            return $"format {actual.Format}, oracle {expected.Format} ({expected.Magic})";
        byte[] got = Packed(actual);
        int diffs = 0, first = -1, maxDelta = 0;
        for (int i = 0; i < got.Length; i++)
        {
            if (got[i] == expected.Pixels[i])
                continue;
            diffs++;
            maxDelta = Math.Max(maxDelta, Math.Abs(got[i] - expected.Pixels[i]));
            if (first < 0)
                first = i;
        }
        if (diffs == 0)
            return "same";
        int bpp = expected.Format.BytesPerPixel();
        int px = first / bpp;
        return $"{diffs} of {got.Length} bytes differ (max delta {maxDelta}); first at pixel ({px % expected.Width},{px / expected.Width}) " +
               $"channel {first % bpp}: got {got[first]}, oracle {expected.Pixels[first]}";
    }
}
