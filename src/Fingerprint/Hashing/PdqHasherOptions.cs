namespace Fingerprint.Hashing;

/// <summary>Options of a <see cref="PdqHasher"/>.</summary>
public sealed class PdqHasherOptions
{
    /// <summary>
    /// Which reference pipeline to reproduce (DESIGN.md §3): <see cref="PdqPipeline.FullRes"/> (the core on the whole
    /// image, as the Python binding, HMA and the Java reference) or <see cref="PdqPipeline.Cli512"/> (nearest-neighbour
    /// to exactly 512x512 when a side exceeds 512, as pdq-photo-hasher).
    /// </summary>
    public PdqPipeline Pipeline { get; init; } = PdqPipeline.FullRes;
}
