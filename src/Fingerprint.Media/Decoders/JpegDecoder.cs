using System.Buffers;
using System.Runtime.InteropServices;
using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// JPEG through libturbojpeg's TurboJPEG 2 API (turbojpeg.h, libjpeg-turbo 2.1). Owns one tjhandle; not thread-safe.
/// <list type="bullet">
/// <item>Conformance (FullRes, Cli512): full size, TJPF_RGB (TJPF_GRAY for grey JPEGs), flags 0 (accurate islow IDCT,
/// fancy upsampling): the bytes ImageMagick 6.9.11 and djpeg produce, since all three run the same libjpeg-turbo.</item>
/// <item>CMYK/YCCK: TurboJPEG 2.1 refuses CMYK to RGB ("Unsupported color conversion request"), so these decode to
/// TJPF_CMYK (YCCK becomes CMYK inside libjpeg) and <see cref="CmykToRgb"/> converts.</item>
/// <item>Fast: the smallest DCT scale from tjGetScalingFactors (at most 1/1; by default only 1/2, 1/4, 1/8, see
/// <see cref="DecodeOptions.FastPowerOfTwoScalesOnly"/>) keeping the short side at least
/// <see cref="DecodeOptions.FastMinShortSide"/>; TJPF_GRAY when <see cref="DecodeOptions.PreferGray"/>;
/// TJFLAG_FASTUPSAMPLE / TJFLAG_FASTDCT as the options say.</item>
/// </list>
/// TJFLAG_LIMITSCANS is always set: it refuses progressive files with hundreds of scans (a CPU bomb) and changes no pixel.
/// </summary>
internal sealed class JpegDecoder : IDisposable
{
    private const string FormatName = "JPEG";
    private static TurboJpegScale[]? s_scales;
    private SafeTurboJpegHandle? _handle;

    /// <summary>A libjpeg-turbo DCT scaling factor (num/denom).</summary>
    internal readonly record struct TurboJpegScale(int Num, int Denom)
    {
        /// <summary>TJSCALED: ceil(dimension * num / denom) (turbojpeg.h).</summary>
        public int Apply(int dimension) => (int)(((long)dimension * Num + Denom - 1) / Denom);
    }

    /// <summary>The factors libturbojpeg supports (tjGetScalingFactors), largest first; 16 in 2.1 (2/1 .. 1/8).</summary>
    internal static unsafe TurboJpegScale[] ScalingFactors()
    {
        TurboJpegScale[]? scales = s_scales;
        if (scales is not null)
            return scales;
        Interop.TurboJpeg.TjScalingFactor* p = Interop.TurboJpeg.GetScalingFactors(out int n);
        if (p == null || n <= 0)
            return s_scales = [new TurboJpegScale(1, 1)];
        scales = new TurboJpegScale[n];
        for (int i = 0; i < n; i++)
            scales[i] = new TurboJpegScale(p[i].num, p[i].denom);
        return s_scales = scales;
    }

    /// <summary>
    /// The smallest factor no larger than 1 whose output keeps the short side at least <paramref name="minShortSide"/>;
    /// 1/1 when the image is already smaller. Public to the tests and the fast-profile harness.
    /// </summary>
    internal static TurboJpegScale ChooseScale(int width, int height, int minShortSide, bool powerOfTwoOnly = false)
    {
        var best = new TurboJpegScale(1, 1);
        foreach (TurboJpegScale s in ScalingFactors())
        {
            if (s.Num > s.Denom)
                continue;   // never upscale
            if (powerOfTwoOnly && (s.Num != 1 || (s.Denom & (s.Denom - 1)) != 0))
                continue;
            int shortSide = Math.Min(s.Apply(width), s.Apply(height));
            if (shortSide >= minShortSide && (long)s.Num * best.Denom < (long)best.Num * s.Denom)
                best = s;
        }
        return best;
    }

