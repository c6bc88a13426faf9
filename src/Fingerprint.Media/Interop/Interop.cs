using System.Runtime.InteropServices;

// Interop types live in namespace Fingerprint.Media (not .Interop) so that `Interop.TurboJpeg` reads as in dotnet/runtime
// without a namespace named like the class (STYLE.md §3.7).
namespace Fingerprint.Media;

/// <summary>
/// Raw native imports, one nested class per native library (dotnet/runtime's Interop.* layout). Each nested class has a
/// static constructor that installs the assembly's resolver before its first import binds. Nothing here is public:
/// decoders wrap these calls, pin spans themselves, and turn error codes into <see cref="MediaException"/>s.
/// </summary>
internal static partial class Interop
{
    /// <summary>Reads a NUL-terminated UTF-8 string owned by the native library (never freed here).</summary>
    internal static string? PtrToString(nint p) => p == 0 ? null : Marshal.PtrToStringUTF8(p);
}
