namespace Fingerprint.Imaging;

/// <summary>
/// The seam between the core and the decoders (implemented in Fingerprint.Media). A decoder recognises its format by
/// content, never by extension.
/// </summary>
public interface IImageDecoder
{
    /// <summary>True when <paramref name="header"/> (the first bytes of a file) starts this decoder's format.</summary>
    bool CanDecode(ReadOnlySpan<byte> header);

    /// <summary>Decodes to <paramref name="target"/>; the caller disposes the returned buffer.</summary>
    PixelBuffer Decode(ReadOnlySpan<byte> encoded, PixelFormat target);
}
