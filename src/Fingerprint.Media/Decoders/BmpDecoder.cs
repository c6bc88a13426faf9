using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// Windows/OS2 BMP in managed code (Microsoft "Bitmap Storage" documentation: BITMAPFILEHEADER, BITMAPCOREHEADER (12),
/// BITMAPINFOHEADER (40) and its V2/V3/V4/V5 extensions (52, 56, 108, 124), OS/2 2.x (16, 64)). Bit depths 1, 2, 4, 8
/// (palette), 16, 24, 32 (BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS), BI_RLE8 and BI_RLE4; bottom-up and top-down rows.
/// Embedded JPEG/PNG (BI_JPEG, BI_PNG) is unsupported. Bit-field channels widen to 8 bits exactly as ImageMagick 6.9
/// coders/bmp.c does (5-bit and 6-bit fields bit-replicated, other widths shifted), so pixels equal
/// <c>convert FILE pnm:-</c>. Alpha is dropped. RLE pixels never written are palette index 0, as in ImageMagick.
/// </summary>
internal static class BmpDecoder
{
    private const string FormatName = "BMP";
    private const uint BI_RGB = 0, BI_RLE8 = 1, BI_RLE4 = 2, BI_BITFIELDS = 3, BI_JPEG = 4, BI_PNG = 5, BI_ALPHABITFIELDS = 6;

    public static RawImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        if (data.Length < 18)
            MediaThrow.Truncated(FormatName);
        uint pixelOffset = U32(data, 10);
        uint headerSize = U32(data, 14);
        if (headerSize is not (12 or 16 or 40 or 52 or 56 or 64 or 108 or 124))
            MediaThrow.Corrupt(FormatName, $"unknown header size {headerSize}");
        if (data.Length < 14 + headerSize)
            MediaThrow.Truncated(FormatName);
        ReadOnlySpan<byte> h = data.Slice(14, (int)headerSize);

