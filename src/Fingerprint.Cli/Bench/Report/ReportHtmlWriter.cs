using System.Globalization;
using System.Net;
using System.Text;

namespace Fingerprint.Cli.Bench.Report;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, no scripts, no network) with every algorithm and every edit
/// family: thresholds, recall tables (heat-coloured, bootstrap intervals in tooltips), the meme-aware targets and
/// Thorn's published PDQ figures, ROC curves per family, distance distributions per algorithm, per-variant detail and
/// the per-image timings.
/// </summary>
internal static class ReportHtmlWriter
{
    private static readonly string[] s_colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

    public static string Write(RobustnessReport report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fingerprint robustness report</title><style>")
          .Append("body{font-family:sans-serif;margin:24px;max-width:1280px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
          .Append("th,td{border:1px solid #ccc;padding:3px 7px;text-align:right;font-size:13px}th{background:#f3f3f3}td.l,th.l{text-align:left}")
          .Append("h2{margin-top:36px;border-bottom:1px solid #ddd}.note{color:#555;font-size:13px}.ok{color:#1a7f37;font-weight:bold}.miss{color:#b42318;font-weight:bold}")
          .Append("svg{margin:4px 8px 12px 0}.charts{display:flex;flex-wrap:wrap}code{background:#f6f6f6;padding:1px 4px}")
          .Append("</style></head><body>\n");
        Header(sb, report);
        Thresholds(sb, report);
        double strictest = report.Settings.TargetFprs.Min();
        foreach (double t in report.Settings.TargetFprs.OrderBy(x => x))
            RecallTable(sb, report, $"Recall at FPR {ReportFormat.Rate(t)} by family", g => g.Recall.Single(r => r.TargetFpr == t), "family");
        StandardTable(sb, report);
        Targets(sb, report, strictest);
        RocCharts(sb, report);
        DistanceCharts(sb, report);
        RecallTable(sb, report, $"Recall at FPR {ReportFormat.Rate(strictest)} by family and strength", g => g.Recall.Single(r => r.TargetFpr == strictest), "strength");
        RecallTable(sb, report, $"Recall at FPR {ReportFormat.Rate(strictest)} by variant", g => g.Recall.Single(r => r.TargetFpr == strictest), "variant");
        Threshold95(sb, report);
        Timings(sb, report);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Header(StringBuilder sb, RobustnessReport r)
    {
        sb.Append("<h1>Fingerprint robustness report</h1>\n<p>Which hash survives which edit, at what false-positive rate.</p>\n<table>");
        Row(sb, "corpus", r.Corpus.Directory);
        Row(sb, "tier / generator seed", $"{r.Corpus.Tier ?? "?"} / {(r.Corpus.GeneratorSeed?.ToString(CultureInfo.InvariantCulture) ?? "?")}");
        Row(sb, "images", $"{r.Corpus.Originals} originals, {r.Corpus.Edits} edits, {r.Corpus.Distractors} distractors; {r.Corpus.Failed.Count} failed to decode");
        Row(sb, "pairs", $"{r.Pairs.Positives:N0} positive, {r.Pairs.Negatives:N0} negative (" +
            string.Join(", ", r.Pairs.NegativesByQueryKind.Select(kv => $"{kv.Key} {kv.Value:N0}")) + ")");
        Row(sb, "decode profile / quality gate", $"{r.Settings.Profile} / PDQ quality >= {r.Settings.MinQuality}");
        Row(sb, "bootstrap", r.Settings.Bootstrap == 0 ? "off" : $"{r.Settings.Bootstrap} resamples, seed {r.Settings.Seed}");
        Row(sb, "command", r.Settings.Command);
        sb.Append("</table>\n<p class=\"note\">").Append(E(r.Pairs.Definition)).Append(' ')
          .Append("Intervals are 95% percentile-bootstrap intervals (queries resampled for the threshold, positives for the recall). ")
          .Append("A target rate is <em>resolvable</em> when target x negatives &gt;= 1; otherwise its threshold is the largest with no false positive at all.</p>\n");
        sb.Append("<table><tr><th class=\"l\">algorithm</th><th class=\"l\">what is compared</th></tr>");
        foreach (AlgorithmResult a in r.Algorithms)
            sb.Append("<tr><td class=\"l\">").Append(E(a.Name)).Append("</td><td class=\"l\">").Append(E(a.Description)).Append("</td></tr>");
        sb.Append("</table>\n");
        if (r.Corpus.Failed.Count > 0)
        {
            sb.Append("<p>Failed to decode (their pairs count as misses):</p><ul>");
            foreach (FailedFile f in r.Corpus.Failed)
                sb.Append("<li><code>").Append(E(f.File)).Append("</code>: ").Append(E(f.Error)).Append("</li>");
            sb.Append("</ul>\n");
        }
    }

    private static void Thresholds(StringBuilder sb, RobustnessReport r)
    {
        sb.Append("<h2>Thresholds fixed on the negatives</h2>\n<table><tr><th class=\"l\">algorithm</th><th>bits</th>");
        foreach (double t in r.Settings.TargetFprs)
            sb.Append("<th>threshold @FPR ").Append(ReportFormat.Rate(t)).Append("</th><th>false positives</th>");
        sb.Append("<th>standard threshold</th><th>FPR at standard</th><th>negatives unmatchable</th><th>AUC (all edits)</th></tr>");
        foreach (AlgorithmResult a in r.Algorithms)
        {
            sb.Append("<tr><td class=\"l\">").Append(E(a.Name)).Append("</td><td>").Append(a.Bits).Append("</td>");
            foreach (ThresholdResult t in a.Thresholds)
            {
                string range = t.BootstrapLow is int lo && t.BootstrapHigh is int hi ? $" <span class=\"note\">[{lo}, {hi}]</span>" : "";
                sb.Append("<td>").Append(t.Threshold).Append(t.Resolvable ? "" : "*").Append(range).Append("</td><td>")
                  .Append(t.FalsePositives.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
            }
            sb.Append("<td>").Append(a.StandardThreshold).Append("</td><td>").Append(ReportFormat.Scientific(a.StandardFpr))
              .Append(" (").Append(a.StandardFalsePositives.ToString("N0", CultureInfo.InvariantCulture)).Append(")</td><td>")
              .Append(a.NegativesUnmatchable.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td>")
              .Append(a.Auc is double auc ? auc.ToString("0.0000", CultureInfo.InvariantCulture) : "-").Append("</td></tr>");
        }
        sb.Append("</table>\n<p class=\"note\">* not resolvable with this many negatives. Brackets: the 2.5th-97.5th percentile of the threshold over the bootstrap. ")
          .Append("Standard thresholds: PDQ's 31 (DESIGN.md); the classic 64-bit hashes' customary 10 (Krawetz, \"Looks Like It\", 2011).</p>\n");
    }

    private static void RecallTable(StringBuilder sb, RobustnessReport r, string title, Func<GroupResult, RecallResult> pick, string level)
    {
        sb.Append("<h2>").Append(E(title)).Append("</h2>\n<table><tr><th class=\"l\">group</th><th>n</th>");
        foreach (AlgorithmResult a in r.Algorithms)
            sb.Append("<th>").Append(E(a.Name)).Append("</th>");
        sb.Append("</tr>");
        string first = r.Algorithms[0].Name;
        foreach (GroupResult row in r.Groups.Where(g => g.Algorithm == first && (g.Level == level || g.Level == "all")))
        {
            sb.Append("<tr><td class=\"l\">").Append(E(Label(row))).Append("</td><td>").Append(row.Positives).Append("</td>");
            foreach (AlgorithmResult a in r.Algorithms)
            {
                GroupResult g = Same(r, a.Name, row);
                RecallResult rr = pick(g);
                string tip = rr.Low is double lo && rr.High is double hi
                    ? $"95% interval {ReportFormat.Percent(lo)} - {ReportFormat.Percent(hi)}, threshold {rr.Threshold}"
                    : $"threshold {rr.Threshold}";
                Cell(sb, rr.Recall, tip);
            }
            sb.Append("</tr>");
        }
        sb.Append("</table>\n");
    }

    private static void StandardTable(StringBuilder sb, RobustnessReport r)
    {
        sb.Append("<h2>Recall at the standard threshold by family</h2>\n<p class=\"note\">PDQ &lt;= 31 of 256 bits, classic hashes &lt;= 10 of 64 bits; their false-positive rates on these negatives are in the threshold table.</p>")
          .Append("<table><tr><th class=\"l\">group</th><th>n</th>");
        foreach (AlgorithmResult a in r.Algorithms)
            sb.Append("<th>").Append(E(a.Name)).Append(" &lt;= ").Append(a.StandardThreshold).Append("</th>");
        sb.Append("</tr>");
        string first = r.Algorithms[0].Name;
        foreach (GroupResult row in r.Groups.Where(g => g.Algorithm == first && g.Level is "all" or "family"))
        {
            sb.Append("<tr><td class=\"l\">").Append(E(Label(row))).Append("</td><td>").Append(row.Positives).Append("</td>");
            foreach (AlgorithmResult a in r.Algorithms)
            {
                GroupResult g = Same(r, a.Name, row);
                Cell(sb, g.RecallAtStandard, $"median distance {g.MedianDistance?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table>\n");
    }

    private static void Targets(StringBuilder sb, RobustnessReport r, double strictest)
    {
        string[] compared = MemeTargets.Compared.Where(a => ReportQueries.Has(r, a)).ToArray();
        if (compared.Length == 0)
            return;
        sb.Append("<h2>Meme-aware matching against the targets</h2>\n<p class=\"note\">Recall at FPR ")
          .Append(ReportFormat.Rate(strictest)).Append(" (the issue's &gt;= 99.99% precision), thresholds fixed on all negatives per algorithm.</p><table><tr><th class=\"l\">edit</th><th>n</th>");
        foreach (string a in compared)
            sb.Append("<th>").Append(E(a)).Append("</th>");
        bool gain = compared.Contains("pdq") && compared.Contains("pdq-meme");
        if (gain)
            sb.Append("<th>gain pdq-meme vs pdq</th>");
        sb.Append("<th>target</th></tr>");
        foreach (MemeTargets.Row row in MemeTargets.Targets)
        {
            (double? _, long n) = ReportQueries.Recall(r, compared[0], strictest, row.Select);
            if (n == 0)
                continue;
            sb.Append("<tr><td class=\"l\">").Append(E(row.Label)).Append("</td><td>").Append(n).Append("</td>");
            foreach (string a in compared)
            {
                (double? recall, _) = ReportQueries.Recall(r, a, strictest, row.Select);
                Cell(sb, recall, null);
            }
            if (gain)
            {
                double? plain = ReportQueries.Recall(r, "pdq", strictest, row.Select).Recall;
                double? meme = ReportQueries.Recall(r, "pdq-meme", strictest, row.Select).Recall;
                sb.Append("<td>").Append(plain is double p && meme is double m ? ((m - p) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pt" : "-").Append("</td>");
            }
            if (row.Target is double target && ReportQueries.Has(r, "pdq-meme"))
            {
                double? meme = ReportQueries.Recall(r, "pdq-meme", strictest, row.Select).Recall;
                bool met = meme >= target;
                sb.Append("<td class=\"").Append(met ? "ok" : "miss").Append("\">&gt;= ").Append(ReportFormat.Percent(target)).Append(met ? " met" : " missed").Append("</td>");
            }
            else
            {
                sb.Append("<td>").Append(row.Target is double t ? "&gt;= " + ReportFormat.Percent(t) : "as high as possible").Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table>\n");

        sb.Append("<h3>At the standard threshold (PDQ &lt;= 31)</h3>\n<table><tr><th class=\"l\">edit</th><th>n</th>");
        foreach (string a in compared)
            sb.Append("<th>").Append(E(a)).Append("</th>");
        sb.Append("<th>target</th></tr>");
        foreach (MemeTargets.Row row in MemeTargets.Targets)
        {
            (double? _, long n) = ReportQueries.RecallAtStandard(r, compared[0], row.Select);
            if (n == 0)
                continue;
            sb.Append("<tr><td class=\"l\">").Append(E(row.Label)).Append("</td><td>").Append(n).Append("</td>");
            foreach (string a in compared)
                Cell(sb, ReportQueries.RecallAtStandard(r, a, row.Select).Recall, null);
            sb.Append("<td>").Append(row.Target is double t ? "&gt;= " + ReportFormat.Percent(t) : "-").Append("</td></tr>");
        }
        sb.Append("</table>\n");

        if (!ReportQueries.Has(r, "pdq"))
            return;
        sb.Append("<h3>Beside Thorn's published PDQ figures</h3>\n<p class=\"note\">Thorn's perception benchmark, PDQ recall at &gt;= 99.99% precision, against plain pdq here at FPR ")
          .Append(ReportFormat.Rate(strictest)).Append(". Different corpus, edits and precision definition: read the magnitudes, not the decimals.</p><table><tr><th class=\"l\">edit</th><th>Thorn PDQ</th><th>n</th><th>pdq</th>");
        bool meme2 = ReportQueries.Has(r, "pdq-meme");
        if (meme2)
            sb.Append("<th>pdq-meme</th>");
        sb.Append("</tr>");
        foreach (MemeTargets.Row row in MemeTargets.Thorn)
        {
            (double? recall, long n) = ReportQueries.Recall(r, "pdq", strictest, row.Select);
            if (n == 0)
                continue;
            sb.Append("<tr><td class=\"l\">").Append(E(row.Label)).Append("</td><td>").Append(row.Thorn).Append("</td><td>").Append(n).Append("</td>");
            Cell(sb, recall, null);
            if (meme2)
                Cell(sb, ReportQueries.Recall(r, "pdq-meme", strictest, row.Select).Recall, null);
            sb.Append("</tr>");
        }
        sb.Append("</table>\n");
    }

    private static void RocCharts(StringBuilder sb, RobustnessReport r)
    {
        long negatives = Math.Max(1, r.Pairs.Negatives);
        double minFpr = Math.Pow(10, Math.Floor(Math.Log10(1.0 / negatives)));
        var markers = r.Settings.TargetFprs.Select(t => new SvgChart.Marker(t, ReportFormat.Rate(t))).ToList();
        sb.Append("<h2>ROC curves by family</h2>\n<p class=\"note\">Recall against the false-positive rate on all negatives, one step per distance threshold. ")
          .Append("A rate of 0 is drawn at the left edge (").Append(ReportFormat.Rate(minFpr)).Append(").</p><div class=\"charts\">");
        string first = r.Algorithms[0].Name;
        foreach (GroupResult row in r.Groups.Where(g => g.Algorithm == first && g.Level is "all" or "family"))
        {
            var series = new List<SvgChart.Series>();
            for (int i = 0; i < r.Algorithms.Count; i++)
            {
                AlgorithmResult a = r.Algorithms[i];
                RocPoint[] roc = RobustnessMetrics.Roc(ReportQueries.Positives(Same(r, a.Name, row), a.Bits), ReportQueries.Negatives(a));
                series.Add(new SvgChart.Series(a.Name, Colour(i), roc.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)).ToList(), Dashed: a.Bits == 64));
            }
            sb.Append(SvgChart.Roc($"{Label(row)} (n = {row.Positives})", series, minFpr, markers));
        }
        sb.Append("</div>\n");
    }

    private static void DistanceCharts(StringBuilder sb, RobustnessReport r)
    {
        sb.Append("<h2>Distance distributions by algorithm</h2>\n<p class=\"note\">Left: share of pairs per distance, all negatives against all positives. ")
          .Append("Right: the positives' distances per family. Dashed lines: the thresholds at each target FPR and the standard threshold.</p>");
        string first = r.Algorithms[0].Name;
        for (int i = 0; i < r.Algorithms.Count; i++)
        {
            AlgorithmResult a = r.Algorithms[i];
            var markers = a.Thresholds.Select(t => new SvgChart.Marker(t.Threshold, $"FPR {ReportFormat.Rate(t.TargetFpr)}")).ToList();
            markers.Add(new SvgChart.Marker(a.StandardThreshold, "std"));
            DistanceHistogram negatives = ReportQueries.Negatives(a);
            DistanceHistogram positives = ReportQueries.Positives(Same(r, a.Name, r.Groups.First(g => g.Algorithm == first && g.Level == "all")), a.Bits);
            var series = new List<SvgChart.Series>
            {
                new("negatives", "#888888", Shares(negatives)),
                new("positives", Colour(i), Shares(positives)),
            };
            sb.Append("<div class=\"charts\">").Append(SvgChart.Histogram($"{a.Name}: distances", series, a.Bits, markers));
            var boxes = new List<SvgChart.Box>();
            foreach (GroupResult g in r.Groups.Where(g => g.Algorithm == a.Name && g.Level == "family"))
            {
                DistanceHistogram h = ReportQueries.Positives(g, a.Bits);
                double Q(double q) => h.Quantile(q) ?? a.Bits;
                boxes.Add(new SvgChart.Box(g.Family, Q(0.05), Q(0.25), Q(0.5), Q(0.75), Q(0.95), g.Positives));
            }
            sb.Append(SvgChart.Boxes($"{a.Name}: positive distances by family", boxes, a.Bits, markers, Colour(i))).Append("</div>\n");
        }
    }

    private static void Threshold95(StringBuilder sb, RobustnessReport r)
    {
        sb.Append("<h2>Threshold needed for 95% recall</h2>\n<p class=\"note\">The smallest distance threshold that finds 95% of the group, and (in brackets) the false-positive rate it costs on all negatives; - when no threshold does (too many unmatchable pairs).</p>")
          .Append("<table><tr><th class=\"l\">group</th><th>n</th>");
        foreach (AlgorithmResult a in r.Algorithms)
            sb.Append("<th>").Append(E(a.Name)).Append("</th>");
        sb.Append("</tr>");
        string first = r.Algorithms[0].Name;
        foreach (GroupResult row in r.Groups.Where(g => g.Algorithm == first && g.Level is "all" or "family" or "strength"))
        {
            sb.Append("<tr><td class=\"l\">").Append(E(Label(row))).Append("</td><td>").Append(row.Positives).Append("</td>");
            foreach (AlgorithmResult a in r.Algorithms)
            {
                GroupResult g = Same(r, a.Name, row);
                sb.Append("<td>").Append(g.ThresholdFor95 is int t ? $"{t} <span class=\"note\">({ReportFormat.Scientific(g.FprAtThresholdFor95)})</span>" : "-").Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table>\n");
    }

    private static void Timings(StringBuilder sb, RobustnessReport r)
    {
        sb.Append("<h2>Per-image timings</h2>\n<p class=\"note\">Measured on the workers during this run (")
          .Append(r.Settings.Workers).Append(" in parallel): indicative only, noisy on a busy host. Regions: finding the trimmed region and panels, then hashing each (8 dihedral variants).</p>")
          .Append("<table><tr><th class=\"l\">stage</th><th>images</th><th>mean ms</th><th>median ms</th><th>95th percentile ms</th></tr>");
        foreach (StageTiming t in r.Timings)
        {
            sb.Append("<tr><td class=\"l\">").Append(E(t.Stage)).Append("</td><td>").Append(t.Images).Append("</td><td>")
              .Append(ReportFormat.Number(t.MeanMs, "0.00")).Append("</td><td>").Append(ReportFormat.Number(t.MedianMs, "0.00")).Append("</td><td>")
              .Append(ReportFormat.Number(t.P95Ms, "0.00")).Append("</td></tr>");
        }
        sb.Append("</table>\n");
    }

    private static List<(double X, double Y)> Shares(DistanceHistogram h)
    {
        var points = new List<(double, double)>(h.MaxDistance + 1);
        for (int d = 0; d <= h.MaxDistance; d++)
            points.Add((d, h.Total == 0 ? 0 : (double)h[d] / h.Total));
        return points;
    }

    private static GroupResult Same(RobustnessReport r, string algorithm, GroupResult like) =>
        r.Groups.First(g => g.Algorithm == algorithm && g.Level == like.Level && g.Family == like.Family && g.Strength == like.Strength && g.Variant == like.Variant);

    private static string Label(GroupResult g) => g.Level switch
    {
        "all" => "all edits",
        "family" => g.Family,
        "strength" => $"{g.Family} / {g.Strength ?? "-"}",
        _ => $"{g.Family} / {g.Variant}",
    };

    private static void Cell(StringBuilder sb, double? recall, string? tip)
    {
        if (recall is not double v)
        {
            sb.Append("<td>-</td>");
            return;
        }
        // White at 0, green at 1 (hue 120), through yellow at 0.5: readable without a legend.
        int hue = (int)Math.Round(v * 120);
        sb.Append(CultureInfo.InvariantCulture, $"<td style=\"background:hsl({hue},70%,{(v >= 0.999 ? 80 : 88)}%)\"");
        if (tip is not null)
            sb.Append(" title=\"").Append(E(tip)).Append('"');
        sb.Append('>').Append(ReportFormat.Percent(v)).Append("</td>");
    }

    private static void Row(StringBuilder sb, string key, string value) =>
        sb.Append("<tr><th class=\"l\">").Append(E(key)).Append("</th><td class=\"l\">").Append(E(value)).Append("</td></tr>");

    private static string Colour(int i) => s_colours[i % s_colours.Length];

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
