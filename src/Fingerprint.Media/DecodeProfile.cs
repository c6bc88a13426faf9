namespace Fingerprint.Media;

/// <summary>How faithfully to decode.</summary>
public enum DecodeProfile
{
    /// <summary>
    /// Full-size decode whose bytes equal ImageMagick 6.9.11 <c>convert FILE pnm:-</c> (libjpeg-turbo with the accurate
    /// IDCT and fancy upsampling; grey output when every pixel is grey). What the PDQ conformance vectors were made from.
    /// </summary>
    FullRes = 0,

    /// <summary>Decodes exactly as <see cref="FullRes"/>; the 512x512 pre-resize of <c>pdq-photo-hasher</c> is the hasher's job.</summary>
    Cli512,

    /// <summary>
    /// Throughput first: JPEG at the smallest DCT scale that keeps the short side at least
    /// <see cref="DecodeOptions.FastMinShortSide"/> (optionally straight to grey), WebP by scaled decode, other formats
    /// in full. Hashes move a little from <see cref="FullRes"/>; the amount is measured, not assumed.
    /// </summary>
    Fast,
}
