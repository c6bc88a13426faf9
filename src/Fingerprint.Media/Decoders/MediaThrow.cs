using System.Diagnostics.CodeAnalysis;

namespace Fingerprint.Media.Decoders;

/// <summary>Throw sites for decoders (kept out of the decode loops, as runtime's ThrowHelper does).</summary>
internal static class MediaThrow
{
    [DoesNotReturn]
    public static void Truncated(string format, string? nativeMessage = null) =>
        throw new MediaException(MediaErrorCode.Truncated, $"{format} data is truncated", nativeMessage);

    [DoesNotReturn]
    public static void Corrupt(string format, string detail, string? nativeMessage = null) =>
        throw new MediaException(MediaErrorCode.Corrupt, $"{format} data is corrupt ({detail})", nativeMessage);

    [DoesNotReturn]
    public static void Unsupported(string what, string? nativeMessage = null) =>
        throw new MediaException(MediaErrorCode.UnsupportedFormat, $"unsupported format: {what}", nativeMessage);

    [DoesNotReturn]
    public static void Limit(string limitName, string detail) =>
        throw new MediaException(MediaErrorCode.LimitExceeded, $"{detail} exceeds MediaLimits.{limitName}");

    [DoesNotReturn]
    public static void Native(MediaErrorCode code, string message, string? nativeMessage) =>
        throw new MediaException(code, message, nativeMessage);

    /// <summary>
    /// Checks declared dimensions before anything is allocated: positive, within MaxDimension and MaxPixels, and the
    /// working buffer (width x height x <paramref name="bytesPerPixel"/>) within MaxBufferBytes.
    /// </summary>
    public static void CheckDimensions(MediaLimits limits, string format, long width, long height, int bytesPerPixel)
    {
        if (width <= 0 || height <= 0)
            Corrupt(format, $"declared size {width}x{height} is empty");
        if (width > limits.MaxDimension || height > limits.MaxDimension)
            Limit(nameof(MediaLimits.MaxDimension), $"{format} size {width}x{height} ({limits.MaxDimension} px per side allowed)");
        long pixels = width * height;
        if (pixels > limits.MaxPixels)
            Limit(nameof(MediaLimits.MaxPixels), $"{format} size {width}x{height} = {pixels} pixels ({limits.MaxPixels} allowed)");
        long bytes = pixels * bytesPerPixel;
        if (bytes > limits.MaxBufferBytes || bytes > Array.MaxLength)
            Limit(nameof(MediaLimits.MaxBufferBytes), $"{format} working buffer of {bytes} bytes ({Math.Min(limits.MaxBufferBytes, Array.MaxLength)} allowed)");
    }
}
