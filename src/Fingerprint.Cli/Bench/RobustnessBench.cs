using System.Text.Json;
using Fingerprint.Cli.Bench.Report;
using Fingerprint.Cli.Progress;
using Fingerprint.Media;

namespace Fingerprint.Cli.Bench;

/// <summary>
/// `fingerprint bench robustness`: which hash survives which edit, at what false-positive rate. Hashes every image of
/// a labelled corpus once per algorithm, scores every positive and negative pair (<see cref="PairDistances"/>), fixes
/// each algorithm's thresholds on the negatives for the target rates, and reports per edit family, strength and
/// variant: recall at those thresholds (with bootstrap intervals) and at the standard threshold, the threshold that
/// finds 95%, distance distributions and ROC curves. Writes report.html (self-contained), results.csv, results.json,
/// summary.md (the key tables in Markdown), positives.csv (every positive pair's distances) and closest-negatives.csv
/// (the hardest negatives); prints a summary on stdout. Deterministic: the same corpus, options and --seed give the same numbers (timings aside).
/// </summary>
internal static class RobustnessBench
{
    /// <summary>The target false-positive rates thresholds are fixed at (the issue's 1e-3 and 1e-4).</summary>
    public static readonly IReadOnlyList<double> TargetFprs = [1e-3, 1e-4];

    public const string PairDefinition =
        "Positive: (edit, the original it was made from), one per edit image. Negative: (query, original) for every query " +
        "(every edit and every distractor image) and every original the query was not made from. Distance: the smallest " +
        "Hamming distance between a hash of the query side and a hash of the original side, as the algorithm defines them; " +
        "PDQ hashes below the quality gate are not used (a side without a usable hash makes the pair unmatchable). " +
        "Thresholds are fixed on all negatives per algorithm; recall is the share of a group's positives at or below them.";

