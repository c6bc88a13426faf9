using System.Globalization;
using System.Net;
using System.Text;

namespace Fingerprint.Cli.Bench.Report;

/// <summary>
/// Small self-contained SVG charts for report.html (no scripts, no external resources): ROC curves on a log FPR axis,
/// overlaid distance histograms, and per-group distance ranges (box plots).
/// </summary>
internal static class SvgChart
{
    private const int Width = 560;
    private const int Height = 300;
    private const int Left = 56;
    private const int Right = 150;
    private const int Top = 28;
    private const int Bottom = 40;

    /// <summary>One line of a chart: its legend name, colour and points (x, y) in data units.</summary>
    public sealed record Series(string Name, string Colour, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

    /// <summary>A vertical reference line.</summary>
    public sealed record Marker(double X, string Label);

    /// <summary>
    /// ROC: x is the false-positive rate on a log axis from <paramref name="minFpr"/> to 1 (points at 0 are drawn at the
    /// left edge), y the true-positive rate 0..1; steps are drawn as a staircase.
    /// </summary>
    public static string Roc(string title, IReadOnlyList<Series> series, double minFpr, IReadOnlyList<Marker> markers)
    {
        double lo = Math.Log10(minFpr);
        double X(double fpr) => Left + (Math.Log10(Math.Max(fpr, minFpr)) - lo) / -lo * PlotWidth;
        double Y(double tpr) => Top + (1 - tpr) * PlotHeight;
        var sb = Begin(title);
        for (int e = (int)Math.Ceiling(lo); e <= 0; e++)
        {
            double x = X(Math.Pow(10, e));
            Line(sb, x, Top, x, Top + PlotHeight, "#e3e3e3");
            Text(sb, x, Top + PlotHeight + 14, e == 0 ? "1" : $"1e{e}", "middle");
        }
        for (int k = 0; k <= 4; k++)
        {
            double y = Y(k / 4.0);
            Line(sb, Left, y, Left + PlotWidth, y, "#e3e3e3");
            Text(sb, Left - 6, y + 4, (k * 25).ToString(CultureInfo.InvariantCulture) + "%", "end");
        }
        for (int k = 0; k < markers.Count; k++)
        {
            double x = X(markers[k].X);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{Top}\" x2=\"{F(x)}\" y2=\"{Top + PlotHeight}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>");
            Text(sb, x + 3, Top + 10 + 11 * k, markers[k].Label, "start", "#666");
        }
        Axes(sb, "false-positive rate (log)", "recall");
        foreach (Series s in series)
        {
            var path = new StringBuilder();
            (double X, double Y)? previous = null;
            foreach ((double fx, double ty) in s.Points)
            {
                double x = X(fx), y = Y(ty);
                if (previous is null)
                    path.Append(CultureInfo.InvariantCulture, $"M{F(x)},{F(y)}");
                else
                    path.Append(CultureInfo.InvariantCulture, $" H{F(x)} V{F(y)}");
                previous = (x, y);
            }
            Path(sb, path.ToString(), s.Colour, s.Dashed);
        }
        Legend(sb, series);
        return End(sb);
    }

