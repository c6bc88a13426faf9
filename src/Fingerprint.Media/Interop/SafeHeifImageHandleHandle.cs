using Microsoft.Win32.SafeHandles;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

/// <summary>An owned <c>struct heif_image_handle*</c> from libheif.</summary>
internal sealed class SafeHeifImageHandleHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeHeifImageHandleHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.Heif.ImageHandleRelease(handle);
        return true;
    }
}
