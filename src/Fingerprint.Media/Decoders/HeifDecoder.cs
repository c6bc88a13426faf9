using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// HEIC and AVIF stills through libheif 1.15: the primary image, decoded to interleaved 8-bit RGB (libheif converts
/// higher bit depths), alpha dropped. libheif applies the file's geometric transforms (irot, imir, clap) itself, as the
/// HEIF specification requires, so EXIF orientation is neither read nor applied for these formats. libheif decodes on the
/// calling thread (max decoding threads 0): the caller already runs one decoder per worker.
/// </summary>
internal static class HeifDecoder
{
    public static unsafe RawImage Decode(ReadOnlySpan<byte> data, DecodeOptions options, MediaFormat format)
    {
        string name = format == MediaFormat.Avif ? "AVIF" : "HEIF";
        int compression = format == MediaFormat.Avif ? Interop.Heif.heif_compression_AV1 : Interop.Heif.heif_compression_HEVC;
        if (Interop.Heif.HaveDecoderForFormat(compression) == 0)
        {
            MediaThrow.Unsupported(format == MediaFormat.Avif
                ? "AVIF decoding needs libheif with an AV1 decoder (libheif1 built with dav1d or libaom)"
                : "HEIC decoding needs libheif with an HEVC decoder (libheif1 built with libde265)");
        }
        using SafeHeifContextHandle context = Interop.Heif.ContextAlloc();
        if (context.IsInvalid)
            MediaThrow.Native(MediaErrorCode.Corrupt, "libheif could not create a context", null);
        Interop.Heif.ContextSetMaxDecodingThreads(context, 0);
        fixed (byte* src = data)
        {
            Check(Interop.Heif.ContextReadFromMemoryWithoutCopy(context, src, (nuint)data.Length, 0), name, "reading the container");
            Interop.Heif.heif_error err = Interop.Heif.ContextGetPrimaryImageHandle(context, out SafeHeifImageHandleHandle handle);
            using (handle)
            {
                Check(err, name, "finding the primary image");
                int width = Interop.Heif.ImageHandleGetWidth(handle), height = Interop.Heif.ImageHandleGetHeight(handle);
                MediaThrow.CheckDimensions(options.Limits, name, width, height, 8);
                err = Interop.Heif.DecodeImage(handle, out SafeHeifImageHandle image, Interop.Heif.heif_colorspace_RGB,
                    Interop.Heif.heif_chroma_interleaved_RGB, 0);
                using (image)
                {
                    Check(err, name, "decoding");
                    int w = Interop.Heif.ImageGetWidth(image, Interop.Heif.heif_channel_interleaved);
                    int h = Interop.Heif.ImageGetHeight(image, Interop.Heif.heif_channel_interleaved);
                    byte* plane = Interop.Heif.ImageGetPlaneReadonly(image, Interop.Heif.heif_channel_interleaved, out int stride);
                    if (plane == null || w <= 0 || h <= 0 || stride < w * 3)
                        MediaThrow.Corrupt(name, "libheif returned no interleaved RGB plane");
                    MediaThrow.CheckDimensions(options.Limits, name, w, h, 3);
                    var pixels = new PixelBuffer(w, h, PixelFormat.Rgb24);
                    for (int y = 0; y < h; y++)
                        new ReadOnlySpan<byte>(plane + (long)y * stride, w * 3).CopyTo(pixels.GetRow(y));
                    return new RawImage(pixels, width, height, 1);
                }
            }
        }
    }

    private static void Check(Interop.Heif.heif_error err, string name, string stage)
    {
        if (err.code == Interop.Heif.heif_error_Ok)
            return;
        string native = $"libheif: {Interop.PtrToString(err.message) ?? $"error {err.code}/{err.subcode}"}";
        if (err.subcode == Interop.Heif.heif_suberror_End_of_data)
            MediaThrow.Truncated(name, native);
        switch (err.code)
        {
            case Interop.Heif.heif_error_Unsupported_feature or Interop.Heif.heif_error_Unsupported_filetype:
                MediaThrow.Native(MediaErrorCode.UnsupportedFormat, $"unsupported format: {name} feature not decodable ({stage})", native);
                break;
            case Interop.Heif.heif_error_Memory_allocation_error:
                MediaThrow.Native(MediaErrorCode.LimitExceeded, $"{name} decoder ran out of memory ({stage})", native);
                break;
            default:
                MediaThrow.Corrupt(name, stage, native);
                break;
        }
    }
}
