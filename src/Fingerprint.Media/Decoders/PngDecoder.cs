using System.Buffers;
using System.Runtime.InteropServices;
using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// PNG through libspng 0.7 (every error a return code; libpng's longjmp error path is avoided). Output follows
/// ImageMagick 6.9.11 <c>convert FILE pnm:-</c>: alpha and tRNS dropped without compositing, no gamma applied, palette
/// expanded, 1/2/4-bit grey expanded to 0..255, 16-bit samples reduced as <c>-depth 8</c> does, floor(v / 257)
/// (<see cref="PixelOps.Scale16To8"/>); grey colour types give Gray8, colour types Rgb24 (then Gray8 if every pixel is
/// grey, like P5). The output format libspng writes:
/// grey &lt;= 8 bit: SPNG_FMT_G8 (straight into the result); palette: SPNG_FMT_RGB8 (straight into the result); RGB 8:
/// SPNG_FMT_PNG (= RGB8, straight); everything else: SPNG_FMT_PNG (native samples, host-endian 16-bit) row by row into a
/// row buffer and reduced, or into a whole-image buffer for interlaced files (libspng deinterlaces in place).
/// CRC errors: fatal in critical chunks, ancillary chunks with a bad CRC are skipped (libpng's default, so ImageMagick's).
/// </summary>
internal static class PngDecoder
{
    private const string FormatName = "PNG";

    // Chunk limits: no single chunk above 64 MiB, at most 128 MiB of ancillary chunk data cached (text, ICC, EXIF).
    private const nuint ChunkSizeLimit = 64u << 20, ChunkCacheLimit = 128u << 20;

