namespace Fingerprint.Hashing;

/// <summary>The two PDQ pipelines of DESIGN.md §3, both named in the API.</summary>
public enum PdqPipeline
{
    /// <summary>The PDQ core on the whole decoded image: what the Python binding, HMA and the Java reference produce.</summary>
    FullRes = 0,

    /// <summary>Nearest-neighbour resize to exactly 512x512 when either side is larger: what pdq-photo-hasher prints.</summary>
    Cli512 = 1,
}
