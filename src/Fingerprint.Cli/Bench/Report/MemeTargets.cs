namespace Fingerprint.Cli.Bench.Report;

/// <summary>
/// The targets for meme-aware matching (standard tier, at &gt;= 99.99% precision, i.e. the strictest target
/// FPR here) and Thorn's published PDQ figures at that precision, each with the corpus groups it is measured on.
/// </summary>
internal static class MemeTargets
{
    /// <summary>A target row: a label, the groups measured, and the recall to reach (null: as high as possible).</summary>
    /// <summary>The PDQ strategies the target tables compare, plain first.</summary>
    public static IReadOnlyList<string> Compared { get; } = ["pdq", "pdq-dihedral", "pdq-meme", "pdq-meme-crops", "pdq-meme-panels"];

    public sealed record Row(string Label, Func<GroupResult, bool> Select, double? Target, string? Thorn = null);

    public static IReadOnlyList<Row> Targets { get; } =
    [
        new("pad / letterbox (pad 5-30%)", g => g.Level == "family" && g.Family == "pad", 0.95),
        new("caption bar (10-35%)", g => g.Level == "family" && g.Family == "caption", 0.95),
        new("screenshot frame", g => g.Level == "family" && g.Family == "screenshot", 0.95),
        new("mirror and 90-degree rotations (dihedral)", g => g.Level == "family" && g.Family == "dihedral", 0.99),
        new("known image as a panel of a new collage", g => g.Level == "family" && g.Family == "collage_panel", 0.90),
        new("crop <= 10% (2%, 5%, 10%)", g => g.Level == "variant" && g.Family == "crop" && g.Variant is "crop-f02" or "crop-f05" or "crop-f10", null),
        new("all edits", g => g.Level == "all", null),
    ];

    /// <summary>Thorn's perception benchmark, PDQ recall at &gt;= 99.99% precision, beside our nearest groups.</summary>
    public static IReadOnlyList<Row> Thorn { get; } =
    [
        new("JPEG re-encode (ours: q90/q70/q40)", g => g.Level == "family" && g.Family == "jpeg", null, "99.9%"),
        new("5% crop (ours: crop-f05, one side or all sides)", g => g.Level == "variant" && g.Variant == "crop-f05", null, "9.0%"),
        new("20% pad (ours: pad-f15)", g => g.Level == "variant" && g.Variant == "pad-f15", null, "1.3%"),
        new("20% pad (ours: pad-f30)", g => g.Level == "variant" && g.Variant == "pad-f30", null, "1.3%"),
        new("4-degree rotation (ours: rotate-d5, 5 degrees)", g => g.Level == "variant" && g.Variant == "rotate-d5", null, "54.5%"),
    ];
}
