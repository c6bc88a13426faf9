using System.Runtime.InteropServices;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

internal static partial class Interop
{
    /// <summary>
    /// giflib 5.2 (Debian 12 libgif7), low-level decoding API (gif_lib.h). Input comes through DGifOpen's read callback
    /// over pinned memory, so giflib never touches a file descriptor. giflib reports errors by return code (no longjmp).
    /// Struct layouts checked with offsetof/sizeof (x86-64): GifFileType 120 (SColorMap 24, ImageCount 32, Image 40,
    /// Error 96, UserData 104), GifImageDesc 32 (Interlace 16, ColorMap 24), ColorMapObject 24 (Colors 16).
    /// C <c>bool</c> (C99 _Bool) is one byte.
    /// </summary>
    internal static partial class Gif
    {
        static Gif() => NativeLibraryResolver.EnsureInstalled();

        internal const int GIF_ERROR = 0, GIF_OK = 1;
        // GifRecordType
        internal const int UNDEFINED_RECORD_TYPE = 0, SCREEN_DESC_RECORD_TYPE = 1, IMAGE_DESC_RECORD_TYPE = 2,
            EXTENSION_RECORD_TYPE = 3, TERMINATE_RECORD_TYPE = 4;
        internal const int GRAPHICS_EXT_FUNC_CODE = 0xf9;
        // D_GIF_ERR_*
        internal const int D_GIF_ERR_READ_FAILED = 102, D_GIF_ERR_NOT_GIF_FILE = 103, D_GIF_ERR_NO_SCRN_DSCR = 104,
            D_GIF_ERR_NO_IMAG_DSCR = 105, D_GIF_ERR_NO_COLOR_MAP = 106, D_GIF_ERR_WRONG_RECORD = 107,
            D_GIF_ERR_DATA_TOO_BIG = 108, D_GIF_ERR_NOT_ENOUGH_MEM = 109, D_GIF_ERR_IMAGE_DEFECT = 112,
            D_GIF_ERR_EOF_TOO_SOON = 113;

        /// <summary>typedef struct GifColorType { GifByteType Red, Green, Blue; } GifColorType;</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct GifColorType
        {
            public byte Red;
            public byte Green;
            public byte Blue;
        }

        /// <summary>typedef struct ColorMapObject { int ColorCount; int BitsPerPixel; bool SortFlag; GifColorType *Colors; } ColorMapObject;</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ColorMapObject
        {
            public int ColorCount;
            public int BitsPerPixel;
            public byte SortFlag;
            public GifColorType* Colors;
        }

        /// <summary>typedef struct GifImageDesc { GifWord Left, Top, Width, Height; bool Interlace; ColorMapObject *ColorMap; } GifImageDesc;</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct GifImageDesc
        {
            public int Left;
            public int Top;
            public int Width;
            public int Height;
            public byte Interlace;
            public ColorMapObject* ColorMap;
        }

        /// <summary>typedef struct GifFileType { ... } GifFileType; (gif_lib.h, giflib 5.2)</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct GifFileType
        {
            public int SWidth;
            public int SHeight;
            public int SColorResolution;
            public int SBackGroundColor;
            public byte AspectByte;
            public ColorMapObject* SColorMap;
            public int ImageCount;
            public GifImageDesc Image;
            public nint SavedImages;
            public int ExtensionBlockCount;
            public nint ExtensionBlocks;
            public int Error;
            public nint UserData;
            public nint Private;
        }

        // GifFileType *DGifOpen(void *userPtr, InputFunc readFunc, int *Error);
        //   typedef int (*InputFunc)(GifFileType *, GifByteType *, int);   -- returns the number of bytes copied
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifOpen")]
        internal static unsafe partial SafeGifFileHandle DGifOpen(nint userPtr,
            delegate* unmanaged[Cdecl]<GifFileType*, byte*, int, int> readFunc, out int error);

        // int DGifCloseFile(GifFileType *GifFile, int *ErrorCode);   -- frees GifFile
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifCloseFile")]
        internal static partial int DGifCloseFile(nint gifFile, out int errorCode);

        // int DGifGetRecordType(GifFileType *GifFile, GifRecordType *GifType);
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifGetRecordType")]
        internal static partial int DGifGetRecordType(SafeGifFileHandle gifFile, out int gifType);

        // int DGifGetImageDesc(GifFileType *GifFile);
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifGetImageDesc")]
        internal static partial int DGifGetImageDesc(SafeGifFileHandle gifFile);

        // int DGifGetLine(GifFileType *GifFile, GifPixelType *GifLine, int GifLineLen);
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifGetLine")]
        internal static unsafe partial int DGifGetLine(SafeGifFileHandle gifFile, byte* gifLine, int gifLineLen);

        // int DGifGetExtension(GifFileType *GifFile, int *GifExtCode, GifByteType **GifExtension);
        //   *GifExtension points into giflib's buffer: [0] = sub-block length, then the bytes; NULL at the end
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifGetExtension")]
        internal static unsafe partial int DGifGetExtension(SafeGifFileHandle gifFile, out int gifExtCode, byte** gifExtension);

        // int DGifGetExtensionNext(GifFileType *GifFile, GifByteType **GifExtension);
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifGetExtensionNext")]
        internal static unsafe partial int DGifGetExtensionNext(SafeGifFileHandle gifFile, byte** gifExtension);

        // int DGifGetCode(GifFileType *GifFile, int *GifCodeSize, GifByteType **GifCodeBlock);
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifGetCode")]
        internal static unsafe partial int DGifGetCode(SafeGifFileHandle gifFile, out int gifCodeSize, byte** gifCodeBlock);

        // int DGifGetCodeNext(GifFileType *GifFile, GifByteType **GifCodeBlock);
        [LibraryImport(Libraries.Gif, EntryPoint = "DGifGetCodeNext")]
        internal static unsafe partial int DGifGetCodeNext(SafeGifFileHandle gifFile, byte** gifCodeBlock);

        // const char *GifErrorString(int ErrorCode);   -- static string, NULL for unknown codes
        [LibraryImport(Libraries.Gif, EntryPoint = "GifErrorString")]
        internal static partial nint GifErrorString(int errorCode);
    }
}
