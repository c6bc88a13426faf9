namespace Fingerprint.Cli.Bench;

/// <summary>A group of positive pairs the report scores on its own, and the corpus items (edits) in it.</summary>
internal sealed record GroupKey(string Level, string Family, string? Strength, string? Variant, IReadOnlyList<int> Items)
{
    public const string All = "all";

    /// <summary>A short label: <c>crop</c>, <c>crop/strong</c>, <c>crop/strong/crop-f20</c>, <c>all</c>.</summary>
    public string Label => Level switch
    {
        All => All,
        "family" => Family,
        "strength" => $"{Family}/{Strength ?? "-"}",
        _ => $"{Family}/{Variant}",
    };

    /// <summary>
    /// The groups of a corpus in report order: all edits, then per family (README order: the generator's table), and
    /// within each family per strength (mild, medium, strong, none) and per variant. Edits that failed to decode stay
    /// in their groups (as misses).
    /// </summary>
    public static List<GroupKey> Build(IReadOnlyList<CorpusItem> items)
    {
        var edits = new List<int>();
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Role == CorpusRole.Edit)
                edits.Add(i);
        }
        var groups = new List<GroupKey> { new(All, All, null, null, edits) };
        foreach (IGrouping<string, int> family in edits.GroupBy(i => items[i].Family).OrderBy(g => FamilyRank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            groups.Add(new GroupKey("family", family.Key, null, null, family.ToList()));
            foreach (IGrouping<string?, int> strength in family.GroupBy(i => items[i].Strength).OrderBy(g => StrengthRank(g.Key)))
                groups.Add(new GroupKey("strength", family.Key, strength.Key, null, strength.ToList()));
            foreach (IGrouping<string, int> variant in family.GroupBy(i => items[i].Variant)
                         .OrderBy(g => StrengthRank(items[g.First()].Strength)).ThenBy(g => g.Key, StringComparer.Ordinal))
                groups.Add(new GroupKey("variant", family.Key, items[variant.First()].Strength, variant.Key, variant.ToList()));
        }
        return groups;
    }

    private static readonly string[] s_familyOrder =
    [
        "jpeg", "resize", "crop", "pad", "rotate", "dihedral", "caption", "text_overlay", "screenshot", "border", "colour",
        "blur", "noise", "format", "reshare", "collage_panel",
    ];

    internal static int FamilyRank(string family)
    {
        int i = Array.IndexOf(s_familyOrder, family);
        return i < 0 ? s_familyOrder.Length : i;
    }

    internal static int StrengthRank(string? strength) => strength switch
    {
        "mild" => 0,
        "medium" => 1,
        "strong" => 2,
        null => 3,
        _ => 4,
    };
}
