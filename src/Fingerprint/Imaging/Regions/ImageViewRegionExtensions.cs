using Fingerprint.Internal;

namespace Fingerprint.Imaging.Regions;

/// <summary>Crops an <see cref="ImageView"/> to a region without copying pixels.</summary>
public static class ImageViewRegionExtensions
{
    /// <summary>The part of <paramref name="image"/> inside <paramref name="rect"/>, sharing its memory.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rectangle is not inside the image.</exception>
    public static ImageView Crop(this ImageView image, RegionRect rect)
    {
        if (rect.Width < 0 || rect.Height < 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(rect), $"Region {rect} has a negative size.");
        return image.Crop(rect.X, rect.Y, rect.Width, rect.Height);
    }
}
