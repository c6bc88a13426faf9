using System.CommandLine;
using Fingerprint.Cli.Bench;
using Fingerprint.Cli.Progress;
using Fingerprint.Matching;
using Fingerprint.Media;

namespace Fingerprint.Cli.Commands;

/// <summary>
/// `fingerprint bench`: measurements for researchers. `bench robustness` scores every algorithm against every edit
/// family of a labelled corpus (testmedia/generate.py) at fixed false-positive rates (<see cref="RobustnessBench"/>).
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var bench = new Command("bench", "Benchmarks for researchers (robustness of each hash to each edit).");
        bench.Add(CreateRobustness(context));
        return bench;
    }

    private static Command CreateRobustness(CliContext context)
    {
        var corpus = new Option<string>("--corpus", "-c")
        {
            Description = "A generated corpus directory (with manifest.jsonl): e.g. testmedia/generated/smoke.",
            HelpName = "DIR",
            Required = true,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the bootstrap intervals (the same seed gives the same report, timings aside).",
            DefaultValueFactory = _ => 1,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Directory for report.html, results.csv, results.json, summary.md, positives.csv and closest-negatives.csv (created; files replaced).",
            HelpName = "DIR",
            DefaultValueFactory = _ => "robustness-report",
        };
        var algorithms = new Option<string[]>("--algorithms", "-a")
        {
            Description = "Algorithms to score (comma-separated or repeated): " + string.Join(", ", BenchAlgorithms.All.Select(BenchAlgorithms.Name)) + ". Default: all.",
            HelpName = "NAME[,NAME...]",
            AllowMultipleArgumentsPerToken = true,
        };
        var profile = new Option<DecodeProfile>("--profile", "-p")
        {
            Description = "Decode profile: fast (the scan's, default), fullres or cli512.",
            HelpName = "fast|fullres|cli512",
            DefaultValueFactory = _ => DecodeProfile.Fast,
        };
        var minQuality = new Option<int>("--min-quality")
        {
            Description = "PDQ quality gate: hashes below it are not used, as in a scan (default 50; 0 uses every hash).",
            DefaultValueFactory = _ => MatchOptions.DefaultMinQuality,
        };
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap resamples for the 95% intervals (default 200; 0 = none).",
            DefaultValueFactory = _ => 200,
        };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Parallel workers (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        Option<ProgressMode> progress = CommonOptions.Progress();
        var command = new Command("robustness",
            "Which hash survives which edit, at what false-positive rate: for every algorithm and edit family of a corpus, recall at " +
            "the thresholds fixed on the negatives for FPR 1e-3 and 1e-4 and at the standard threshold (PDQ 31, classic 10), the " +
            "threshold needed for 95% recall, distance distributions and ROC curves. Writes report.html (self-contained), " +
            "results.csv, results.json, summary.md, positives.csv (every positive pair) and closest-negatives.csv; prints a summary. " +
            "Positive pairs: (edit, its original); negative pairs: (edit or distractor, every other original). One command for a " +
            "whole tier from a fresh clone: benchmarks/robustness.sh [smoke|standard|extended].\n" +
            "Examples:\n" +
            "  /usr/bin/python3 testmedia/generate.py --tier smoke --if-stale\n" +
            "  fingerprint bench robustness --corpus testmedia/generated/smoke --out robustness-smoke\n" +
            "  fingerprint bench robustness -c testmedia/generated/standard -a pdq,pdq-meme --seed 7")
        {
            corpus, seed, output, algorithms, profile, minQuality, bootstrap, jobs, progress,
        };
        command.SetAction(async (parse, ct) =>
        {
            List<BenchAlgorithm> chosen = ParseAlgorithms(parse.GetValue(algorithms));
            int q = parse.GetValue(minQuality);
            if (q is < 0 or > 100)
                throw new CliException(ExitCode.UsageError, "bench robustness: --min-quality must be between 0 and 100");
            int b = parse.GetValue(bootstrap);
            if (b is < 0 or > 100_000)
                throw new CliException(ExitCode.UsageError, "bench robustness: --bootstrap must be between 0 and 100000");
            string dir = parse.GetValue(corpus)!;
            if (!Directory.Exists(dir))
                throw new CliException(ExitCode.UsageError, $"bench robustness: corpus directory '{dir}' does not exist");
            var settings = new RobustnessSettings
            {
                Corpus = dir,
                OutputDirectory = parse.GetValue(output)!,
                Seed = parse.GetValue(seed),
                Algorithms = chosen,
                Profile = parse.GetValue(profile),
                MinQuality = q,
                Bootstrap = b,
                Workers = Math.Clamp(parse.GetValue(jobs), 1, 256),
                Progress = parse.GetValue(progress),
                CommandLine = "fingerprint " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };
            try
            {
                await RobustnessBench.RunAsync(context, settings, ct);
            }
            catch (NativeDependencyException ex)
            {
                throw new CliException(ExitCode.DependencyMissing, ex.Message, ex);
            }
            catch (IOException ex)
            {
                throw new CliException(ExitCode.InputError, $"bench robustness: {ex.Message}", ex);
            }
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static List<BenchAlgorithm> ParseAlgorithms(string[]? values)
    {
        if (values is null || values.Length == 0)
            return [.. BenchAlgorithms.All];
        var chosen = new List<BenchAlgorithm>();
        foreach (string value in values)
        {
            foreach (string name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!BenchAlgorithms.TryParse(name, out BenchAlgorithm a))
                {
                    throw new CliException(ExitCode.UsageError,
                        $"bench robustness: unknown algorithm '{name}' (known: {string.Join(", ", BenchAlgorithms.All.Select(BenchAlgorithms.Name))})");
                }
                if (!chosen.Contains(a))
                    chosen.Add(a);
            }
        }
        return chosen.Order().ToList();
    }
}