    public static async Task<RobustnessReport> RunAsync(CliContext context, RobustnessSettings settings, CancellationToken ct)
    {
        CorpusManifest corpus = CorpusManifest.Load(settings.Corpus);
        IReadOnlyList<CorpusItem> items = corpus.Items;
        await context.Stderr.WriteLineAsync(
            $"bench robustness: {items.Count(i => i.Role == CorpusRole.Original)} originals, {items.Count(i => i.Role == CorpusRole.Edit)} edits, " +
            $"{items.Count(i => i.Role == CorpusRole.Distractor)} distractors in {corpus.Directory} (tier {corpus.Tier ?? "?"}, generator seed {corpus.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})");

        var decode = new DecodeOptions
        {
            Profile = settings.Profile,
            IgnoreExif = settings.Profile != DecodeProfile.Fast,
        };
        var progress = new ProgressReporter(context.Stderr, settings.Progress, "images hashed");
        ItemHashes[] hashes = await progress.RunAsync(() => Task.Run(
            () => CorpusHasher.HashAll(corpus, decode, settings.Workers, progress, ct), ct));
        if (progress.Mode == ProgressMode.Plain)
            progress.WritePlainLine();
        ct.ThrowIfCancellationRequested();

        await context.Stderr.WriteLineAsync("bench robustness: scoring pairs");
        var distances = new List<PairDistances>();
        foreach (BenchAlgorithm a in settings.Algorithms)
            distances.Add(PairDistances.Compute(a, items, hashes, settings.MinQuality, settings.Workers));
        ct.ThrowIfCancellationRequested();

        RobustnessReport report = Score(corpus, hashes, distances, settings);
        Directory.CreateDirectory(settings.OutputDirectory);
        string json = Path.Combine(settings.OutputDirectory, "results.json");
        await using (FileStream stream = File.Create(json))
            await JsonSerializer.SerializeAsync(stream, report, BenchJsonContext.Default.RobustnessReport, ct);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "results.csv"), ReportCsvWriter.Write(report), ct);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "report.html"), ReportHtmlWriter.Write(report), ct);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "summary.md"), ReportMarkdownWriter.Write(report), ct);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "positives.csv"), PositivesCsvWriter.Write(items, distances), ct);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "closest-negatives.csv"),
            PositivesCsvWriter.WriteClosestNegatives(items, distances, perAlgorithm: 25), ct);
        ReportTextWriter.WriteSummary(context.Stdout, report);
        await context.Stderr.WriteLineAsync($"bench robustness: wrote report.html, results.csv, results.json, summary.md, positives.csv, closest-negatives.csv to {settings.OutputDirectory}");
        return report;
    }

    internal static RobustnessReport Score(CorpusManifest corpus, ItemHashes[] hashes, IReadOnlyList<PairDistances> distances, RobustnessSettings settings)
    {
        IReadOnlyList<CorpusItem> items = corpus.Items;
        List<GroupKey> groups = GroupKey.Build(items);
        var algorithms = new List<AlgorithmResult>();
        var results = new List<GroupResult>();
        foreach (PairDistances pd in distances)
        {
            string name = BenchAlgorithms.Name(pd.Algorithm);
            int standard = BenchAlgorithms.StandardThreshold(pd.Algorithm);
            var thresholds = TargetFprs.Select(t => RobustnessMetrics.ThresholdAtFpr(pd.Negatives, t)).ToList();
            int[][] boot = ClusterBootstrap.Thresholds(pd.NegativesByQuery, TargetFprs, settings.Bootstrap,
                BenchRandom.Derive(settings.Seed, "negatives/" + name));

            DistanceHistogram allPositives = Histogram(pd, groups[0].Items);
            algorithms.Add(new AlgorithmResult
            {
                Name = name,
                Description = BenchAlgorithms.Describe(pd.Algorithm),
                Bits = BenchAlgorithms.Bits(pd.Algorithm),
                StandardThreshold = standard,
                StandardFalsePositives = pd.Negatives.CountAtOrBelow(standard),
                StandardFpr = pd.Negatives.RateAtOrBelow(standard),
                Negatives = pd.Negatives.Total,
                NegativesUnmatchable = pd.Negatives.Unmatchable,
                NegativeHistogram = pd.Negatives.Counts.ToArray(),
                Thresholds = thresholds.Select((t, k) => new ThresholdResult
                {
                    TargetFpr = t.TargetFpr,
                    Threshold = t.Threshold,
                    FalsePositives = t.FalsePositives,
                    Fpr = t.Fpr,
                    Resolvable = t.Resolvable,
                    BootstrapLow = boot[k].Length == 0 ? null : (int)ClusterBootstrap.Percentile(Sorted(boot[k]), 0.025),
                    BootstrapHigh = boot[k].Length == 0 ? null : (int)ClusterBootstrap.Percentile(Sorted(boot[k]), 0.975),
                }).ToList(),
                Auc = NullIfNaN(RobustnessMetrics.Auc(allPositives, pd.Negatives)),
            });

            int strictest = thresholds[^1].Threshold;
            bool memeAware = BenchAlgorithms.IsMemeAware(pd.Algorithm);
            foreach (GroupKey g in groups)
            {
                DistanceHistogram h = Histogram(pd, g.Items);
                int[] sample = g.Items.Select(i => pd.Positives[i]).ToArray();
                int? t95 = RobustnessMetrics.ThresholdForRecall(h, 0.95);
                results.Add(new GroupResult
                {
                    Algorithm = name,
                    Level = g.Level,
                    Family = g.Family,
                    Strength = g.Strength,
                    Variant = g.Variant,
                    Positives = (int)h.Total,
                    Unmatchable = (int)h.Unmatchable,
                    Recall = thresholds.Select((t, k) =>
                    {
                        (double low, double high) = ClusterBootstrap.RecallInterval(sample, boot[k],
                            BenchRandom.Derive(settings.Seed, $"positives/{name}/{g.Label}/{t.TargetFpr:R}"));
                        return new RecallResult
                        {
                            TargetFpr = t.TargetFpr,
                            Threshold = t.Threshold,
                            Recall = RobustnessMetrics.Recall(h, t.Threshold),
                            Low = NullIfNaN(low),
                            High = NullIfNaN(high),
                        };
                    }).ToList(),
                    StandardThreshold = standard,
                    RecallAtStandard = RobustnessMetrics.Recall(h, standard),
                    ThresholdFor95 = t95,
                    FprAtThresholdFor95 = t95 is int t ? pd.Negatives.RateAtOrBelow(t) : null,
                    MedianDistance = h.Quantile(0.5),
                    Auc = NullIfNaN(RobustnessMetrics.Auc(h, pd.Negatives)),
                    FoundViaRegion = memeAware
                        ? g.Items.Count(i => pd.Positives[i] <= strictest && pd.Evidence[i] is not (MatchEvidence.Full or MatchEvidence.None))
                        : null,
                    Histogram = h.Counts.ToArray(),
                });
            }
        }

        var negativesByKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
        int originals = items.Count(i => i.Role == CorpusRole.Original);
        foreach (CorpusItem item in items)
        {
            if (item.Role == CorpusRole.Original)
                continue;
            string kind = item.Role == CorpusRole.Edit ? "edit" : item.Family;
            negativesByKind[kind] = negativesByKind.GetValueOrDefault(kind) + (item.Role == CorpusRole.Edit ? originals - 1 : originals);
        }

        return new RobustnessReport
        {
            Corpus = new CorpusSummary
            {
                Directory = Path.GetFullPath(corpus.Directory),
                Tier = corpus.Tier,
                GeneratorSeed = corpus.Seed,
                Originals = originals,
                Edits = items.Count(i => i.Role == CorpusRole.Edit),
                Distractors = items.Count(i => i.Role == CorpusRole.Distractor),
                Failed = items.Select((item, i) => (item, h: hashes[i])).Where(x => x.h.Failed)
                    .Select(x => new FailedFile { File = x.item.File, Error = x.h.Error! }).ToList(),
            },
            Settings = new BenchSettings
            {
                Profile = settings.Profile.ToString().ToLowerInvariant(),
                MinQuality = settings.MinQuality,
                Seed = settings.Seed,
                Bootstrap = settings.Bootstrap,
                TargetFprs = [.. TargetFprs],
                Algorithms = settings.Algorithms.Select(BenchAlgorithms.Name).ToList(),
                Workers = settings.Workers,
                Command = settings.CommandLine,
            },
            Pairs = new PairSummary
            {
                Positives = groups[0].Items.Count,
                Negatives = distances.Count > 0 ? distances[0].Negatives.Total : 0,
                NegativesByQueryKind = new Dictionary<string, long>(negativesByKind, StringComparer.Ordinal),
                Definition = PairDefinition,
            },
            Algorithms = algorithms,
            Groups = results,
            Timings = Timings(hashes),
        };
    }

    private static DistanceHistogram Histogram(PairDistances pd, IReadOnlyList<int> items)
    {
        var h = new DistanceHistogram(BenchAlgorithms.Bits(pd.Algorithm));
        foreach (int i in items)
            h.Add(pd.Positives[i]);
        return h;
    }

    private static List<StageTiming> Timings(ItemHashes[] hashes)
    {
        ItemHashes[] ok = hashes.Where(h => !h.Failed).ToArray();
        return
        [
            Stage("decode", ok.Select(h => h.DecodeMs)),
            Stage("pdq", ok.Select(h => h.PdqMs)),
            Stage("pdq-dihedral", ok.Select(h => h.DihedralMs)),
            Stage("regions: find", ok.Select(h => h.FindMs)),
            Stage("regions: find + hash (dihedral)", ok.Select(h => h.RegionsMs)),
            Stage("ahash + dhash + phash", ok.Select(h => h.ClassicMs)),
            Stage("scan without regions (decode + pdq-dihedral)", ok.Select(h => h.DecodeMs + h.DihedralMs)),
            Stage("scan with regions (decode + pdq-dihedral + regions)", ok.Select(h => h.DecodeMs + h.DihedralMs + h.RegionsMs)),
        ];
    }

    private static StageTiming Stage(string name, IEnumerable<double> values)
    {
        double[] v = values.Order().ToArray();
        return new StageTiming
        {
            Stage = name,
            Images = v.Length,
            MeanMs = v.Length == 0 ? 0 : Math.Round(v.Average(), 3),
            MedianMs = v.Length == 0 ? 0 : Math.Round(ClusterBootstrap.Percentile(v, 0.5), 3),
            P95Ms = v.Length == 0 ? 0 : Math.Round(ClusterBootstrap.Percentile(v, 0.95), 3),
        };
    }

    private static double[] Sorted(int[] values)
    {
        double[] d = values.Select(v => (double)v).ToArray();
        Array.Sort(d);
        return d;
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
