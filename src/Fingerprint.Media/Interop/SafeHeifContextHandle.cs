using Microsoft.Win32.SafeHandles;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

/// <summary>An owned <c>struct heif_context*</c> from libheif.</summary>
internal sealed class SafeHeifContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeHeifContextHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.Heif.ContextFree(handle);
        return true;
    }
}
