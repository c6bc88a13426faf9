using Microsoft.Win32.SafeHandles;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

/// <summary>An owned <c>spng_ctx*</c> (decoder). One per image: libspng accepts one input buffer per context.</summary>
internal sealed class SafeSpngContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeSpngContextHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.Spng.CtxFree(handle);
        return true;
    }
}
