namespace Fingerprint.Cli.Bench;

/// <summary>
/// The hashes and matching strategies `bench robustness` compares. The distance of a (query, original) pair is the
/// smallest Hamming distance over the hashes each strategy compares (see <see cref="BenchAlgorithms.Describe"/>).
/// </summary>
internal enum BenchAlgorithm
{
    /// <summary>pdq: PDQ of the whole query against PDQ of the whole original.</summary>
    Pdq,

    /// <summary>pdq-dihedral: the query's 8 dihedral PDQ variants against the original's PDQ.</summary>
    PdqDihedral,

    /// <summary>pdq-meme: dihedral, and the query's regions (trimmed, content, panels, groups) against the original's whole, trimmed and content hashes (the default policy).</summary>
    PdqMeme,

    /// <summary>pdq-meme-crops: pdq-meme with the original's aspect crops indexed too (bank add --aspect-crops).</summary>
    PdqMemeCrops,

    /// <summary>pdq-meme-panels: pdq-meme with the original's panels indexed too (bank add --index-panels).</summary>
    PdqMemePanels,

    /// <summary>ahash: 64-bit average hash (OpenCV img_hash).</summary>
    AHash,

    /// <summary>dhash: 64-bit difference hash (imagehash's definition).</summary>
    DHash,

    /// <summary>phash: 64-bit DCT hash (OpenCV img_hash).</summary>
    PHash,
}
