namespace Fingerprint.Cli.Bench.Report;

/// <summary>
/// The stdout summary of `bench robustness`: each algorithm's thresholds, then recall per edit family at the strictest
/// target FPR, one column per algorithm (tab-separated, so it pastes into a spreadsheet).
/// </summary>
internal static class ReportTextWriter
{
    public static void WriteSummary(TextWriter w, RobustnessReport report)
    {
        double strictest = report.Settings.TargetFprs.Min();
        w.WriteLine($"# {report.Pairs.Positives} positive and {report.Pairs.Negatives} negative pairs; thresholds fixed on the negatives");
        w.WriteLine("algorithm\t" + string.Join('\t', report.Settings.TargetFprs.Select(t => $"t@fpr{ReportFormat.Rate(t)}")) + "\tstandard\tfpr@standard");
        foreach (AlgorithmResult a in report.Algorithms)
        {
            string ts = string.Join('\t', a.Thresholds.Select(t => t.Threshold + (t.Resolvable ? "" : "*")));
            w.WriteLine($"{a.Name}\t{ts}\t{a.StandardThreshold}\t{ReportFormat.Scientific(a.StandardFpr)}");
        }
        w.WriteLine($"# recall at FPR {ReportFormat.Rate(strictest)} (* = not resolvable with this many negatives: the threshold admits no false positive)");
        w.WriteLine("family\tn\t" + string.Join('\t', report.Algorithms.Select(a => a.Name)));
        foreach (GroupResult first in report.Groups.Where(g => g.Algorithm == report.Algorithms[0].Name && g.Level is "all" or "family"))
        {
            var cells = report.Algorithms.Select(a =>
            {
                GroupResult g = report.Groups.First(x => x.Algorithm == a.Name && x.Level == first.Level && x.Family == first.Family);
                return ReportFormat.Percent(g.Recall.Single(r => r.TargetFpr == strictest).Recall);
            });
            w.WriteLine($"{first.Family}\t{first.Positives}\t{string.Join('\t', cells)}");
        }
    }
}
