using System.Text;
using Fingerprint.Cli.Output;

namespace Fingerprint.Cli.Bench.Report;

/// <summary>
/// positives.csv: one row per positive pair (edit, original) with each algorithm's distance (empty: unmatchable) and,
/// for the meme-aware algorithms, what gave it (full, query-trimmed, query-panel, entry-region), so every miss can be
/// looked at.
/// </summary>
internal static class PositivesCsvWriter
{
    public static string Write(IReadOnlyList<CorpusItem> items, IReadOnlyList<PairDistances> distances)
    {
        var sb = new StringBuilder();
        var header = new List<string> { "file", "original", "family", "strength", "variant" };
        foreach (PairDistances pd in distances)
        {
            string name = BenchAlgorithms.Name(pd.Algorithm);
            header.Add(name);
            if (BenchAlgorithms.IsMemeAware(pd.Algorithm))
                header.Add(name + "_via");
        }
        sb.Append(Csv.Row([.. header])).Append('\n');
        for (int i = 0; i < items.Count; i++)
        {
            CorpusItem item = items[i];
            if (item.Role != CorpusRole.Edit)
                continue;
            var row = new List<string?> { item.File, item.Original, item.Family, item.Strength, item.Variant };
            foreach (PairDistances pd in distances)
            {
                int d = pd.Positives[i];
                row.Add(d == DistanceHistogram.NoDistance ? "" : ReportFormat.Int(d));
                if (BenchAlgorithms.IsMemeAware(pd.Algorithm))
                    row.Add(Via(pd.Evidence[i]));
            }
            sb.Append(Csv.Row([.. row])).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// closest-negatives.csv: per algorithm, the <paramref name="perAlgorithm"/> queries whose closest negative pair is
    /// nearest (query, the other original, distance, evidence): the hardest negatives, which set the thresholds.
    /// </summary>
    public static string WriteClosestNegatives(IReadOnlyList<CorpusItem> items, IReadOnlyList<PairDistances> distances, int perAlgorithm)
    {
        var sb = new StringBuilder();
        sb.Append(Csv.Row("algorithm", "rank", "query", "query_role", "query_family", "original", "distance", "via")).Append('\n');
        foreach (PairDistances pd in distances)
        {
            var ranked = pd.ClosestNegatives.Where(c => c.Original >= 0)
                .OrderBy(c => c.Distance).ThenBy(c => items[c.Query].File, StringComparer.Ordinal).Take(perAlgorithm).ToList();
            for (int r = 0; r < ranked.Count; r++)
            {
                (int q, int o, int d, MatchEvidence via) = ranked[r];
                sb.Append(Csv.Row(BenchAlgorithms.Name(pd.Algorithm), ReportFormat.Int(r + 1), items[q].File,
                    items[q].Role == CorpusRole.Edit ? "edit" : "distractor", items[q].Family, items[o].File, ReportFormat.Int(d),
                    BenchAlgorithms.IsMemeAware(pd.Algorithm) ? Via(via) : "")).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string Via(MatchEvidence evidence) => evidence switch
    {
        MatchEvidence.Full => "full",
        MatchEvidence.QueryTrimmed => "query-trimmed",
        MatchEvidence.QueryPanel => "query-panel",
        MatchEvidence.EntryRegion => "entry-region",
        _ => "",
    };
}
