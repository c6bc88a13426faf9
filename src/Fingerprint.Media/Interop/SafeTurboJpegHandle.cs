using Microsoft.Win32.SafeHandles;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

/// <summary>An owned <c>tjhandle</c> (decompressor). Never shared between threads.</summary>
internal sealed class SafeTurboJpegHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeTurboJpegHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Interop.TurboJpeg.Destroy(handle) == 0;
}
