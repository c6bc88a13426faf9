namespace Fingerprint.Matching;

/// <summary>Which meme-aware regions <see cref="RegionHasher"/> hashes besides the whole image.</summary>
public enum RegionScope
{
    /// <summary>None: only the whole image is hashed (no region finding).</summary>
    None = 0,

    /// <summary>
    /// The image without its uniform borders, letterbox bars, caption bands and UI bars (<c>"trimmed"</c>), when it has
    /// any. The default for bank entries: a new collage that shares one panel with a banked collage does not match it.
    /// </summary>
    Trimmed = 1,

    /// <summary>
    /// Trimmed, and every panel of a collage, comparison meme or comic (<c>"panel-0"</c>, <c>"panel-1"</c>, ...) and every
    /// group of panels the split cut further (<c>"group-0"</c>, ...: a whole meme inside a collage). The
    /// default for queries (uploads): a known image inside a new collage matches through its panel.
    /// </summary>
    TrimmedAndPanels = 2,
}
