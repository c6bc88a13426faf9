namespace Fingerprint.Matching;

/// <summary>
/// Which meme-aware regions <see cref="RegionHasher"/> hashes besides the whole image. Flags; the policy of the
/// product (measured in benchmarks/RESULTS.md, "Robustness") is <see cref="Entry"/> for bank entries and
/// <see cref="Query"/> for uploads.
/// </summary>
[Flags]
public enum RegionScope
{
    /// <summary>None: only the whole image is hashed (no region finding).</summary>
    None = 0,

    /// <summary>
    /// The image without its uniform borders, letterbox bars, caption bands and UI bars (<c>"trimmed"</c>), when it has
    /// any, and that region's loose trim (<c>"content"</c>: flat margins of sky, studio white or dark backdrop peeled
    /// too), when it differs.
    /// </summary>
    Trimmed = 1,

    /// <summary>
    /// Every panel of a collage, comparison meme or comic (<c>"panel-0"</c>, <c>"panel-1"</c>, ...) and every group of
    /// panels the split cut further (<c>"group-0"</c>, ...: a whole meme inside a collage).
    /// </summary>
    Panels = 2,

    /// <summary>
    /// Centre crops of the (trimmed) image to the aspect ratios that collage makers and social apps crop to, when they
    /// differ from the image's own (<c>"aspect-1x1"</c>, <c>"aspect-4x5"</c>, <c>"aspect-3x4"</c>, <c>"aspect-4x3"</c>,
    /// <c>"aspect-16x9"</c>, <c>"aspect-9x16"</c>; see <see cref="RegionHasher.AspectRatios"/>): a banked photo
    /// cropped to fill a collage cell or a square post still matches. For bank entries, opt-in (bank add
    /// --aspect-crops): about four more rows per photo entry (4.35 on the standard test corpus's originals).
    /// </summary>
    AspectCrops = 4,

    /// <summary>
    /// Bank entries' default: trimmed, but not panels, so a new collage that shares one panel with a banked collage does
    /// not match it (bank add --index-panels adds <see cref="Panels"/>, --aspect-crops <see cref="AspectCrops"/>).
    /// </summary>
    Entry = Trimmed,

    /// <summary>Uploads' default: trimmed, panels and panel groups.</summary>
    Query = Trimmed | Panels,
}
