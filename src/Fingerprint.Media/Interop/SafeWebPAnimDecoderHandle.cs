using Microsoft.Win32.SafeHandles;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

/// <summary>An owned <c>WebPAnimDecoder*</c>. The WebPData it was created from must stay pinned until it is released.</summary>
internal sealed class SafeWebPAnimDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeWebPAnimDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Interop.WebPDemux.AnimDecoderDelete(handle);
        return true;
    }
}
