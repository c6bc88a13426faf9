using Microsoft.Win32.SafeHandles;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

/// <summary>An owned <c>struct heif_image*</c> from libheif.</summary>
internal sealed class SafeHeifImageHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeHeifImageHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.Heif.ImageRelease(handle);
        return true;
    }
}
