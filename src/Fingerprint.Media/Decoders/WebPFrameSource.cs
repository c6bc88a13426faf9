using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// An animated (or still) WebP as frames through libwebpdemux's WebPAnimDecoder, which composites each frame onto the
/// full canvas with the file's blend and dispose methods (canvas initially transparent black; libwebp ignores the
/// background colour, as browsers do). Frame timestamps come from the ANMF durations (<see cref="FrameSchedule"/>).
/// </summary>
internal sealed class WebPFrameSource : AnimatedFrameSource
{
    private const string FormatName = "WebP";

    private WebPFrameSource(ReadOnlyMemory<byte> data, DecodeOptions options, int width, int height, IReadOnlyList<int> durations)
        : base(data, options, width, height, durations, FormatName)
    {
    }

    public static unsafe WebPFrameSource Create(ReadOnlyMemory<byte> data, DecodeOptions options)
    {
        Interop.WebP.WebPBitstreamFeatures features;
        fixed (byte* src = data.Span)
            features = WebPDecoder.GetFeatures(src, data.Length);
        WebPStructure structure = WebPStructure.Scan(data.Span, options.Limits.MaxFrames);
        IReadOnlyList<int> durations = structure.DurationsMs.Count > 0
            ? structure.DurationsMs
            : structure.HasStillImage ? [0] : [];
        return new WebPFrameSource(data, options, features.width, features.height, durations);
    }

    /// <summary>The first composited frame as Rgb24 (the still of an animated WebP).</summary>
    public static PixelBuffer DecodeFirstFrame(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        byte[] copy = data.ToArray();   // the animator pins memory it owns
        WebPFrameSource source = Create(copy, options);
        using IAnimator animator = source.CreateAnimator();
        if (!animator.Advance())
            MediaThrow.Corrupt(FormatName, "the animation holds no frame");
        return FrameSchedule.FromRgba(animator.Canvas, source.Width, source.Height, PixelFormat.Rgb24);
    }

    protected override IAnimator CreateAnimator() => new WebPAnimator(Data, Width, Height, FrameCount);

    private sealed unsafe class WebPAnimator : IAnimator
    {
        private readonly MemoryHandleOwner _pin;
        private readonly SafeWebPAnimDecoderHandle _decoder;
        private byte* _canvas;

        public WebPAnimator(ReadOnlyMemory<byte> data, int width, int height, int expectedFrames)
        {
            Width = width;
            Height = height;
            _pin = new MemoryHandleOwner(data);
            try
            {
                Interop.WebPDemux.WebPAnimDecoderOptions options;
                if (Interop.WebPDemux.AnimDecoderOptionsInitInternal(&options, Interop.WebPDemux.WEBP_DEMUX_ABI_VERSION) == 0)
                    MediaThrow.Native(MediaErrorCode.DependencyMissing, "libwebpdemux ABI version mismatch (expected 0x0107)", null);
                options.color_mode = Interop.WebP.MODE_RGBA;
                options.use_threads = 0;
                var webpData = new Interop.WebPDemux.WebPData { bytes = (nint)_pin.Pointer, size = (nuint)data.Length };
                _decoder = Interop.WebPDemux.AnimDecoderNewInternal(&webpData, &options, Interop.WebPDemux.WEBP_DEMUX_ABI_VERSION);
                if (_decoder.IsInvalid)
                    MediaThrow.Corrupt(FormatName, "libwebpdemux could not parse the file", "libwebpdemux: WebPAnimDecoderNew returned NULL");
                Interop.WebPDemux.WebPAnimInfo info;
                if (Interop.WebPDemux.AnimDecoderGetInfo(_decoder, &info) == 0)
                    MediaThrow.Corrupt(FormatName, "libwebpdemux could not read the animation header");
                if (info.canvas_width != (uint)width || info.canvas_height != (uint)height || info.frame_count != (uint)expectedFrames)
                    MediaThrow.Corrupt(FormatName,
                        $"container says {info.canvas_width}x{info.canvas_height} with {info.frame_count} frames, expected {width}x{height} with {expectedFrames}");
            }
            catch
            {
                _decoder?.Dispose();
                _pin.Dispose();
                throw;
            }
        }

        public int Width { get; }
        public int Height { get; }
        public ReadOnlySpan<byte> Canvas => new(_canvas, Width * Height * 4);

        public bool Advance()
        {
            if (Interop.WebPDemux.AnimDecoderHasMoreFrames(_decoder) == 0)
                return false;
            byte* buffer;
            int timestamp;
            if (Interop.WebPDemux.AnimDecoderGetNext(_decoder, &buffer, &timestamp) == 0 || buffer == null)
                MediaThrow.Corrupt(FormatName, "a frame could not be decoded", "libwebpdemux: WebPAnimDecoderGetNext failed");
            _canvas = buffer;
            return true;
        }

        public void Dispose()
        {
            _decoder.Dispose();
            _pin.Dispose();
        }
    }
}
