using Microsoft.Win32.SafeHandles;

// Interop types live in namespace Fingerprint.Media (not .Interop); see Interop.cs.
namespace Fingerprint.Media;

/// <summary>An owned <c>GifFileType*</c> from DGifOpen, closed (and freed) by DGifCloseFile.</summary>
internal sealed class SafeGifFileHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeGifFileHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The struct giflib keeps its state in (read-only use: screen, current image descriptor, error).</summary>
    internal unsafe Interop.Gif.GifFileType* File => (Interop.Gif.GifFileType*)handle;

    protected override bool ReleaseHandle()
    {
        Interop.Gif.DGifCloseFile(handle, out _);
        return true;
    }
}
