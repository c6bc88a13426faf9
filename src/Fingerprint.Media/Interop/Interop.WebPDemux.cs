using System.Runtime.InteropServices;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

internal static partial class Interop
{
    /// <summary>
    /// libwebpdemux 1.2 (Debian 12 libwebpdemux2): the WebPAnimDecoder API (webp/demux.h), which composites every
    /// frame onto the full canvas (blend and dispose handled by libwebp). Sizes checked with sizeof: options 36,
    /// info 36, WebPData 16.
    /// </summary>
    internal static partial class WebPDemux
    {
        static WebPDemux() => NativeLibraryResolver.EnsureInstalled();

        internal const int WEBP_DEMUX_ABI_VERSION = 0x0107;

        /// <summary>struct WebPData { const uint8_t* bytes; size_t size; };</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct WebPData
        {
            public nint bytes;
            public nuint size;
        }

        /// <summary>struct WebPAnimDecoderOptions { WEBP_CSP_MODE color_mode; int use_threads; uint32_t padding[7]; };</summary>
        [StructLayout(LayoutKind.Sequential, Size = 36)]
        internal struct WebPAnimDecoderOptions
        {
            public int color_mode;
            public int use_threads;
        }

        /// <summary>struct WebPAnimInfo { uint32_t canvas_width, canvas_height, loop_count, bgcolor, frame_count; uint32_t pad[4]; };</summary>
        [StructLayout(LayoutKind.Sequential, Size = 36)]
        internal struct WebPAnimInfo
        {
            public uint canvas_width;
            public uint canvas_height;
            public uint loop_count;
            public uint bgcolor;
            public uint frame_count;
        }

        // int WebPGetDemuxVersion(void);
        [LibraryImport(Libraries.WebPDemux, EntryPoint = "WebPGetDemuxVersion")]
        internal static partial int GetDemuxVersion();

        // int WebPAnimDecoderOptionsInitInternal(WebPAnimDecoderOptions* dec_options, int abi_version);
        [LibraryImport(Libraries.WebPDemux, EntryPoint = "WebPAnimDecoderOptionsInitInternal")]
        internal static unsafe partial int AnimDecoderOptionsInitInternal(WebPAnimDecoderOptions* options, int abiVersion);

        // WebPAnimDecoder* WebPAnimDecoderNewInternal(const WebPData* webp_data, const WebPAnimDecoderOptions* dec_options,
        //                                             int abi_version);   -- webp_data must outlive the decoder
        [LibraryImport(Libraries.WebPDemux, EntryPoint = "WebPAnimDecoderNewInternal")]
        internal static unsafe partial SafeWebPAnimDecoderHandle AnimDecoderNewInternal(WebPData* webpData,
            WebPAnimDecoderOptions* options, int abiVersion);

        // int WebPAnimDecoderGetInfo(const WebPAnimDecoder* dec, WebPAnimInfo* info);
        [LibraryImport(Libraries.WebPDemux, EntryPoint = "WebPAnimDecoderGetInfo")]
        internal static unsafe partial int AnimDecoderGetInfo(SafeWebPAnimDecoderHandle dec, WebPAnimInfo* info);

        // int WebPAnimDecoderGetNext(WebPAnimDecoder* dec, uint8_t** buf, int* timestamp);
        //   buf: the whole canvas (canvas_width * 4 * canvas_height), owned by dec, valid until the next call
        [LibraryImport(Libraries.WebPDemux, EntryPoint = "WebPAnimDecoderGetNext")]
        internal static unsafe partial int AnimDecoderGetNext(SafeWebPAnimDecoderHandle dec, byte** buf, int* timestamp);

        // int WebPAnimDecoderHasMoreFrames(const WebPAnimDecoder* dec);
        [LibraryImport(Libraries.WebPDemux, EntryPoint = "WebPAnimDecoderHasMoreFrames")]
        internal static partial int AnimDecoderHasMoreFrames(SafeWebPAnimDecoderHandle dec);

        // void WebPAnimDecoderDelete(WebPAnimDecoder* dec);
        [LibraryImport(Libraries.WebPDemux, EntryPoint = "WebPAnimDecoderDelete")]
        internal static partial void AnimDecoderDelete(nint dec);
    }
}
