using Fingerprint.Imaging;
using Fingerprint.Media.Decoders;
using Fingerprint.Video;

namespace Fingerprint.Media;

/// <summary>
/// Decodes stills (JPEG, PNG, WebP, GIF, BMP, PNM, HEIC, AVIF), recognised by content, and opens animated GIF/WebP as
/// frame sources. One per worker: it caches native handles (the tjhandle) and is not thread-safe.
/// <para>Every failure is a <see cref="MediaException"/> with a <see cref="MediaErrorCode"/>; limits are checked from
/// headers before anything large is allocated.</para>
/// <para>Output (all profiles): Gray8 when every pixel is grey, else Rgb24; alpha dropped (not composited). With
/// <see cref="DecodeProfile.FullRes"/>/<see cref="DecodeProfile.Cli512"/> and <see cref="DecodeOptions.IgnoreExif"/>
/// the bytes equal ImageMagick 6.9.11 <c>convert FILE pnm:-</c> (with <c>-depth 8</c> for inputs that are not 8 bits deep).</para>
/// </summary>
public sealed class ImageDecoder : IDisposable, IImageDecoder
{
    private readonly JpegDecoder _jpeg = new();
    private bool _disposed;

    public DecodedImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(_disposed, this);
        MediaFormat format = CheckInput(data, options.Limits);
        RawImage raw = format switch
        {
            MediaFormat.Jpeg => _jpeg.Decode(data, options),
            MediaFormat.Png => PngDecoder.Decode(data, options),
            MediaFormat.WebP => WebPDecoder.Decode(data, options),
            MediaFormat.Gif => GifDecoder.Decode(data, options),
            MediaFormat.Bmp => BmpDecoder.Decode(data, options),
            MediaFormat.Pnm => PnmDecoder.Decode(data, options),
            MediaFormat.Heif or MediaFormat.Avif => HeifDecoder.Decode(data, options, format),
            _ => throw Unsupported(format, data),
        };
        PixelBuffer pixels = raw.Pixels;
        try
        {
            pixels = PixelOps.CollapseIfGray(pixels);
            bool apply = !options.IgnoreExif && raw.ExifOrientation != 1;
            if (apply)
                pixels = ExifOrientation.Apply(pixels, raw.ExifOrientation);
            return new DecodedImage(pixels, format, raw.SourceWidth, raw.SourceHeight, raw.ExifOrientation, apply,
                raw.ScaleNumerator, raw.ScaleDenominator);
        }
        catch
        {
            pixels.Dispose();
            throw;
        }
    }

    /// <summary>True for a GIF or WebP holding two or more frames. Reads structure only (no decoding); never throws.</summary>
    public static bool IsAnimated(ReadOnlySpan<byte> data) => FormatSniffer.Sniff(data) switch
    {
        MediaFormat.Gif => GifStructure.Scan(data, maxFrames: 1).FrameCount >= 2,
        MediaFormat.WebP => WebPStructure.Scan(data, maxFrames: 1).DurationsMs.Count >= 2,
        _ => false,
    };

    /// <summary>
    /// Frames of a GIF or WebP (animated or not) as an <see cref="IFrameSource"/>: frames composited on the full canvas,
    /// timestamps from the frame delays (10 ms or less plays as 100 ms), sampling as documented on
    /// <see cref="FrameSampling"/>; frames at native size only (resizing is the caller's); Rgb24, Rgba32 or Bgra32.
    /// The data must stay unchanged while the source is used. Limits (frames, canvas pixels) are checked here.
    /// </summary>
    public IFrameSource OpenAnimation(ReadOnlyMemory<byte> data, DecodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(_disposed, this);
        MediaFormat format = CheckInput(data.Span, options.Limits);
        return format switch
        {
            MediaFormat.Gif => OpenGif(data, options),
            MediaFormat.WebP => WebPFrameSource.Create(data, options),
            _ => throw new MediaException(MediaErrorCode.UnsupportedFormat,
                $"unsupported format: {Describe(format)} is not an animated image format (GIF and WebP are; videos go through ffmpeg)"),
        };
    }

    private static GifFrameSource OpenGif(ReadOnlyMemory<byte> data, DecodeOptions options)
    {
        GifStructure structure = GifStructure.Scan(data.Span, options.Limits.MaxFrames);
        if (structure.ScreenWidth == 0 || structure.ScreenHeight == 0)
            throw new MediaException(MediaErrorCode.Corrupt, $"GIF data is corrupt (logical screen {structure.ScreenWidth}x{structure.ScreenHeight})");
        return new GifFrameSource(data, options, structure);
    }

    private static MediaFormat CheckInput(ReadOnlySpan<byte> data, MediaLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (data.IsEmpty)
            throw new MediaException(MediaErrorCode.Empty, "the input is empty (0 bytes)");
        if (data.Length > limits.MaxBytes)
            throw new MediaException(MediaErrorCode.LimitExceeded, $"input of {data.Length} bytes exceeds MediaLimits.MaxBytes ({limits.MaxBytes})");
        return FormatSniffer.Sniff(data);
    }

    private static MediaException Unsupported(MediaFormat format, ReadOnlySpan<byte> data)
    {
        if (format == MediaFormat.Unknown)
        {
            ReadOnlySpan<byte> head = data[..Math.Min(8, data.Length)];
            return new MediaException(MediaErrorCode.UnsupportedFormat,
                $"unsupported format: not recognised (first bytes {Convert.ToHexString(head)})");
        }
        return new MediaException(MediaErrorCode.UnsupportedFormat, $"unsupported format: {Describe(format)} is not decoded as a still image"
            + (format == MediaFormat.Video ? " (use the ffmpeg frame source)" : ""));
    }

    private static string Describe(MediaFormat format) => format switch
    {
        MediaFormat.Tiff => "TIFF",
        MediaFormat.Video => "video container",
        MediaFormat.Unknown => "unrecognised data",
        _ => format.ToString().ToUpperInvariant(),
    };

    bool IImageDecoder.CanDecode(ReadOnlySpan<byte> header) =>
        FormatSniffer.Sniff(header) is MediaFormat.Jpeg or MediaFormat.Png or MediaFormat.WebP or MediaFormat.Gif
            or MediaFormat.Bmp or MediaFormat.Pnm or MediaFormat.Heif or MediaFormat.Avif;

    /// <summary>
    /// The core seam: <see cref="Decode"/> with <see cref="DecodeOptions.Default"/>, converted to <paramref name="target"/>.
    /// Colour to Gray8 uses libjpeg's RGB-to-Y weights (jccolor.c: 0.29900, 0.58700, 0.11400 in 16-bit fixed point,
    /// rounded); grey to colour replicates; alpha is 255.
    /// </summary>
    PixelBuffer IImageDecoder.Decode(ReadOnlySpan<byte> encoded, PixelFormat target)
    {
        using DecodedImage image = Decode(encoded, DecodeOptions.Default);
        return PixelConvert.To(image.Pixels, target);
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _jpeg.Dispose();
    }
}