        long width, height;
        int bitCount;
        uint compression = BI_RGB, colorsUsed = 0;
        bool core = headerSize == 12;
        if (core)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(h.Slice(4, 2));
            height = BinaryPrimitives.ReadInt16LittleEndian(h.Slice(6, 2));
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(h.Slice(10, 2));
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(h.Slice(4, 4));
            height = BinaryPrimitives.ReadInt32LittleEndian(h.Slice(8, 4));
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(h.Slice(14, 2));
            if (headerSize >= 20)
                compression = U32(h, 16);
            if (headerSize >= 36)
                colorsUsed = U32(h, 32);
        }
        bool topDown = height < 0;
        height = Math.Abs(height);
        if (compression is BI_JPEG or BI_PNG)
            MediaThrow.Unsupported($"BMP with embedded {(compression == BI_JPEG ? "JPEG" : "PNG")} data");
        if (compression > BI_ALPHABITFIELDS)
            MediaThrow.Corrupt(FormatName, $"unknown compression {compression}");
        if (bitCount is not (1 or 2 or 4 or 8 or 16 or 24 or 32))
            MediaThrow.Corrupt(FormatName, $"unsupported bit count {bitCount}");
        if ((compression == BI_RLE8 && bitCount != 8) || (compression == BI_RLE4 && bitCount != 4))
            MediaThrow.Corrupt(FormatName, $"RLE compression with {bitCount} bits per pixel");
        MediaThrow.CheckDimensions(options.Limits, FormatName, width, height, 3);
        int w = (int)width, ht = (int)height;

        // Channel masks: explicit (V2+ headers, or 12/16 bytes after a 40-byte header), else the defaults.
        uint rMask, gMask, bMask;
        if (compression is BI_BITFIELDS or BI_ALPHABITFIELDS)
        {
            ReadOnlySpan<byte> masks = headerSize >= 52 ? h.Slice(40) : SliceOrThrow(data, 14 + (int)headerSize, 12);
            rMask = U32(masks, 0);
            gMask = U32(masks, 4);
            bMask = U32(masks, 8);
        }
        else if (bitCount == 16)
        {
            (rMask, gMask, bMask) = (0x7C00, 0x03E0, 0x001F);
        }
        else
        {
            (rMask, gMask, bMask) = (0x00FF0000, 0x0000FF00, 0x000000FF);
        }

        // Palette: after the header (and after 40-byte-header masks), 3 bytes per entry for core headers, else 4 (BGR order).
        byte[]? palette = null;
        int paletteCount = 0;
        if (bitCount <= 8)
        {
            int entrySize = core ? 3 : 4;
            int paletteStart = 14 + (int)headerSize + (headerSize == 40 && compression == BI_BITFIELDS ? 12 : 0);
            int maxEntries = 1 << bitCount;
            paletteCount = colorsUsed == 0 || colorsUsed > (uint)maxEntries ? maxEntries : (int)colorsUsed;
            int available = (int)Math.Min(paletteCount, Math.Max(0, (Math.Min(pixelOffset, (uint)data.Length) - paletteStart) / entrySize));
            if (available <= 0)
                MediaThrow.Corrupt(FormatName, "palette missing");
            paletteCount = available;
            palette = new byte[paletteCount * 3];
            for (int i = 0; i < paletteCount; i++)
            {
                int at = paletteStart + i * entrySize;
                palette[i * 3] = data[at + 2];
                palette[i * 3 + 1] = data[at + 1];
                palette[i * 3 + 2] = data[at];
            }
        }

        if (pixelOffset >= (uint)data.Length)
            MediaThrow.Truncated(FormatName);
        ReadOnlySpan<byte> bits = data[(int)pixelOffset..];
        var pixels = new PixelBuffer(w, ht, PixelFormat.Rgb24);
        try
        {
            if (compression is BI_RLE8 or BI_RLE4)
                DecodeRle(bits, pixels, palette!, paletteCount, compression == BI_RLE4);
            else
                DecodeRows(bits, pixels, bitCount, topDown, palette, paletteCount, rMask, gMask, bMask);
        }
        catch
        {
            pixels.Dispose();
            throw;
        }
        return new RawImage(pixels, w, ht, 1);
    }

    private static void DecodeRows(ReadOnlySpan<byte> bits, PixelBuffer pixels, int bitCount, bool topDown, byte[]? palette,
        int paletteCount, uint rMask, uint gMask, uint bMask)
    {
        int w = pixels.Width, h = pixels.Height;
        long rowBytes = ((long)w * bitCount + 31) / 32 * 4;
        if (rowBytes * h > bits.Length)
            MediaThrow.Truncated(FormatName);
        var r = new Field(rMask);
        var g = new Field(gMask);
        var b = new Field(bMask);
        for (int y = 0; y < h; y++)
        {
            ReadOnlySpan<byte> src = bits.Slice((int)(rowBytes * y), (int)rowBytes);
            Span<byte> dst = pixels.GetRow(topDown ? y : h - 1 - y);
            switch (bitCount)
            {
                case 24:
                    for (int x = 0; x < w; x++)
                    {
                        dst[x * 3] = src[x * 3 + 2];
                        dst[x * 3 + 1] = src[x * 3 + 1];
                        dst[x * 3 + 2] = src[x * 3];
                    }
                    break;
                case 16:
                case 32:
                    for (int x = 0; x < w; x++)
                    {
                        uint p = bitCount == 16 ? BinaryPrimitives.ReadUInt16LittleEndian(src.Slice(x * 2, 2)) : U32(src, x * 4);
                        dst[x * 3] = r.Extract(p);
                        dst[x * 3 + 1] = g.Extract(p);
                        dst[x * 3 + 2] = b.Extract(p);
                    }
                    break;
                default:
                    int perByte = 8 / bitCount, mask = (1 << bitCount) - 1;
                    for (int x = 0; x < w; x++)
                    {
                        int shift = 8 - bitCount * (x % perByte + 1);
                        int index = (src[x / perByte] >> shift) & mask;
                        SetIndex(dst, x, index, palette!, paletteCount);
                    }
                    break;
            }
        }
    }

    private static void SetIndex(Span<byte> row, int x, int index, byte[] palette, int paletteCount)
    {
        if (index >= paletteCount)
            index = 0;   // ImageMagick: ConstrainColormapIndex
        row[x * 3] = palette[index * 3];
        row[x * 3 + 1] = palette[index * 3 + 1];
        row[x * 3 + 2] = palette[index * 3 + 2];
    }

    /// <summary>BI_RLE8 / BI_RLE4 (bottom-up): runs, absolute runs (word-aligned), end of line, end of bitmap, delta.</summary>
    private static void DecodeRle(ReadOnlySpan<byte> bits, PixelBuffer pixels, byte[] palette, int paletteCount, bool four)
    {
        int w = pixels.Width, h = pixels.Height;
        byte[] indices = ArrayPool<byte>.Shared.Rent(w * h);
        try
        {
            indices.AsSpan(0, w * h).Clear();
            int x = 0, y = 0, i = 0;
            while (y < h)
            {
                if (i + 2 > bits.Length)
                    MediaThrow.Truncated(FormatName);
                int count = bits[i], value = bits[i + 1];
                i += 2;
                if (count > 0)
                {
                    for (int k = 0; k < count && x < w; k++, x++)
                        indices[y * w + x] = (byte)(four ? (k % 2 == 0 ? value >> 4 : value & 15) : value);
                    continue;
                }
                switch (value)
                {
                    case 0:
                        x = 0;
                        y++;
                        break;
                    case 1:
                        y = h;
                        break;
                    case 2:
                        if (i + 2 > bits.Length)
                            MediaThrow.Truncated(FormatName);
                        x += bits[i];
                        y += bits[i + 1];
                        i += 2;
                        break;
                    default:
                        int n = value;
                        int bytes = four ? (n + 1) / 2 : n;
                        if (i + bytes > bits.Length)
                            MediaThrow.Truncated(FormatName);
                        for (int k = 0; k < n; k++, x++)
                        {
                            int v = four ? (k % 2 == 0 ? bits[i + k / 2] >> 4 : bits[i + k / 2] & 15) : bits[i + k];
                            if (x < w && y < h)
                                indices[y * w + x] = (byte)v;
                        }
                        i += bytes + (bytes & 1);
                        break;
                }
            }
            for (int row = 0; row < h; row++)
            {
                Span<byte> dst = pixels.GetRow(h - 1 - row);
                for (int col = 0; col < w; col++)
                    SetIndex(dst, col, indices[row * w + col], palette, paletteCount);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(indices);
        }
    }

    /// <summary>
    /// One bit-field channel widened as ImageMagick 6.9 coders/bmp.c does: v = ((p &amp; mask) &lt;&lt; shift) &gt;&gt; 16 with the
    /// mask's top bit moved to bit 31; 5-bit fields OR in (v &amp; 0xE000) &gt;&gt; 5, 6-bit fields (v &amp; 0xC000) &gt;&gt; 6;
    /// fields of at most 8 bits OR in (v &amp; 0xFF00) &gt;&gt; 8; the 16-bit result is a Q16 quantum, reduced by
    /// <see cref="PixelOps.Scale16To8"/> (exact for fields of at most 8 bits, where it is a multiple of 257).
    /// </summary>
    private readonly struct Field
    {
        private readonly uint _mask;
        private readonly int _shift;
        private readonly int _bits;

        public Field(uint mask)
        {
            _mask = mask;
            _shift = mask == 0 ? 0 : BitOperations.LeadingZeroCount(mask);
            _bits = BitOperations.PopCount(mask);
        }

        public byte Extract(uint pixel)
        {
            if (_mask == 0)
                return 0;
            uint v = ((pixel & _mask) << _shift) >> 16;
            if (_bits == 5)
                v |= (v & 0xE000) >> 5;
            if (_bits == 6)
                v |= (v & 0xC000) >> 6;
            if (_bits <= 8)
                v |= (v & 0xFF00) >> 8;
            return PixelOps.Scale16To8((int)(v & 0xFFFF));
        }
    }

    private static ReadOnlySpan<byte> SliceOrThrow(ReadOnlySpan<byte> data, int start, int length)
    {
        if (start + length > data.Length)
            MediaThrow.Truncated(FormatName);
        return data.Slice(start, length);
    }

    private static uint U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s.Slice(at, 4));
}
