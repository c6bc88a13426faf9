using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fingerprint.Hashing;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// <c>fidelity</c> (issue 3.2, DESIGN.md §5 "measure how far the fast profile moves hashes from fullres and publish it"):
/// for every JPEG (and optionally WebP) of a corpus of real photos, the PDQ distance between <c>fullres</c> (the
/// reference decode, <see cref="DecodeOptions.Reference"/>, + PDQ fullres) and the fast profile under each candidate
/// <see cref="FastRule"/>, with decode+hash time per image (best of <c>--repeat</c>, rules interleaved per image so a
/// change in machine load hits every rule alike). Prints markdown: the corpus by size, every rule (mean, p99 and max
/// bits; time), the fastest rule meeting the target (mean &lt;= 1 bit, max &lt;= 8 by default; rules within 3% of its
/// time are ties, broken by fidelity), and that rule by size.
/// </summary>
internal static class FidelityCommand
{
    /// <summary>Relative time difference below which two rules count as equally fast.</summary>
    private const double TieMargin = 0.03;

    public const string Usage =
        "fidelity [--corpus PATH]... [--min-short 256,384,512,768] [--pow2 both|on|off] [--gray both|on|off]\n" +
        "         [--fast-upsample both|on|off] [--fast-dct both|on|off] [--repeat 3] [--webp] [--tsv FILE]\n" +
        "         [--target-mean 1] [--target-max 8]";

