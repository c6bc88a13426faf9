using System.Globalization;
using System.Text;

namespace Fingerprint.Cli.Bench.Report;

/// <summary>
/// summary.md: the report's key tables in Markdown (thresholds, the meme-aware targets for every target FPR, Thorn's
/// figures beside ours, recall by family), for pasting into benchmarks/RESULTS.md unchanged.
/// </summary>
internal static class ReportMarkdownWriter
{
    public static string Write(RobustnessReport r)
    {
        var sb = new StringBuilder();
        sb.Append("Corpus: ").Append(r.Corpus.Tier ?? "?").Append(" tier (generator seed ")
          .Append(r.Corpus.GeneratorSeed?.ToString(CultureInfo.InvariantCulture) ?? "?").Append("), ")
          .Append(r.Corpus.Originals).Append(" originals, ").Append(r.Corpus.Edits).Append(" edits, ").Append(r.Corpus.Distractors)
          .Append(" distractors; ").Append(r.Pairs.Positives.ToString("N0", CultureInfo.InvariantCulture)).Append(" positive and ")
          .Append(r.Pairs.Negatives.ToString("N0", CultureInfo.InvariantCulture)).Append(" negative pairs; profile ").Append(r.Settings.Profile)
          .Append(", PDQ quality gate ").Append(r.Settings.MinQuality).Append(".\n\n");

        sb.Append("| algorithm |");
        foreach (double t in r.Settings.TargetFprs)
            sb.Append(" threshold @FPR ").Append(ReportFormat.Rate(t)).Append(" (FP) |");
        sb.Append(" standard threshold: FPR |\n|---|");
        foreach (double _ in r.Settings.TargetFprs)
            sb.Append("---|");
        sb.Append("---|\n");
        foreach (AlgorithmResult a in r.Algorithms)
        {
            sb.Append("| ").Append(a.Name).Append(" |");
            foreach (ThresholdResult t in a.Thresholds)
                sb.Append(' ').Append(t.Threshold).Append(t.Resolvable ? "" : "*").Append(" (").Append(t.FalsePositives).Append(") |");
            sb.Append(" <= ").Append(a.StandardThreshold).Append(": ").Append(ReportFormat.Scientific(a.StandardFpr)).Append(" |\n");
        }
        sb.Append("\n(* not resolvable: fewer than 1/target negatives.)\n");

        string[] compared = MemeTargets.Compared.Where(a => ReportQueries.Has(r, a)).ToArray();
        if (compared.Length > 0)
        {
            foreach (double fpr in r.Settings.TargetFprs.OrderBy(x => x))
                TargetTable(sb, r, compared, $"Recall at FPR {ReportFormat.Rate(fpr)}", (a, select) => ReportQueries.Recall(r, a, fpr, select));
            TargetTable(sb, r, compared, "Recall at the standard threshold (PDQ <= 31)", (a, select) => ReportQueries.RecallAtStandard(r, a, select));
        }

        if (ReportQueries.Has(r, "pdq"))
        {
            double strictest = r.Settings.TargetFprs.Min();
            bool meme = ReportQueries.Has(r, "pdq-meme");
            sb.Append("\nBeside Thorn's published PDQ figures (recall at >= 99.99% precision); ours at FPR ").Append(ReportFormat.Rate(strictest))
              .Append(" and at PDQ's standard 31:\n\n| edit | Thorn PDQ | n | pdq @FPR | pdq @31 |").Append(meme ? " pdq-meme @FPR | pdq-meme @31 |" : "")
              .Append("\n|---|---|---|---|---|").Append(meme ? "---|---|" : "").Append('\n');
            foreach (MemeTargets.Row row in MemeTargets.Thorn)
            {
                (double? recall, long n) = ReportQueries.Recall(r, "pdq", strictest, row.Select);
                if (n == 0)
                    continue;
                sb.Append("| ").Append(row.Label).Append(" | ").Append(row.Thorn).Append(" | ").Append(n).Append(" | ").Append(ReportFormat.Percent(recall))
                  .Append(" | ").Append(ReportFormat.Percent(ReportQueries.RecallAtStandard(r, "pdq", row.Select).Recall)).Append(" |");
                if (meme)
                {
                    sb.Append(' ').Append(ReportFormat.Percent(ReportQueries.Recall(r, "pdq-meme", strictest, row.Select).Recall)).Append(" | ")
                      .Append(ReportFormat.Percent(ReportQueries.RecallAtStandard(r, "pdq-meme", row.Select).Recall)).Append(" |");
                }
                sb.Append('\n');
            }
        }

        foreach (double fpr in r.Settings.TargetFprs.OrderBy(x => x))
        {
            sb.Append("\nRecall by family at FPR ").Append(ReportFormat.Rate(fpr)).Append(":\n\n| family | n |");
            foreach (AlgorithmResult a in r.Algorithms)
                sb.Append(' ').Append(a.Name).Append(" |");
            sb.Append("\n|---|---|");
            foreach (AlgorithmResult _ in r.Algorithms)
                sb.Append("---|");
            sb.Append('\n');
            string first = r.Algorithms[0].Name;
            foreach (GroupResult row in r.Groups.Where(g => g.Algorithm == first && g.Level is "all" or "family"))
            {
                sb.Append("| ").Append(row.Level == "all" ? "all edits" : row.Family).Append(" | ").Append(row.Positives).Append(" |");
                foreach (AlgorithmResult a in r.Algorithms)
                {
                    GroupResult g = r.Groups.First(x => x.Algorithm == a.Name && x.Level == row.Level && x.Family == row.Family);
                    sb.Append(' ').Append(ReportFormat.Percent(g.Recall.Single(x => x.TargetFpr == fpr).Recall)).Append(" |");
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    private static void TargetTable(StringBuilder sb, RobustnessReport r, string[] compared, string title,
        Func<string, Func<GroupResult, bool>, (double? Recall, long Count)> recall)
    {
        sb.Append('\n').Append(title).Append(":\n\n| edit | n |");
        foreach (string a in compared)
            sb.Append(' ').Append(a).Append(" |");
        sb.Append(" target |\n|---|---|");
        foreach (string _ in compared)
            sb.Append("---|");
        sb.Append("---|\n");
        foreach (MemeTargets.Row row in MemeTargets.Targets)
        {
            long n = recall(compared[0], row.Select).Count;
            if (n == 0)
                continue;
            sb.Append("| ").Append(row.Label).Append(" | ").Append(n).Append(" |");
            foreach (string a in compared)
                sb.Append(' ').Append(ReportFormat.Percent(recall(a, row.Select).Recall)).Append(" |");
            sb.Append(' ').Append(row.Target is double t ? ">= " + ReportFormat.Percent(t) : "-").Append(" |\n");
        }
    }
}