    public static unsafe RawImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        int orientation = ExifLocator.PngOrientation(data);
        using SafeSpngContextHandle ctx = Interop.Spng.CtxNew(0);
        if (ctx.IsInvalid)
            MediaThrow.Native(MediaErrorCode.Corrupt, "libspng could not create a context", null);
        fixed (byte* src = data)
        {
            Check(Interop.Spng.SetPngBuffer(ctx, src, (nuint)data.Length), "setting the input");
            uint maxSide = (uint)Math.Max(1, options.Limits.MaxDimension);
            Check(Interop.Spng.SetImageLimits(ctx, maxSide, maxSide), "setting limits");
            Check(Interop.Spng.SetChunkLimits(ctx, ChunkSizeLimit, ChunkCacheLimit), "setting limits");
            Check(Interop.Spng.SetCrcAction(ctx, Interop.Spng.SPNG_CRC_ERROR, Interop.Spng.SPNG_CRC_DISCARD), "setting CRC handling");

            Interop.Spng.spng_ihdr ihdr;
            Check(Interop.Spng.GetIhdr(ctx, &ihdr), "reading the header");
            int width = (int)Math.Min(ihdr.width, int.MaxValue), height = (int)Math.Min(ihdr.height, int.MaxValue);
            int channels = ihdr.color_type switch
            {
                Interop.Spng.SPNG_COLOR_TYPE_GRAYSCALE => 1,
                Interop.Spng.SPNG_COLOR_TYPE_GRAYSCALE_ALPHA => 2,
                Interop.Spng.SPNG_COLOR_TYPE_TRUECOLOR => 3,
                Interop.Spng.SPNG_COLOR_TYPE_TRUECOLOR_ALPHA => 4,
                _ => 3,   // indexed: expanded to RGB8
            };
            bool sixteen = ihdr.bit_depth == 16;
            bool grayType = ihdr.color_type is Interop.Spng.SPNG_COLOR_TYPE_GRAYSCALE or Interop.Spng.SPNG_COLOR_TYPE_GRAYSCALE_ALPHA;
            PixelFormat outFormat = grayType ? PixelFormat.Gray8 : PixelFormat.Rgb24;
            int keep = grayType ? 1 : 3;
            int nativeBpp = ihdr.color_type == Interop.Spng.SPNG_COLOR_TYPE_INDEXED ? 3 : channels * (sixteen ? 2 : 1);
            MediaThrow.CheckDimensions(options.Limits, FormatName, width, height, Math.Max(nativeBpp, 3));

            var pixels = new PixelBuffer(width, height, outFormat);
            try
            {
                if (ihdr.color_type == Interop.Spng.SPNG_COLOR_TYPE_GRAYSCALE && !sixteen)
                    DecodeDirect(ctx, pixels, Interop.Spng.SPNG_FMT_G8);
                else if (ihdr.color_type == Interop.Spng.SPNG_COLOR_TYPE_INDEXED)
                    DecodeDirect(ctx, pixels, Interop.Spng.SPNG_FMT_RGB8);
                else if (ihdr.color_type == Interop.Spng.SPNG_COLOR_TYPE_TRUECOLOR && !sixteen)
                    DecodeDirect(ctx, pixels, Interop.Spng.SPNG_FMT_PNG);
                else
                    DecodeConverted(ctx, pixels, channels, keep, sixteen, ihdr.interlace_method != 0, nativeBpp);
            }
            catch
            {
                pixels.Dispose();
                throw;
            }
            return new RawImage(pixels, width, height, orientation);
        }
    }

    private static unsafe void DecodeDirect(SafeSpngContextHandle ctx, PixelBuffer pixels, int fmt)
    {
        Check(Interop.Spng.DecodedImageSize(ctx, fmt, out nuint needed), "sizing the image");
        if (needed != (nuint)pixels.Length)
            MediaThrow.Corrupt(FormatName, $"libspng wants {needed} bytes for a {pixels.Width}x{pixels.Height} image");
        fixed (byte* dst = pixels.Array)
            Check(Interop.Spng.DecodeImage(ctx, dst, (nuint)pixels.Length, fmt, 0), "decoding");
    }

    private static unsafe void DecodeConverted(SafeSpngContextHandle ctx, PixelBuffer pixels, int channels, int keep,
        bool sixteen, bool interlaced, int nativeBpp)
    {
        int fmt = Interop.Spng.SPNG_FMT_PNG;
        Check(Interop.Spng.DecodedImageSize(ctx, fmt, out nuint needed), "sizing the image");
        int width = pixels.Width, height = pixels.Height;
        int rowBytes = checked(width * nativeBpp);
        if (needed != (nuint)((long)rowBytes * height))
            MediaThrow.Corrupt(FormatName, $"libspng wants {needed} bytes for a {width}x{height} image");
        Check(Interop.Spng.DecodeImage(ctx, null, 0, fmt, Interop.Spng.SPNG_DECODE_PROGRESSIVE), "starting the decode");

        // Interlaced rows arrive pass by pass and are deinterlaced into their final place, so they need the whole image.
        int bufferBytes = interlaced ? checked(rowBytes * height) : rowBytes;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferBytes, 1));
        try
        {
            fixed (byte* buf = buffer)
            {
                while (true)
                {
                    Interop.Spng.spng_row_info info;
                    int rc = Interop.Spng.GetRowInfo(ctx, &info);
                    if (rc == Interop.Spng.SPNG_EOI)
                        break;
                    Check(rc, "decoding");
                    if (info.row_num >= (uint)height)
                        MediaThrow.Corrupt(FormatName, "row index out of range");
                    byte* rowPtr = interlaced ? buf + (long)info.row_num * rowBytes : buf;
                    rc = Interop.Spng.DecodeRow(ctx, rowPtr, (nuint)rowBytes);
                    if (!interlaced && rc is Interop.Spng.SPNG_OK or Interop.Spng.SPNG_EOI)
                        ConvertRow(new ReadOnlySpan<byte>(rowPtr, rowBytes), pixels.GetRow((int)info.row_num), width, channels, keep, sixteen);
                    if (rc == Interop.Spng.SPNG_EOI)
                        break;
                    Check(rc, "decoding");
                }
            }
            if (interlaced)
            {
                for (int y = 0; y < height; y++)
                    ConvertRow(buffer.AsSpan(y * rowBytes, rowBytes), pixels.GetRow(y), width, channels, keep, sixteen);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ConvertRow(ReadOnlySpan<byte> native, Span<byte> dst, int width, int channels, int keep, bool sixteen)
    {
        if (sixteen)
            PixelOps.Reduce16(MemoryMarshal.Cast<byte, ushort>(native), dst, width, channels, keep);
        else
            PixelOps.DropChannels(native, dst, width, channels, keep);
    }

    private static void Check(int rc, string stage)
    {
        if (rc == Interop.Spng.SPNG_OK)
            return;
        string native = Interop.PtrToString(Interop.Spng.StrError(rc)) ?? $"libspng error {rc}";
        switch (rc)
        {
            case Interop.Spng.SPNG_IO_EOF or Interop.Spng.SPNG_EOF or Interop.Spng.SPNG_EIDAT_TOO_SHORT:
                MediaThrow.Truncated(FormatName, native);
                break;
            case Interop.Spng.SPNG_EUSER_WIDTH or Interop.Spng.SPNG_EUSER_HEIGHT:
                MediaThrow.Native(MediaErrorCode.LimitExceeded, "PNG size exceeds MediaLimits.MaxDimension", native);
                break;
            case Interop.Spng.SPNG_ECHUNK_LIMITS:
                MediaThrow.Native(MediaErrorCode.LimitExceeded, "PNG chunk exceeds the decoder's chunk limits", native);
                break;
            case Interop.Spng.SPNG_EMEM:
                MediaThrow.Native(MediaErrorCode.LimitExceeded, "PNG decoder ran out of memory", native);
                break;
            default:
                MediaThrow.Corrupt(FormatName, stage, native);
                break;
        }
    }
}