    public static int Run(HarnessArgs args)
    {
        IReadOnlyList<string> roots = args.All("corpus");
        if (roots.Count == 0)
            roots = ["testmedia/sources"];
        int[] minShort = args.Ints("min-short", [256, 384, 512, 768]);
        List<FastRule> rules = FastRule.Grid(minShort, FastRule.Axis(args.Get("pow2"), "pow2"), FastRule.Axis(args.Get("gray"), "gray"),
            FastRule.Axis(args.Get("fast-upsample"), "fast-upsample"), FastRule.Axis(args.Get("fast-dct"), "fast-dct"));
        if (!rules.Contains(FastRule.Current))
            rules.Add(FastRule.Current);
        int repeat = Math.Max(1, args.Int("repeat", 3));
        bool webp = args.Flag("webp");
        string? tsv = args.Get("tsv");
        double targetMean = args.Double("target-mean", 1), targetMax = args.Double("target-max", 8);
        args.RejectUnknown();

        MediaFormat[] formats = webp ? [MediaFormat.Jpeg, MediaFormat.WebP] : [MediaFormat.Jpeg];
        List<CorpusFile> files = Corpus.Find(roots, formats);
        Console.Error.WriteLine($"fidelity: {files.Count} files, {rules.Count} rules, best of {repeat}");

        var results = new List<ImageResult>();
        var failed = new List<(CorpusFile File, string Error)>();
        using var decoder = new ImageDecoder();
        var hasher = new PdqHasher();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < files.Count; i++)
        {
            CorpusFile file = files[i];
            byte[] data = File.ReadAllBytes(file.Path);
            try
            {
                results.Add(Measure(decoder, hasher, file, data, rules, repeat));
            }
            catch (MediaException ex)
            {
                failed.Add((file, ex.Message));
            }
            if ((i + 1) % 10 == 0 || i + 1 == files.Count)
                Console.Error.WriteLine($"fidelity: {i + 1}/{files.Count} ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        if (tsv is not null)
            WriteTsv(tsv, results, rules);
        Console.Write(Report(roots, results, failed, rules, repeat, targetMean, targetMax));
        return 0;
    }

    private static ImageResult Measure(ImageDecoder decoder, PdqHasher hasher, CorpusFile file, byte[] data, List<FastRule> rules, int repeat)
    {
        HashResult reference = default;
        double refMs = double.MaxValue;
        int width = 0, height = 0;
        for (int r = 0; r < repeat; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            using DecodedImage image = decoder.Decode(data, DecodeOptions.Reference);
            reference = hasher.Hash(image.Pixels.AsView());
            refMs = Math.Min(refMs, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            (width, height) = (image.SourceWidth, image.SourceHeight);
        }

        var result = new ImageResult(file, width, height, reference, refMs, rules.Count);
        for (int k = 0; k < rules.Count; k++)
        {
            // WebP's scaled decode depends on the minimum short side only: one measurement per threshold.
            int same = file.Format == MediaFormat.WebP ? rules.FindIndex(r => r.MinShortSide == rules[k].MinShortSide) : k;
            if (same < k)
            {
                result.CopyRule(same, k);
                continue;
            }
            DecodeOptions options = rules[k].ToOptions();
            double best = double.MaxValue;
            for (int r = 0; r < repeat; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                using DecodedImage image = decoder.Decode(data, options);
                HashResult h = hasher.Hash(image.Pixels.AsView());
                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                result.Distance[k] = reference.Hash.DistanceTo(h.Hash);
                result.Scale[k] = $"{image.ScaleNumerator}/{image.ScaleDenominator}";
                result.OutWidth[k] = image.Pixels.Width;
                result.OutHeight[k] = image.Pixels.Height;
            }
            result.Ms[k] = best;
        }
        return result;
    }

    private static void WriteTsv(string path, List<ImageResult> results, List<FastRule> rules)
    {
        using var w = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        w.WriteLine("file\tformat\twidth\theight\tref_quality\tfullres_ms\trule\tscale\tout_width\tout_height\tdistance\tms");
        foreach (ImageResult r in results)
        {
            for (int k = 0; k < rules.Count; k++)
            {
                w.WriteLine(string.Join('\t', Corpus.Display(r.File.Path), r.File.Format, r.Width, r.Height, r.Reference.Quality,
                    r.ReferenceMs.ToString("0.###", CultureInfo.InvariantCulture), rules[k].Name, r.Scale[k], r.OutWidth[k], r.OutHeight[k],
                    r.Distance[k], r.Ms[k].ToString("0.###", CultureInfo.InvariantCulture)));
            }
        }
    }

    private static string Report(IReadOnlyList<string> roots, List<ImageResult> all, List<(CorpusFile File, string Error)> failed,
        List<FastRule> rules, int repeat, double targetMean, double targetMax)
    {
        var sb = new StringBuilder();
        List<ImageResult> jpegs = all.Where(r => r.IsJpeg).ToList();
        int current = rules.IndexOf(FastRule.Current);

        string webpNote = all.Count > jpegs.Count ? $" and {all.Count - jpegs.Count} WebP files" : "";
        sb.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {string.Join(", ", roots)}: {jpegs.Count} JPEG files{webpNote} " +
            $"measured (distinct content; {failed.Count} more failed to decode). Times: decode + PDQ fullres hash, best of {repeat}, one thread.");
        sb.AppendLine();
        var corpus = new Markdown("size class", "JPEG files", "median WxH", "median bytes", "fullres ms/image") { IsNumeric = h => h != "size class" && h != "median WxH" };
        foreach (IGrouping<string, ImageResult> g in jpegs.GroupBy(r => r.SizeClass).OrderBy(g => g.Key))
        {
            ImageResult[] bySize = g.OrderBy(r => (long)r.Width * r.Height).ToArray();
            ImageResult mid = bySize[bySize.Length / 2];
            corpus.Add(g.Key[3..], g.Count().ToString(CultureInfo.InvariantCulture), $"{mid.Width}x{mid.Height}",
                Stats.Percentile(g.Select(r => (double)r.File.Bytes), 50).ToString("0", CultureInfo.InvariantCulture),
                Markdown.Num(g.Average(r => r.ReferenceMs)));
        }
        sb.Append(corpus);
        foreach ((CorpusFile file, string error) in failed)
            sb.AppendLine(CultureInfo.InvariantCulture, $"- failed: {Corpus.Display(file.Path)}: {error}");
        sb.AppendLine();
        if (jpegs.Count == 0)
            return sb.ToString();

        double fullresTotal = jpegs.Sum(r => r.ReferenceMs);
        double fullresBig = jpegs.Where(IsBig).Sum(r => r.ReferenceMs);
        int bigCount = jpegs.Count(IsBig);
        var rows = new List<(int Rule, double Total, bool Meets)>();
        for (int k = 0; k < rules.Count; k++)
        {
            double mean = jpegs.Average(r => r.Distance[k]);
            int max = jpegs.Max(r => r.Distance[k]);
            rows.Add((k, jpegs.Sum(r => r.Ms[k]), mean <= targetMean && max <= targetMax));
        }
        // The fastest rule meeting the target; rules within TieMargin of its time are ties (the timing noise of a shared
        // machine), broken by the lower mean distance.
        double fastestMeeting = rows.Where(r => r.Meets).Select(r => r.Total).DefaultIfEmpty(double.NaN).Min();
        int chosen = rows.Where(r => r.Meets && r.Total <= fastestMeeting * (1 + TieMargin))
            .OrderBy(r => jpegs.Average(x => x.Distance[r.Rule])).ThenBy(r => r.Total)
            .Select(r => r.Rule).DefaultIfEmpty(-1).First();

        string bigMs = Markdown.Num(bigCount == 0 ? double.NaN : fullresBig / bigCount);
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Rules (JPEG, {jpegs.Count} images), fastest first. Target: mean <= {targetMean} bit, max <= {targetMax} bits. fullres: {Markdown.Num(fullresTotal / jpegs.Count)} ms/image over all, {bigMs} ms at >= 9 MP.");
        sb.AppendLine();
        var table = new Markdown("rule (min short side, scales, output, upsampling, IDCT)", "scaled", "mean", "p99", "max", "exact",
            "mean (scaled only)", "max (scaled only)", "ms/image", "ms/image >= 9 MP", "vs fullres", "meets")
        { IsNumeric = h => !h.StartsWith("rule", StringComparison.Ordinal) && h != "meets" };
        foreach ((int k, double total, bool meets) in rows.OrderBy(r => r.Total))
        {
            List<ImageResult> scaled = jpegs.Where(r => r.Scaled(k)).ToList();
            string name = rules[k].Name + (k == chosen ? " **(chosen)**" : "") + (k == current ? " (current default)" : "");
            table.Add(name, scaled.Count.ToString(CultureInfo.InvariantCulture),
                Markdown.Fixed(jpegs.Average(r => r.Distance[k]), 2),
                Stats.Percentile(jpegs.Select(r => r.Distance[k]), 99).ToString(CultureInfo.InvariantCulture),
                jpegs.Max(r => r.Distance[k]).ToString(CultureInfo.InvariantCulture),
                Markdown.Fixed(100.0 * jpegs.Count(r => r.Distance[k] == 0) / jpegs.Count, 0) + "%",
                scaled.Count == 0 ? "-" : Markdown.Fixed(scaled.Average(r => r.Distance[k]), 2),
                scaled.Count == 0 ? "-" : scaled.Max(r => r.Distance[k]).ToString(CultureInfo.InvariantCulture),
                Markdown.Num(total / jpegs.Count),
                bigCount == 0 ? "-" : Markdown.Num(jpegs.Where(IsBig).Sum(r => r.Ms[k]) / bigCount),
                Markdown.Ratio(fullresTotal, total),
                meets ? "yes" : "no");
        }
        sb.Append(table);
        sb.AppendLine();

        if (chosen < 0)
        {
            sb.AppendLine("No rule meets the target.");
        }
        else
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"Chosen: **{rules[chosen].Name}** (the fastest rule meeting the target; rules within {TieMargin * 100:0}% of its time count as ties, broken by the lower mean distance).");
            sb.AppendLine();
            sb.Append(BySize(jpegs, rules, chosen, "chosen"));
            if (current >= 0 && current != chosen)
            {
                sb.AppendLine();
                sb.Append(BySize(jpegs, rules, current, "current default"));
            }
            sb.AppendLine();
            sb.AppendLine("Largest distances under the chosen rule:");
            sb.AppendLine();
            var worst = new Markdown("file", "WxH", "scale", "ref quality", "distance") { IsNumeric = h => h is "ref quality" or "distance" };
            foreach (ImageResult r in jpegs.OrderByDescending(r => r.Distance[chosen]).ThenBy(r => r.File.Path, StringComparer.Ordinal).Take(5))
                worst.Add(Corpus.Display(r.File.Path), $"{r.Width}x{r.Height}", r.Scale[chosen], r.Reference.Quality.ToString(CultureInfo.InvariantCulture), r.Distance[chosen].ToString(CultureInfo.InvariantCulture));
            sb.Append(worst);
        }

