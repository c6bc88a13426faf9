namespace Fingerprint.Imaging.Regions;

/// <summary>What a <see cref="ImageRegion"/> is.</summary>
public enum RegionKind
{
    /// <summary>The whole image, always present.</summary>
    Full = 0,

    /// <summary>
    /// The image with uniform borders, letterbox/pillarbox bars, caption bands and UI bars peeled off (<c>"trimmed"</c>),
    /// or its loose trim, flat margins peeled too (<c>"content"</c>).
    /// </summary>
    Trimmed = 1,

    /// <summary>One panel of a collage, comparison meme or comic, found between gutters.</summary>
    Panel = 2,

    /// <summary>
    /// A group of panels that the panel split cut further: a row or column of a grid, or a whole comparison meme or
    /// comic that sits as one panel inside a larger collage (so the meme as a whole can be matched too).
    /// </summary>
    Group = 3,

    /// <summary>
    /// A centre crop to a common aspect ratio (made by <c>Fingerprint.Matching.RegionHasher</c> for bank entries, not
    /// found by <see cref="RegionFinder"/>).
    /// </summary>
    AspectCrop = 4,
}
