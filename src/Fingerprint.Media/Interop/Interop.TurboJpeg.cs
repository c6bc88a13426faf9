using System.Runtime.InteropServices;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

internal static partial class Interop
{
    /// <summary>libturbojpeg 2.1 (Debian 12 libturbojpeg0): the TurboJPEG 2 API only; no tj3* functions exist there.</summary>
    internal static partial class TurboJpeg
    {
        static TurboJpeg() => NativeLibraryResolver.EnsureInstalled();

        // enum TJPF (turbojpeg.h)
        internal const int TJPF_RGB = 0, TJPF_GRAY = 6, TJPF_CMYK = 11;
        // enum TJCS
        internal const int TJCS_RGB = 0, TJCS_YCbCr = 1, TJCS_GRAY = 2, TJCS_CMYK = 3, TJCS_YCCK = 4;
        // enum TJERR
        internal const int TJERR_WARNING = 0, TJERR_FATAL = 1;
        // flags: conformance decodes pass 0 (accurate islow IDCT, fancy upsampling) plus LIMITSCANS, which changes no pixel
        internal const int TJFLAG_FASTUPSAMPLE = 256;
        internal const int TJFLAG_FASTDCT = 2048;        // fast profile only: changes pixels, never for conformance
        internal const int TJFLAG_LIMITSCANS = 32768;    // refuse progressive JPEGs with an absurd number of scans (>= 500)

        /// <summary>typedef struct { int num, denom; } tjscalingfactor;</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct TjScalingFactor
        {
            public int num;
            public int denom;
        }

        // tjhandle tjInitDecompress(void);
        [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjInitDecompress")]
        internal static partial SafeTurboJpegHandle InitDecompress();

        // int tjDestroy(tjhandle handle);
        [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjDestroy")]
        internal static partial int Destroy(nint handle);

        // int tjDecompressHeader3(tjhandle handle, const unsigned char *jpegBuf, unsigned long jpegSize,
        //                         int *width, int *height, int *jpegSubsamp, int *jpegColorspace);
        [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjDecompressHeader3")]
        internal static unsafe partial int DecompressHeader3(SafeTurboJpegHandle handle, byte* jpegBuf, CULong jpegSize,
            out int width, out int height, out int jpegSubsamp, out int jpegColorspace);

        // int tjDecompress2(tjhandle handle, const unsigned char *jpegBuf, unsigned long jpegSize, unsigned char *dstBuf,
        //                   int width, int pitch, int height, int pixelFormat, int flags);
        [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjDecompress2")]
        internal static unsafe partial int Decompress2(SafeTurboJpegHandle handle, byte* jpegBuf, CULong jpegSize,
            byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

        // char *tjGetErrorStr2(tjhandle handle);   -- owned by the library (per handle); never free it
        [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjGetErrorStr2")]
        internal static partial nint GetErrorStr2(SafeTurboJpegHandle handle);

        // int tjGetErrorCode(tjhandle handle);
        [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjGetErrorCode")]
        internal static partial int GetErrorCode(SafeTurboJpegHandle handle);

        // tjscalingfactor *tjGetScalingFactors(int *numScalingFactors);   -- a static array owned by the library
        [LibraryImport(Libraries.TurboJpeg, EntryPoint = "tjGetScalingFactors")]
        internal static unsafe partial TjScalingFactor* GetScalingFactors(out int numScalingFactors);
    }
}
