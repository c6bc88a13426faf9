using System.Runtime.InteropServices;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

internal static partial class Interop
{
    /// <summary>
    /// libwebp 1.2 (Debian 12 libwebp7), decode API (webp/decode.h). The header's inline wrappers (WebPGetFeatures,
    /// WebPInitDecoderConfig) call the exported *Internal functions with WEBP_DECODER_ABI_VERSION; so do we.
    /// Struct sizes below were checked against the header with offsetof/sizeof (x86-64): config 240, features 40,
    /// WebPDecBuffer 120, options 76.
    /// </summary>
    internal static partial class WebP
    {
        static WebP() => NativeLibraryResolver.EnsureInstalled();

        internal const int WEBP_DECODER_ABI_VERSION = 0x0209;
        // WEBP_CSP_MODE
        internal const int MODE_RGB = 0, MODE_RGBA = 1;
        // VP8StatusCode
        internal const int VP8_STATUS_OK = 0, VP8_STATUS_OUT_OF_MEMORY = 1, VP8_STATUS_INVALID_PARAM = 2,
            VP8_STATUS_BITSTREAM_ERROR = 3, VP8_STATUS_UNSUPPORTED_FEATURE = 4, VP8_STATUS_SUSPENDED = 5,
            VP8_STATUS_USER_ABORT = 6, VP8_STATUS_NOT_ENOUGH_DATA = 7;

        /// <summary>struct WebPBitstreamFeatures { int width, height, has_alpha, has_animation, format; uint32_t pad[5]; };</summary>
        [StructLayout(LayoutKind.Sequential, Size = 40)]
        internal struct WebPBitstreamFeatures
        {
            public int width;
            public int height;
            public int has_alpha;
            public int has_animation;
            public int format;   // 0 undefined/mixed, 1 lossy, 2 lossless
        }

        /// <summary>
        /// struct WebPDecBuffer { WEBP_CSP_MODE colorspace; int width, height; int is_external_memory;
        /// union { WebPRGBABuffer RGBA; WebPYUVABuffer YUVA; } u; uint32_t pad[4]; uint8_t* private_memory; };
        /// Only the RGBA view of the union is used (rgba, stride, size).
        /// </summary>
        [StructLayout(LayoutKind.Explicit, Size = 120)]
        internal struct WebPDecBuffer
        {
            [FieldOffset(0)] public int colorspace;
            [FieldOffset(4)] public int width;
            [FieldOffset(8)] public int height;
            [FieldOffset(12)] public int is_external_memory;
            [FieldOffset(16)] public nint rgba;
            [FieldOffset(24)] public int stride;
            [FieldOffset(32)] public nuint size;
            [FieldOffset(112)] public nint private_memory;
        }

        /// <summary>struct WebPDecoderOptions: 14 ints, then uint32_t pad[5].</summary>
        [StructLayout(LayoutKind.Sequential, Size = 76)]
        internal struct WebPDecoderOptions
        {
            public int bypass_filtering;
            public int no_fancy_upsampling;
            public int use_cropping;
            public int crop_left;
            public int crop_top;
            public int crop_width;
            public int crop_height;
            public int use_scaling;
            public int scaled_width;
            public int scaled_height;
            public int use_threads;
            public int dithering_strength;
            public int flip;
            public int alpha_dithering_strength;
        }

        /// <summary>struct WebPDecoderConfig { WebPBitstreamFeatures input; WebPDecBuffer output; WebPDecoderOptions options; };</summary>
        [StructLayout(LayoutKind.Explicit, Size = 240)]
        internal struct WebPDecoderConfig
        {
            [FieldOffset(0)] public WebPBitstreamFeatures input;
            [FieldOffset(40)] public WebPDecBuffer output;
            [FieldOffset(160)] public WebPDecoderOptions options;
        }

        // int WebPGetDecoderVersion(void);   -- 0xMMmmpp
        [LibraryImport(Libraries.WebP, EntryPoint = "WebPGetDecoderVersion")]
        internal static partial int GetDecoderVersion();

        // VP8StatusCode WebPGetFeaturesInternal(const uint8_t* data, size_t data_size, WebPBitstreamFeatures* features, int version);
        [LibraryImport(Libraries.WebP, EntryPoint = "WebPGetFeaturesInternal")]
        internal static unsafe partial int GetFeaturesInternal(byte* data, nuint dataSize, WebPBitstreamFeatures* features, int version);

        // int WebPInitDecoderConfigInternal(WebPDecoderConfig* config, int version);   -- false on ABI mismatch
        [LibraryImport(Libraries.WebP, EntryPoint = "WebPInitDecoderConfigInternal")]
        internal static unsafe partial int InitDecoderConfigInternal(WebPDecoderConfig* config, int version);

        // VP8StatusCode WebPDecode(const uint8_t* data, size_t data_size, WebPDecoderConfig* config);
        [LibraryImport(Libraries.WebP, EntryPoint = "WebPDecode")]
        internal static unsafe partial int Decode(byte* data, nuint dataSize, WebPDecoderConfig* config);

        // void WebPFreeDecBuffer(WebPDecBuffer* buffer);   -- frees only library-owned memory (none with external buffers)
        [LibraryImport(Libraries.WebP, EntryPoint = "WebPFreeDecBuffer")]
        internal static unsafe partial void FreeDecBuffer(WebPDecBuffer* buffer);
    }
}