    private SafeTurboJpegHandle Handle()
    {
        if (_handle is { IsInvalid: false })
            return _handle;
        SafeTurboJpegHandle h = Interop.TurboJpeg.InitDecompress();
        if (h.IsInvalid)
        {
            h.Dispose();
            MediaThrow.Native(MediaErrorCode.Corrupt, "libturbojpeg could not create a decompressor", null);
        }
        return _handle = h;
    }

    /// <summary>
    /// Decodes one JPEG. After any failure the tjhandle is destroyed and the next call makes a fresh one: in
    /// libjpeg-turbo 2.1 a tjDecompressHeader3 that fails leaves the decompressor mid-header, and the next, valid file
    /// then fails with the previous file's error ("Bogus Huffman table definition"); found by the bit-flip tests.
    /// </summary>
    public RawImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        try
        {
            return DecodeCore(data, options);
        }
        catch
        {
            _handle?.Dispose();
            _handle = null;
            throw;
        }
    }

    private unsafe RawImage DecodeCore(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        SafeTurboJpegHandle handle = Handle();
        int orientation = ExifLocator.JpegOrientation(data);
        fixed (byte* src = data)
        {
            var size = new CULong((nuint)data.Length);
            if (Interop.TurboJpeg.DecompressHeader3(handle, src, size, out int width, out int height, out _, out int colorspace) != 0)
                ThrowFromHandle(handle, "reading the header");
            MediaThrow.CheckDimensions(options.Limits, FormatName, width, height, 4);

            bool fast = options.Profile == DecodeProfile.Fast;
            TurboJpegScale scale = fast
                ? ChooseScale(width, height, options.FastMinShortSide, options.FastPowerOfTwoScalesOnly)
                : new TurboJpegScale(1, 1);
            int outW = scale.Apply(width), outH = scale.Apply(height);
            int flags = Interop.TurboJpeg.TJFLAG_LIMITSCANS;
            if (fast && options.FastUpsample)
                flags |= Interop.TurboJpeg.TJFLAG_FASTUPSAMPLE;
            if (fast && options.FastDct)
                flags |= Interop.TurboJpeg.TJFLAG_FASTDCT;

            PixelBuffer pixels;
            if (colorspace is Interop.TurboJpeg.TJCS_CMYK or Interop.TurboJpeg.TJCS_YCCK)
            {
                pixels = DecodeCmyk(handle, src, size, outW, outH, flags, data);
            }
            else
            {
                bool gray = colorspace == Interop.TurboJpeg.TJCS_GRAY || (fast && options.PreferGray);
                pixels = new PixelBuffer(outW, outH, gray ? PixelFormat.Gray8 : PixelFormat.Rgb24);
                try
                {
                    fixed (byte* dst = pixels.Array)
                    {
                        int rc = Interop.TurboJpeg.Decompress2(handle, src, size, dst, outW, pixels.Stride, outH,
                            gray ? Interop.TurboJpeg.TJPF_GRAY : Interop.TurboJpeg.TJPF_RGB, flags);
                        if (rc != 0)
                            CheckWarning(handle, data);
                    }
                }
                catch
                {
                    pixels.Dispose();
                    throw;
                }
            }
            return new RawImage(pixels, width, height, orientation, scale.Num, scale.Denom);
        }
    }

    private static unsafe PixelBuffer DecodeCmyk(SafeTurboJpegHandle handle, byte* src, CULong size, int width, int height, int flags,
        ReadOnlySpan<byte> data)
    {
        int cmykBytes = checked(width * height * 4);
        byte[] cmyk = ArrayPool<byte>.Shared.Rent(cmykBytes);
        try
        {
            fixed (byte* dst = cmyk)
            {
                int rc = Interop.TurboJpeg.Decompress2(handle, src, size, dst, width, width * 4, height,
                    Interop.TurboJpeg.TJPF_CMYK, flags);
                if (rc != 0)
                    CheckWarning(handle, data);
            }
            var rgb = new PixelBuffer(width, height, PixelFormat.Rgb24);
            CmykToRgb(cmyk.AsSpan(0, cmykBytes), rgb.Span);
            return rgb;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cmyk);
        }
    }

    /// <summary>
    /// CMYK as libjpeg stores it (Adobe-inverted: 0 = full ink, the convention every CMYK JPEG writer follows) to RGB:
    /// R = round(C * K / 255), likewise G from M and B from Y. This is libjpeg-turbo's cmyk_to_rgb (cmyk.h, used by
    /// djpeg) and also what ImageMagick 6.9 computes: its JPEG reader inverts the samples (coders/jpeg.c) and its
    /// CMYK to sRGB transform (colorspace.c, ConvertCMYKToRGB, Q16, then ScaleQuantumToChar) gives the same 8-bit
    /// value for all 65 536 (C, K) pairs (checked exhaustively).
    /// </summary>
    internal static void CmykToRgb(ReadOnlySpan<byte> cmyk, Span<byte> rgb)
    {
        int n = cmyk.Length / 4;
        for (int i = 0, s = 0, d = 0; i < n; i++, s += 4, d += 3)
        {
            int k = cmyk[s + 3];
            rgb[d] = (byte)((cmyk[s] * k + 127) / 255);
            rgb[d + 1] = (byte)((cmyk[s + 1] * k + 127) / 255);
            rgb[d + 2] = (byte)((cmyk[s + 2] * k + 127) / 255);
        }
    }

    /// <summary>
    /// tjDecompress2 returned -1. A warning (TJERR_WARNING) means libjpeg recovered and produced a whole image
    /// (ImageMagick accepts these too), unless the data ran out: libjpeg then pads the missing part with grey. TurboJPEG
    /// keeps only the first warning's text, which for a cut inside a scan is "Corrupt JPEG data: premature end of data
    /// segment" rather than "Premature end of JPEG file", so truncation is decided from the data: no EOI marker after the
    /// first SOS (entropy-coded data stuffs every 0xFF, so FF D9 there is always a real marker) means truncated.
    /// </summary>
    private static void CheckWarning(SafeTurboJpegHandle handle, ReadOnlySpan<byte> data)
    {
        string message = ErrorText(handle);
        if (Interop.TurboJpeg.GetErrorCode(handle) == Interop.TurboJpeg.TJERR_WARNING)
        {
            if (!HasEoiAfterFirstScan(data))
                MediaThrow.Truncated(FormatName, message);
            if (!IsTruncation(message))
                return;
        }
        ThrowMessage(message, "decoding");
    }

    /// <summary>True when an EOI marker (FF D9) follows the first SOS marker (JPEG marker syntax, ITU T.81 B.1.1).</summary>
    internal static bool HasEoiAfterFirstScan(ReadOnlySpan<byte> jpeg)
    {
        int i = 2;
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
                return false;
            byte marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }
            if (marker == 0xD9)
                return true;
            if (marker == 0xDA)
                return jpeg[(i + 2)..].IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0;
            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }
        return false;
    }

    private static string ErrorText(SafeTurboJpegHandle handle) =>
        Interop.PtrToString(Interop.TurboJpeg.GetErrorStr2(handle)) ?? "unknown libturbojpeg error";

    private static bool IsTruncation(string message) =>
        message.Contains("Premature end", StringComparison.Ordinal) || message.Contains("insufficient data", StringComparison.Ordinal);

    private static void ThrowFromHandle(SafeTurboJpegHandle handle, string stage) => ThrowMessage(ErrorText(handle), stage);

    private static void ThrowMessage(string message, string stage)
    {
        if (IsTruncation(message))
            MediaThrow.Truncated(FormatName, message);
        if (message.Contains("Unsupported", StringComparison.Ordinal) || message.Contains("Bogus", StringComparison.Ordinal) && message.Contains("precision", StringComparison.Ordinal))
            MediaThrow.Native(MediaErrorCode.UnsupportedFormat, $"unsupported format: JPEG variant not decodable ({stage})", message);
        MediaThrow.Corrupt(FormatName, stage, message);
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
    }
}
