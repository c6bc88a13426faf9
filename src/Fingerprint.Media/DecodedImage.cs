using Fingerprint.Imaging;

namespace Fingerprint.Media;

/// <summary>
/// A decoded still: owned pixels (dispose this, or the <see cref="Pixels"/>) plus what the decode did to them.
/// <see cref="PixelFormat.Gray8"/> when every pixel is grey (ImageMagick's P5 rule), else <see cref="PixelFormat.Rgb24"/>;
/// alpha is dropped without compositing, as <c>convert FILE pnm:-</c> does.
/// </summary>
public sealed class DecodedImage : IDisposable
{
    internal DecodedImage(PixelBuffer pixels, MediaFormat format, int sourceWidth, int sourceHeight, int exifOrientation,
        bool orientationApplied, int scaleNumerator, int scaleDenominator)
    {
        Pixels = pixels;
        Format = format;
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        ExifOrientation = exifOrientation;
        OrientationApplied = orientationApplied;
        ScaleNumerator = scaleNumerator;
        ScaleDenominator = scaleDenominator;
    }

    /// <summary>The pixels, after any scaling and orientation.</summary>
    public PixelBuffer Pixels { get; }

    /// <summary>The format the input was sniffed as.</summary>
    public MediaFormat Format { get; }

    /// <summary>Width of the stored image, before scaling and orientation.</summary>
    public int SourceWidth { get; }

    /// <summary>Height of the stored image, before scaling and orientation.</summary>
    public int SourceHeight { get; }

    /// <summary>The EXIF orientation tag found (1..8), or 1 when there is none or it is invalid. Reported even when ignored.</summary>
    public int ExifOrientation { get; }

    /// <summary>True when <see cref="ExifOrientation"/> was not 1 and the pixels were rotated/flipped to match it.</summary>
    public bool OrientationApplied { get; }

    /// <summary>Numerator of the decode scale (<see cref="DecodeProfile.Fast"/> only); 1 at full size.</summary>
    public int ScaleNumerator { get; }

    /// <summary>Denominator of the decode scale: 1 = full size; 8 with <see cref="ScaleNumerator"/> 1 = one eighth.</summary>
    public int ScaleDenominator { get; }

    public void Dispose() => Pixels.Dispose();
}
