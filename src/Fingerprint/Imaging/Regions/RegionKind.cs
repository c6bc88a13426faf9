namespace Fingerprint.Imaging.Regions;

/// <summary>What a <see cref="ImageRegion"/> is.</summary>
public enum RegionKind
{
    /// <summary>The whole image, always present.</summary>
    Full = 0,

    /// <summary>The image with uniform borders, letterbox/pillarbox bars, caption bands and UI bars peeled off.</summary>
    Trimmed = 1,

    /// <summary>One panel of a collage, comparison meme or comic, found between gutters.</summary>
    Panel = 2,
}
