namespace Fingerprint.Cli.Bench;

/// <summary>
/// One still image of a labelled corpus (a line of testmedia's manifest.jsonl).
/// </summary>
/// <param name="File">Path relative to the corpus directory, forward slashes.</param>
/// <param name="Role">Original, edit or distractor.</param>
/// <param name="Family">Edits: the edit family (crop, pad, ...). Distractors: the distractor kind (the folder under
/// <c>distractors/</c>: random_photo, same_template, edited, ...). Originals: photo or meme.</param>
/// <param name="Strength">mild, medium or strong; null where it does not apply (dihedral, lossless png).</param>
/// <param name="Variant">Edits: the variant key from the file name (<c>crop-f05</c>, <c>rotate90_cw-r90</c>, ...), which
/// tells apart variants that share a strength (crop 10% and 20% are both strong). Otherwise the family.</param>
/// <param name="Original">Edits: the original's file; null otherwise.</param>
internal sealed record CorpusItem(string File, CorpusRole Role, string Family, string? Strength, string Variant, string? Original);
