using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>What a format decoder hands back before the shared steps (grey collapse, orientation) run.</summary>
internal readonly record struct RawImage(PixelBuffer Pixels, int SourceWidth, int SourceHeight, int ExifOrientation,
    int ScaleNumerator = 1, int ScaleDenominator = 1);
