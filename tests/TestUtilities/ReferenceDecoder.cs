using System.Diagnostics;
using System.Text;
using Fingerprint.Imaging;

namespace Fingerprint.TestUtilities;

/// <summary>
/// Decodes an image exactly as the PDQ reference harness did (conformance/pdq/README.md "How the expected values were
/// made"): ImageMagick <c>convert FILE pnm:-</c> (what CImg runs when built without libjpeg/libpng), then the PNM on
/// stdout is parsed here. P5/P2 become Gray8 (the reference's grey path), P6/P3 Rgb24; the 1-bit P4/P1 become Gray8
/// with a set bit as 0 (black) and a clear bit as 255, which is "decoded to 8-bit grey" (README, <c>1.png</c>).
/// Samples with maxval 65535 (16-bit PNG) are reduced to 8 bits as ImageMagick's <c>-depth 8</c> does for Q16,
/// <c>((q + 128) - ((q + 128) &gt;&gt; 8)) &gt;&gt; 8</c>, which is round(q / 257) (README: the <c>fullres</c> column
/// of I16.png used that scaling). <see cref="SixteenBitSamples.WrapModulo256"/> instead keeps the low byte, as
/// <c>CImg&lt;uint8&gt;</c> does in pdq-photo-hasher (SPEC.md §1.7: a quirk the product does not copy; the
/// <c>cli512</c> column of I16.png was made that way). Other maxvals are rejected. Only the first image of a multi-image stream is read, as CImg does. Test-only: the core never runs a
/// process (DESIGN.md §2). Needs ImageMagick 6 (<c>convert</c>), which test.sh installs.
/// </summary>
public static class ReferenceDecoder
{
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(2);

    /// <summary>How samples of a 16-bit (maxval 65535) PNM become bytes.</summary>
    public enum SixteenBitSamples
    {
        /// <summary>round(q / 257), ImageMagick <c>-depth 8</c>: the README's <c>fullres</c> decoding.</summary>
        ScaleToDepth8,

        /// <summary>q mod 256, CImg&lt;uint8&gt;'s conversion: how pdq-photo-hasher (<c>cli512</c>) saw 16-bit images.</summary>
        WrapModulo256,
    }

    /// <summary>Runs <c>convert <paramref name="path"/> pnm:-</c> and parses the output.</summary>
    public static PixelBuffer Decode(string path, SixteenBitSamples sixteenBit = SixteenBitSamples.ScaleToDepth8)
    {
        var psi = new ProcessStartInfo("convert")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(path);
        psi.ArgumentList.Add("pnm:-");
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start ImageMagick convert.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"convert {path} pnm:- did not finish within {Timeout}.");
        }
        copy.Wait(Timeout);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidDataException($"convert {path} pnm:- exited with {process.ExitCode}: {stderr.Result}");
        return ParsePnm(stdout.GetBuffer().AsSpan(0, (int)stdout.Length), sixteenBit);
    }

    /// <summary>Parses the first image of a PNM stream (P1..P6).</summary>
    public static PixelBuffer ParsePnm(ReadOnlySpan<byte> data, SixteenBitSamples sixteenBit = SixteenBitSamples.ScaleToDepth8)
    {
        int pos = 0;
        if (data.Length < 2 || data[0] != (byte)'P' || data[1] < (byte)'1' || data[1] > (byte)'6')
            throw new InvalidDataException("Not a PNM stream (no P1..P6 magic).");
        int kind = data[1] - '0';
        pos = 2;
        int width = ReadHeaderInt(data, ref pos);
        int height = ReadHeaderInt(data, ref pos);
        int maxval = kind is 1 or 4 ? 1 : ReadHeaderInt(data, ref pos);
        if (width <= 0 || height <= 0)
            throw new InvalidDataException($"Bad PNM size {width}x{height}.");
        if (kind is not (1 or 4) && maxval != 255 && maxval != 65535)
            throw new InvalidDataException($"PNM maxval {maxval} is not supported (255 or 65535).");

        bool colour = kind is 3 or 6;
        var buffer = new PixelBuffer(width, height, colour ? PixelFormat.Rgb24 : PixelFormat.Gray8);
        Span<byte> pixels = buffer.Span;
        int samples = width * height * (colour ? 3 : 1);
        try
        {
            switch (kind)
            {
                case 4:
                {
                    pos++;                                          // the single whitespace before the raster
                    int rowBytes = (width + 7) / 8;
                    Require(data, pos, rowBytes * height);
                    for (int y = 0; y < height; y++)
                        for (int x = 0; x < width; x++)
                            pixels[y * width + x] = (data[pos + y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) != 0 ? (byte)0 : (byte)255;
                    break;
                }
                case 5 or 6:
                {
                    pos++;
                    if (maxval == 255)
                    {
                        Require(data, pos, samples);
                        data.Slice(pos, samples).CopyTo(pixels);
                    }
                    else
                    {
                        Require(data, pos, 2 * samples);
                        for (int i = 0; i < samples; i++)
                            pixels[i] = To8((data[pos + 2 * i] << 8) | data[pos + 2 * i + 1], sixteenBit);
                    }
                    break;
                }
                default:                                            // ASCII P1, P2, P3
                {
                    for (int i = 0; i < samples; i++)
                    {
                        int v = kind == 1 ? ReadBit(data, ref pos) : ReadHeaderInt(data, ref pos);
                        pixels[i] = kind == 1 ? (v != 0 ? (byte)0 : (byte)255) : maxval == 255 ? (byte)v : To8(v, sixteenBit);
                    }
                    break;
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        return buffer;
    }

    private static byte To8(int q, SixteenBitSamples mode) => mode == SixteenBitSamples.WrapModulo256 ? (byte)q : Depth8(q);

    /// <summary>ImageMagick Q16 ScaleQuantumToChar: round(q / 257).</summary>
    public static byte Depth8(int q) => (byte)(((q + 128) - ((q + 128) >> 8)) >> 8);

    private static void Require(ReadOnlySpan<byte> data, int pos, int length)
    {
        if (pos + length > data.Length)
            throw new InvalidDataException($"PNM raster truncated: need {length} bytes at {pos}, have {data.Length - pos}.");
    }

    private static void SkipWhitespaceAndComments(ReadOnlySpan<byte> data, ref int pos)
    {
        while (pos < data.Length)
        {
            if (data[pos] == (byte)'#')
            {
                while (pos < data.Length && data[pos] != (byte)'\n')
                    pos++;
            }
            else if (data[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                pos++;
            }
            else
            {
                return;
            }
        }
    }

    private static int ReadHeaderInt(ReadOnlySpan<byte> data, ref int pos)
    {
        SkipWhitespaceAndComments(data, ref pos);
        int start = pos;
        long value = 0;
        while (pos < data.Length && data[pos] >= (byte)'0' && data[pos] <= (byte)'9')
        {
            value = value * 10 + (data[pos] - '0');
            if (value > int.MaxValue)
                throw new InvalidDataException("PNM number too large.");
            pos++;
        }
        if (pos == start)
            throw new InvalidDataException($"PNM: expected a number at byte {start} ('{Encoding.ASCII.GetString(data.Slice(start, Math.Min(8, data.Length - start)))}').");
        return (int)value;
    }

    private static int ReadBit(ReadOnlySpan<byte> data, ref int pos)
    {
        SkipWhitespaceAndComments(data, ref pos);
        if (pos >= data.Length || (data[pos] != (byte)'0' && data[pos] != (byte)'1'))
            throw new InvalidDataException($"PNM P1: expected 0 or 1 at byte {pos}.");
        return data[pos++] - '0';
    }
}
