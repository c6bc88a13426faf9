using System.Runtime.InteropServices;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

internal static partial class Interop
{
    /// <summary>
    /// libheif 1.15 (Debian 12 libheif1), which on Debian 12 is linked against libde265 (HEVC) and dav1d/libaom (AV1),
    /// so both HEIC and AVIF decode (heif_have_decoder_for_format reports which).
    /// </summary>
    internal static partial class Heif
    {
        static Heif() => NativeLibraryResolver.EnsureInstalled();

        // enum heif_error_code
        internal const int heif_error_Ok = 0, heif_error_Input_does_not_exist = 1, heif_error_Invalid_input = 2,
            heif_error_Unsupported_filetype = 3, heif_error_Unsupported_feature = 4, heif_error_Usage_error = 5,
            heif_error_Memory_allocation_error = 6, heif_error_Decoder_plugin_error = 7;
        // enum heif_suberror_code (the one mapped to Truncated)
        internal const int heif_suberror_End_of_data = 100;
        // enum heif_compression_format
        internal const int heif_compression_HEVC = 1, heif_compression_AV1 = 4;
        internal const int heif_colorspace_RGB = 1;
        internal const int heif_chroma_interleaved_RGB = 10;
        internal const int heif_channel_interleaved = 10;

        /// <summary>struct heif_error { enum heif_error_code code; enum heif_suberror_code subcode; const char* message; };</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct heif_error
        {
            public int code;
            public int subcode;
            public nint message;   // static or context-owned; never freed
        }

        // const char* heif_get_version(void);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_get_version")]
        internal static partial nint GetVersion();

        // int heif_have_decoder_for_format(enum heif_compression_format format);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_have_decoder_for_format")]
        internal static partial int HaveDecoderForFormat(int format);

        // struct heif_context* heif_context_alloc(void);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_alloc")]
        internal static partial SafeHeifContextHandle ContextAlloc();

        // void heif_context_free(struct heif_context*);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_free")]
        internal static partial void ContextFree(nint context);

        // void heif_context_set_max_decoding_threads(struct heif_context* ctx, int max_threads);   -- 0: decode on the calling thread
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_set_max_decoding_threads")]
        internal static partial void ContextSetMaxDecodingThreads(SafeHeifContextHandle context, int maxThreads);

        // struct heif_error heif_context_read_from_memory_without_copy(struct heif_context*, const void* mem, size_t size,
        //                                                              const struct heif_reading_options*);   -- mem must outlive ctx
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_read_from_memory_without_copy")]
        internal static unsafe partial heif_error ContextReadFromMemoryWithoutCopy(SafeHeifContextHandle context, byte* mem,
            nuint size, nint readingOptions);

        // struct heif_error heif_context_get_primary_image_handle(struct heif_context* ctx, struct heif_image_handle**);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_context_get_primary_image_handle")]
        internal static partial heif_error ContextGetPrimaryImageHandle(SafeHeifContextHandle context, out SafeHeifImageHandleHandle handle);

        // void heif_image_handle_release(const struct heif_image_handle*);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_release")]
        internal static partial void ImageHandleRelease(nint handle);

        // int heif_image_handle_get_width(const struct heif_image_handle* handle);   -- after irot/clap
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_width")]
        internal static partial int ImageHandleGetWidth(SafeHeifImageHandleHandle handle);

        // int heif_image_handle_get_height(const struct heif_image_handle* handle);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_handle_get_height")]
        internal static partial int ImageHandleGetHeight(SafeHeifImageHandleHandle handle);

        // struct heif_error heif_decode_image(const struct heif_image_handle* in_handle, struct heif_image** out_img,
        //     enum heif_colorspace colorspace, enum heif_chroma chroma, const struct heif_decoding_options* options);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_decode_image")]
        internal static partial heif_error DecodeImage(SafeHeifImageHandleHandle handle, out SafeHeifImageHandle image,
            int colorspace, int chroma, nint options);

        // const uint8_t* heif_image_get_plane_readonly(const struct heif_image*, enum heif_channel channel, int* out_stride);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_get_plane_readonly")]
        internal static unsafe partial byte* ImageGetPlaneReadonly(SafeHeifImageHandle image, int channel, out int stride);

        // int heif_image_get_width(const struct heif_image*, enum heif_channel channel);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_get_width")]
        internal static partial int ImageGetWidth(SafeHeifImageHandle image, int channel);

        // int heif_image_get_height(const struct heif_image*, enum heif_channel channel);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_get_height")]
        internal static partial int ImageGetHeight(SafeHeifImageHandle image, int channel);

        // void heif_image_release(const struct heif_image*);
        [LibraryImport(Libraries.Heif, EntryPoint = "heif_image_release")]
        internal static partial void ImageRelease(nint image);
    }
}