    /// <summary>Overlaid histograms (shares of each series per distance) as step lines; x is the distance 0..maxDistance.</summary>
    public static string Histogram(string title, IReadOnlyList<Series> series, int maxDistance, IReadOnlyList<Marker> markers)
    {
        double top = 0;
        foreach (Series s in series)
        {
            foreach ((_, double y) in s.Points)
                top = Math.Max(top, y);
        }
        top = top <= 0 ? 1 : NiceCeiling(top);
        double X(double d) => Left + d / (maxDistance + 1) * PlotWidth;
        double Y(double share) => Top + (1 - share / top) * PlotHeight;
        var sb = Begin(title);
        int step = maxDistance > 100 ? 32 : 8;
        for (int d = 0; d <= maxDistance + 1; d += step)
        {
            double x = X(d);
            Line(sb, x, Top, x, Top + PlotHeight, "#e3e3e3");
            Text(sb, x, Top + PlotHeight + 14, d.ToString(CultureInfo.InvariantCulture), "middle");
        }
        for (int k = 0; k <= 4; k++)
        {
            double y = Y(top * k / 4);
            Line(sb, Left, y, Left + PlotWidth, y, "#e3e3e3");
            Text(sb, Left - 6, y + 4, (top * k / 4 * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%", "end");
        }
        for (int k = 0; k < markers.Count; k++)
        {
            double x = X(markers[k].X + 1);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{Top}\" x2=\"{F(x)}\" y2=\"{Top + PlotHeight}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>");
            Text(sb, x + 3, Top + 10 + 11 * k, markers[k].Label, "start", "#666");
        }
        Axes(sb, "Hamming distance", "share of pairs");
        foreach (Series s in series)
        {
            var path = new StringBuilder();
            path.Append(CultureInfo.InvariantCulture, $"M{F(X(0))},{F(Y(0))}");
            foreach ((double d, double share) in s.Points)
                path.Append(CultureInfo.InvariantCulture, $" V{F(Y(share))} H{F(X(d + 1))}");
            path.Append(CultureInfo.InvariantCulture, $" V{F(Y(0))}");
            Path(sb, path.ToString(), s.Colour, s.Dashed);
        }
        Legend(sb, series);
        return End(sb);
    }

    /// <summary>One row per group: whiskers from the 5th to the 95th percentile, a box from the 25th to the 75th, a tick at the median.</summary>
    public sealed record Box(string Label, double P5, double P25, double P50, double P75, double P95, int Count);

    public static string Boxes(string title, IReadOnlyList<Box> boxes, int maxDistance, IReadOnlyList<Marker> markers, string colour)
    {
        const int rowHeight = 18;
        int top = Top + 11 * markers.Count;
        int height = top + boxes.Count * rowHeight + Bottom;
        double left = 150;
        double plotWidth = Width + Right - left - 20;
        double X(double d) => left + d / maxDistance * plotWidth;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width + Right}\" height=\"{height}\" viewBox=\"0 0 {Width + Right} {height}\" font-family=\"sans-serif\" font-size=\"11\">");
        Text(sb, (Width + Right) / 2.0, 16, title, "middle", "#000", bold: true);
        int step = maxDistance > 100 ? 32 : 8;
        for (int d = 0; d <= maxDistance; d += step)
        {
            double x = X(d);
            Line(sb, x, top, x, height - Bottom, "#e3e3e3");
            Text(sb, x, height - Bottom + 14, d.ToString(CultureInfo.InvariantCulture), "middle");
        }
        for (int k = 0; k < markers.Count; k++)
        {
            double x = X(Math.Clamp(markers[k].X, 0, maxDistance));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{top}\" x2=\"{F(x)}\" y2=\"{height - Bottom}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>");
            Text(sb, x + 3, top - 4 - 11 * (markers.Count - 1 - k), markers[k].Label, "start", "#666");
        }
        for (int i = 0; i < boxes.Count; i++)
        {
            Box b = boxes[i];
            double y = top + i * rowHeight + rowHeight / 2.0;
            Text(sb, left - 6, y + 4, $"{b.Label} ({b.Count})", "end");
            Line(sb, X(b.P5), y, X(b.P95), y, colour);
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{F(X(b.P25))}\" y=\"{F(y - 5)}\" width=\"{F(Math.Max(1, X(b.P75) - X(b.P25)))}\" height=\"10\" fill=\"{colour}\" fill-opacity=\"0.35\" stroke=\"{colour}\"/>");
            Line(sb, X(b.P50), y - 6, X(b.P50), y + 6, "#000");
        }
        Text(sb, left + plotWidth / 2, height - 4, "Hamming distance of the positive pairs (5-25-50-75-95th percentiles; unmatchable pairs at the right edge)", "middle");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static double PlotWidth => Width - Left - 10;
    private static double PlotHeight => Height - Top - Bottom;

    private static StringBuilder Begin(string title)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width + Right}\" height=\"{Height}\" viewBox=\"0 0 {Width + Right} {Height}\" font-family=\"sans-serif\" font-size=\"11\">");
        Text(sb, Left + PlotWidth / 2, 16, title, "middle", "#000", bold: true);
        return sb;
    }

    private static string End(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static void Axes(StringBuilder sb, string xLabel, string yLabel)
    {
        sb.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{F(PlotWidth)}\" height=\"{F(PlotHeight)}\" fill=\"none\" stroke=\"#444\"/>");
        Text(sb, Left + PlotWidth / 2, Height - 6, xLabel, "middle");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"14\" y=\"{F(Top + PlotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {F(Top + PlotHeight / 2)})\">{E(yLabel)}</text>");
    }

    private static void Legend(StringBuilder sb, IReadOnlyList<Series> series)
    {
        double x = Width + 4;
        for (int i = 0; i < series.Count; i++)
        {
            double y = Top + 8 + i * 16;
            sb.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{F(x)}\" y1=\"{F(y)}\" x2=\"{F(x + 18)}\" y2=\"{F(y)}\" stroke=\"{series[i].Colour}\" stroke-width=\"2\"{(series[i].Dashed ? " stroke-dasharray=\"4 2\"" : "")}/>");
            Text(sb, x + 22, y + 4, series[i].Name, "start");
        }
    }

    private static void Path(StringBuilder sb, string d, string colour, bool dashed) =>
        sb.Append(CultureInfo.InvariantCulture,
            $"<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\"{(dashed ? " stroke-dasharray=\"5 3\"" : "")}/>");

    private static void Line(StringBuilder sb, double x1, double y1, double x2, double y2, string colour) =>
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x1)}\" y1=\"{F(y1)}\" x2=\"{F(x2)}\" y2=\"{F(y2)}\" stroke=\"{colour}\"/>");

    private static void Text(StringBuilder sb, double x, double y, string text, string anchor, string colour = "#333", bool bold = false) =>
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" fill=\"{colour}\"{(bold ? " font-weight=\"bold\"" : "")}>{E(text)}</text>");

    private static double NiceCeiling(double v)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (double m in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (m * p >= v)
                return m * p;
        }
        return 10 * p;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
