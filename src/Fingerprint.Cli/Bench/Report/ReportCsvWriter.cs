using System.Text;
using Fingerprint.Cli.Output;

namespace Fingerprint.Cli.Bench.Report;

/// <summary>
/// results.csv: one row per algorithm and group (level all, family, strength or variant), RFC 4180, header first.
/// Recall columns come per target FPR (<c>recall_fpr_1e-4</c> with its threshold and bootstrap interval); then the
/// standard threshold's recall, the threshold that finds 95% and its FPR, the median distance and the AUC.
/// </summary>
internal static class ReportCsvWriter
{
    public static string Write(RobustnessReport report)
    {
        var sb = new StringBuilder();
        var header = new List<string> { "algorithm", "level", "family", "strength", "variant", "positives", "unmatchable" };
        foreach (double t in report.Settings.TargetFprs)
        {
            string r = ReportFormat.Rate(t);
            header.AddRange([$"threshold_fpr_{r}", $"recall_fpr_{r}", $"recall_fpr_{r}_low", $"recall_fpr_{r}_high"]);
        }
        header.AddRange(["standard_threshold", "recall_standard", "threshold_recall_95", "fpr_at_threshold_recall_95", "median_distance", "auc"]);
        sb.Append(Csv.Row([.. header])).Append('\n');
        foreach (GroupResult g in report.Groups)
        {
            var row = new List<string?> { g.Algorithm, g.Level, g.Family, g.Strength, g.Variant, ReportFormat.Int(g.Positives), ReportFormat.Int(g.Unmatchable) };
            foreach (double t in report.Settings.TargetFprs)
            {
                RecallResult r = g.Recall.Single(x => x.TargetFpr == t);
                row.AddRange([ReportFormat.Int(r.Threshold), ReportFormat.Share(r.Recall), ReportFormat.Share(r.Low), ReportFormat.Share(r.High)]);
            }
            row.AddRange([
                ReportFormat.Int(g.StandardThreshold), ReportFormat.Share(g.RecallAtStandard), ReportFormat.Int(g.ThresholdFor95),
                ReportFormat.Scientific(g.FprAtThresholdFor95), ReportFormat.Int(g.MedianDistance), ReportFormat.Share(g.Auc),
            ]);
            sb.Append(Csv.Row([.. row])).Append('\n');
        }
        return sb.ToString();
    }
}
