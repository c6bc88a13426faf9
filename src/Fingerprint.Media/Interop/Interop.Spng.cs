using System.Runtime.InteropServices;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

internal static partial class Interop
{
    /// <summary>
    /// libspng 0.7 (Debian 12 libspng0). Chosen over libpng because every error is a return code: libpng reports errors
    /// by longjmp, which must never cross managed frames.
    /// </summary>
    internal static partial class Spng
    {
        static Spng() => NativeLibraryResolver.EnsureInstalled();

        // enum spng_format
        internal const int SPNG_FMT_RGBA8 = 1, SPNG_FMT_RGBA16 = 2, SPNG_FMT_RGB8 = 4, SPNG_FMT_G8 = 64, SPNG_FMT_PNG = 256;
        // enum spng_decode_flags
        internal const int SPNG_DECODE_PROGRESSIVE = 256;
        // enum spng_crc_action
        internal const int SPNG_CRC_ERROR = 0, SPNG_CRC_DISCARD = 1;
        // enum spng_errno (the ones mapped to error codes)
        internal const int SPNG_IO_ERROR = -2, SPNG_IO_EOF = -1, SPNG_OK = 0, SPNG_EMEM = 2, SPNG_ESIGNATURE = 4,
            SPNG_EUSER_WIDTH = 7, SPNG_EUSER_HEIGHT = 8, SPNG_ECHUNK_CRC = 18, SPNG_EEXIF = 61, SPNG_EIDAT_TOO_SHORT = 62,
            SPNG_EOF = 68, SPNG_ECHUNKAVAIL = 73, SPNG_EOI = 75, SPNG_ECHUNK_LIMITS = 77;
        // enum spng_color_type
        internal const byte SPNG_COLOR_TYPE_GRAYSCALE = 0, SPNG_COLOR_TYPE_TRUECOLOR = 2, SPNG_COLOR_TYPE_INDEXED = 3,
            SPNG_COLOR_TYPE_GRAYSCALE_ALPHA = 4, SPNG_COLOR_TYPE_TRUECOLOR_ALPHA = 6;

        /// <summary>struct spng_ihdr { uint32_t width, height; uint8_t bit_depth, color_type, compression_method, filter_method, interlace_method; };</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct spng_ihdr
        {
            public uint width;
            public uint height;
            public byte bit_depth;
            public byte color_type;
            public byte compression_method;
            public byte filter_method;
            public byte interlace_method;
        }

        /// <summary>struct spng_exif { size_t length; char *data; };   -- data owned by the context</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct spng_exif
        {
            public nuint length;
            public nint data;
        }

        // spng_ctx *spng_ctx_new(int flags);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_ctx_new")]
        internal static partial SafeSpngContextHandle CtxNew(int flags);

        // void spng_ctx_free(spng_ctx *ctx);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_ctx_free")]
        internal static partial void CtxFree(nint ctx);

        // int spng_set_png_buffer(spng_ctx *ctx, const void *buf, size_t size);   -- buf must outlive the context's use
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_set_png_buffer")]
        internal static unsafe partial int SetPngBuffer(SafeSpngContextHandle ctx, byte* buf, nuint size);

        // int spng_set_image_limits(spng_ctx *ctx, uint32_t width, uint32_t height);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_set_image_limits")]
        internal static partial int SetImageLimits(SafeSpngContextHandle ctx, uint width, uint height);

        // int spng_set_chunk_limits(spng_ctx *ctx, size_t chunk_size, size_t cache_size);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_set_chunk_limits")]
        internal static partial int SetChunkLimits(SafeSpngContextHandle ctx, nuint chunkSize, nuint cacheSize);

        // int spng_set_crc_action(spng_ctx *ctx, int critical, int ancillary);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_set_crc_action")]
        internal static partial int SetCrcAction(SafeSpngContextHandle ctx, int critical, int ancillary);

        // int spng_get_ihdr(spng_ctx *ctx, struct spng_ihdr *ihdr);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_get_ihdr")]
        internal static unsafe partial int GetIhdr(SafeSpngContextHandle ctx, spng_ihdr* ihdr);

        // int spng_get_exif(spng_ctx *ctx, struct spng_exif *exif);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_get_exif")]
        internal static unsafe partial int GetExif(SafeSpngContextHandle ctx, spng_exif* exif);

        // int spng_decoded_image_size(spng_ctx *ctx, int fmt, size_t *len);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_decoded_image_size")]
        internal static partial int DecodedImageSize(SafeSpngContextHandle ctx, int fmt, out nuint len);

        // int spng_decode_image(spng_ctx *ctx, void *out, size_t len, int fmt, int flags);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_decode_image")]
        internal static unsafe partial int DecodeImage(SafeSpngContextHandle ctx, byte* output, nuint len, int fmt, int flags);

        // int spng_decode_row(spng_ctx *ctx, void *out, size_t len);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_decode_row")]
        internal static unsafe partial int DecodeRow(SafeSpngContextHandle ctx, byte* output, nuint len);

        /// <summary>struct spng_row_info { uint32_t scanline_idx, row_num; int pass; uint8_t filter; };</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct spng_row_info
        {
            public uint scanline_idx;
            public uint row_num;
            public int pass;
            public byte filter;
        }

        // int spng_get_row_info(spng_ctx *ctx, struct spng_row_info *row_info);
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_get_row_info")]
        internal static unsafe partial int GetRowInfo(SafeSpngContextHandle ctx, spng_row_info* rowInfo);

        // const char *spng_strerror(int err);   -- static string
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_strerror")]
        internal static partial nint StrError(int err);

        // const char *spng_version_string(void);   -- static string
        [LibraryImport(Libraries.Spng, EntryPoint = "spng_version_string")]
        internal static partial nint VersionString();
    }
}