        List<ImageResult> webps = all.Where(r => r.File.Format == MediaFormat.WebP).ToList();
        if (webps.Count > 0)
        {
            // WebP's scaled decode depends on the minimum short side only (libwebp scales to any eighth; the JPEG axes do
            // not apply), so one row per threshold.
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"WebP ({webps.Count} images; libwebp scaled decode to the smallest eighth keeping the short side):");
            sb.AppendLine();
            var wt = new Markdown("min short side", "scaled", "mean", "p99", "max", "ms/image", "vs fullres") { IsNumeric = _ => true };
            foreach (int m in rules.Select(r => r.MinShortSide).Distinct().Order())
            {
                int k = rules.FindIndex(r => r.MinShortSide == m);
                wt.Add(m.ToString(CultureInfo.InvariantCulture), webps.Count(r => r.Scaled(k)).ToString(CultureInfo.InvariantCulture),
                    Markdown.Fixed(webps.Average(r => r.Distance[k]), 2), Stats.Percentile(webps.Select(r => r.Distance[k]), 99).ToString(CultureInfo.InvariantCulture),
                    webps.Max(r => r.Distance[k]).ToString(CultureInfo.InvariantCulture), Markdown.Num(webps.Average(r => r.Ms[k])),
                    Markdown.Ratio(webps.Sum(r => r.ReferenceMs), webps.Sum(r => r.Ms[k])));
            }
            sb.Append(wt);
        }
        return sb.ToString();
    }

    private static bool IsBig(ImageResult r) => (long)r.Width * r.Height >= 9_000_000;

    private static string BySize(List<ImageResult> jpegs, List<FastRule> rules, int k, string label)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"By size, {label} rule ({rules[k].Name}); images below twice the threshold decode at scale 1/1:");
        sb.AppendLine();
        var t = new Markdown("size class", "images", "scales used", "mean", "p99", "max", "fast ms/image", "fullres ms/image", "speed-up")
        { IsNumeric = h => h is not ("size class" or "scales used") };
        foreach (IGrouping<string, ImageResult> g in jpegs.GroupBy(r => r.SizeClass).OrderBy(g => g.Key))
        {
            string scales = string.Join(", ", g.GroupBy(r => r.Scale[k]).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} x{s.Count()}"));
            t.Add(g.Key[3..], g.Count().ToString(CultureInfo.InvariantCulture), scales,
                Markdown.Fixed(g.Average(r => r.Distance[k]), 2), Stats.Percentile(g.Select(r => r.Distance[k]), 99).ToString(CultureInfo.InvariantCulture),
                g.Max(r => r.Distance[k]).ToString(CultureInfo.InvariantCulture), Markdown.Num(g.Average(r => r.Ms[k])),
                Markdown.Num(g.Average(r => r.ReferenceMs)), Markdown.Ratio(g.Sum(r => r.ReferenceMs), g.Sum(r => r.Ms[k])));
        }
        sb.Append(t);
        return sb.ToString();
    }
}
