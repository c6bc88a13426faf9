using System.Buffers;
using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// WebP stills through libwebp's advanced API (WebPDecode with a WebPDecoderConfig), decoding straight into the result
/// buffer (external memory). Lossy WebP uses libwebp's default fancy upsampling, as ImageMagick's webp coder does;
/// alpha is dropped. Fast profile: libwebp's scaled decode (options.use_scaling) to the smallest eighth of the size
/// (same rule as the JPEG DCT scales) that keeps the short side at least <see cref="DecodeOptions.FastMinShortSide"/>.
/// Animated files decode their first frame as a still only through <see cref="WebPFrameSource"/>; here they are
/// rejected by libwebp ("unsupported feature") and reported as such.
/// </summary>
internal static class WebPDecoder
{
    private const string FormatName = "WebP";

    public static unsafe Interop.WebP.WebPBitstreamFeatures GetFeatures(byte* data, int length)
    {
        Interop.WebP.WebPBitstreamFeatures features;
        int status = Interop.WebP.GetFeaturesInternal(data, (nuint)length, &features, Interop.WebP.WEBP_DECODER_ABI_VERSION);
        if (status != Interop.WebP.VP8_STATUS_OK)
            Throw(status, "reading the header");
        return features;
    }

    public static unsafe RawImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        int orientation = ExifLocator.WebPOrientation(data);
        fixed (byte* src = data)
        {
            Interop.WebP.WebPBitstreamFeatures features = GetFeatures(src, data.Length);
            int width = features.width, height = features.height;
            MediaThrow.CheckDimensions(options.Limits, FormatName, width, height, 4);
            if (features.has_animation != 0)
            {
                // The still of an animation is its first composited frame (the same pixels the frame source gives).
                return new RawImage(WebPFrameSource.DecodeFirstFrame(data, options), width, height, orientation);
            }

            Interop.WebP.WebPDecoderConfig config;
            if (Interop.WebP.InitDecoderConfigInternal(&config, Interop.WebP.WEBP_DECODER_ABI_VERSION) == 0)
                MediaThrow.Native(MediaErrorCode.DependencyMissing, "libwebp ABI version mismatch (expected 0x0209)", null);

            int num = 1, den = 1;
            int outW = width, outH = height;
            if (options.Profile == DecodeProfile.Fast)
            {
                (num, den) = ChooseEighths(width, height, options.FastMinShortSide);
                if (num != den)
                {
                    outW = (int)(((long)width * num + den - 1) / den);
                    outH = (int)(((long)height * num + den - 1) / den);
                    config.options.use_scaling = 1;
                    config.options.scaled_width = outW;
                    config.options.scaled_height = outH;
                }
            }

            // Decode RGB (3 bytes) or, when there is alpha, RGBA into a scratch buffer and drop alpha.
            bool alpha = features.has_alpha != 0;
            var pixels = new PixelBuffer(outW, outH, PixelFormat.Rgb24);
            byte[]? rgba = null;
            try
            {
                int bpp = alpha ? 4 : 3;
                int stride = outW * bpp;
                int bytes = checked(stride * outH);
                if (alpha)
                    rgba = ArrayPool<byte>.Shared.Rent(bytes);
                fixed (byte* dst = alpha ? rgba : pixels.Array)
                {
                    config.output.colorspace = alpha ? Interop.WebP.MODE_RGBA : Interop.WebP.MODE_RGB;
                    config.output.is_external_memory = 1;
                    config.output.rgba = (nint)dst;
                    config.output.stride = stride;
                    config.output.size = (nuint)bytes;
                    int status = Interop.WebP.Decode(src, (nuint)data.Length, &config);
                    Interop.WebP.FreeDecBuffer(&config.output);
                    if (status != Interop.WebP.VP8_STATUS_OK)
                        Throw(status, "decoding");
                }
                if (alpha)
                {
                    for (int y = 0; y < outH; y++)
                        PixelOps.DropChannels(rgba.AsSpan(y * stride, stride), pixels.GetRow(y), outW, 4, 3);
                }
            }
            catch
            {
                pixels.Dispose();
                throw;
            }
            finally
            {
                if (rgba is not null)
                    ArrayPool<byte>.Shared.Return(rgba);
            }
            return new RawImage(pixels, width, height, orientation, num, den);
        }
    }

    /// <summary>The smallest k/8 (k = 1..8) whose ceil-scaled short side is still at least <paramref name="minShortSide"/>.</summary>
    internal static (int Num, int Den) ChooseEighths(int width, int height, int minShortSide)
    {
        for (int k = 1; k < 8; k++)
        {
            long w = ((long)width * k + 7) / 8, h = ((long)height * k + 7) / 8;
            if (Math.Min(w, h) >= minShortSide)
                return k switch { 2 => (1, 4), 4 => (1, 2), 6 => (3, 4), _ => (k, 8) };   // reduced fractions
        }
        return (1, 1);
    }

    internal static void Throw(int status, string stage)
    {
        string native = StatusName(status);
        switch (status)
        {
            case Interop.WebP.VP8_STATUS_NOT_ENOUGH_DATA:
                MediaThrow.Truncated(FormatName, native);
                break;
            case Interop.WebP.VP8_STATUS_UNSUPPORTED_FEATURE:
                MediaThrow.Native(MediaErrorCode.UnsupportedFormat, "unsupported format: WebP feature not decodable", native);
                break;
            case Interop.WebP.VP8_STATUS_OUT_OF_MEMORY:
                MediaThrow.Native(MediaErrorCode.LimitExceeded, "WebP decoder ran out of memory", native);
                break;
            default:
                MediaThrow.Corrupt(FormatName, stage, native);
                break;
        }
    }

    internal static string StatusName(int status) => status switch
    {
        Interop.WebP.VP8_STATUS_OUT_OF_MEMORY => "libwebp: VP8_STATUS_OUT_OF_MEMORY",
        Interop.WebP.VP8_STATUS_INVALID_PARAM => "libwebp: VP8_STATUS_INVALID_PARAM",
        Interop.WebP.VP8_STATUS_BITSTREAM_ERROR => "libwebp: VP8_STATUS_BITSTREAM_ERROR (bitstream error)",
        Interop.WebP.VP8_STATUS_UNSUPPORTED_FEATURE => "libwebp: VP8_STATUS_UNSUPPORTED_FEATURE",
        Interop.WebP.VP8_STATUS_SUSPENDED => "libwebp: VP8_STATUS_SUSPENDED",
        Interop.WebP.VP8_STATUS_USER_ABORT => "libwebp: VP8_STATUS_USER_ABORT",
        Interop.WebP.VP8_STATUS_NOT_ENOUGH_DATA => "libwebp: VP8_STATUS_NOT_ENOUGH_DATA (not enough data)",
        _ => $"libwebp: status {status}",
    };
}
