using System.CommandLine;
using Fingerprint.Cli.Inputs;
using Fingerprint.Cli.Output;
using Fingerprint.Cli.Processing;
using Fingerprint.Cli.Progress;
using Fingerprint.Cli.Scanning;
using Fingerprint.Matching;
using Fingerprint.Media;
using Fingerprint.Storage;
using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Commands;

/// <summary>
/// `fingerprint scan`: the main job. enumerate -> read -> sniff -> decode (fast profile) -> hash (8 dihedral variants,
/// regions, video frames) -> index lookup -> write, both cores busy, memory flat, resumable, never stopped by a bad file.
/// </summary>
internal static class ScanCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> db = CommonOptions.Db();
        var banks = new Option<string[]>("--bank", "-b")
        {
            HelpName = "NAME",
            Description = "Bank to match against (repeatable). Default: every bank in the database.",
            AllowMultipleArgumentsPerToken = false,
        };
        var threshold = new Option<int>("--threshold", "-t")
        {
            Description = "Largest PDQ Hamming distance that counts as a match (inclusive; the reference's 31).",
            HelpName = "BITS",
            DefaultValueFactory = _ => MatchOptions.DefaultMaxDistance,
        };
        var minQuality = new Option<int>("--min-quality")
        {
            Description = "Quality gate: uploads (and frames) below it are reported as low quality, not matched.",
            DefaultValueFactory = _ => MatchOptions.DefaultMinQuality,
        };
        var matchLow = new Option<bool>("--match-low-quality") { Description = "Match uploads below the quality gate anyway (flagged lowQuality)." };
        var noDihedral = new Option<bool>("--no-dihedral") { Description = "Match only the upload's original orientation (no mirrored/rotated variants)." };
        Option<OutputFormat> format = CommonOptions.Format(OutputFormat.Jsonl);
        Option<string?> fromList = CommonOptions.FromList();
        var journal = new Option<string?>("--journal")
        {
            Description = "Resume file: inputs already recorded there are skipped, finished ones are appended. Rerun the same " +
                          "command after a kill or Ctrl-C and the outputs of both runs together equal one uninterrupted run.",
            HelpName = "FILE",
        };
        var profile = new Option<DecodeProfile>("--profile", "-p")
        {
            Description = "Decode profile: Fast (DCT-scaled JPEG decode, EXIF applied; default) or the reference profiles FullRes/Cli512. " +
                          "Use the same profile as the bank was built with (bank add defaults to Fast too).",
            DefaultValueFactory = _ => DecodeProfile.Fast,
            HelpName = "fast|fullres|cli512",
        };
        var ignoreExif = new Option<bool>("--ignore-exif") { Description = "Hash stored pixels, ignoring EXIF orientation." };
        var noRegions = new Option<bool>("--no-regions")
        {
            Description = "Match only each upload's whole image (videos and GIFs: whole sampled frames only). By default its " +
                          "trimmed region (borders, letterbox, caption bands and screenshot bars peeled off), its loose trim (\"content\"), " +
                          "its collage panels and " +
                          "panel groups are matched too, in stills and sampled video frames, and a match names the region " +
                          "(measured cost: benchmarks/RESULTS.md, \"Robustness\").",
        };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Parallel workers (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        Option<ProgressMode> progress = CommonOptions.Progress();
        var seconds = new Option<double>("--seconds-per-frame")
        {
            Description = "Videos and animations: seconds between sampled frames (vPDQ; default 1).",
            DefaultValueFactory = _ => 1.0,
        };
        var videoTimeout = new Option<int>("--video-timeout")
        {
            Description = "Seconds without progress after which a video's ffmpeg is killed and the file reported as timed out " +
                          "(also the longest its ffprobe may run).",
            DefaultValueFactory = _ => 60,
        };
        var vpdqMode = new Option<VpdqMatchMode>("--vpdq-mode")
        {
            Description = "Video uploads against video entries: whose vPDQ match percentages to report. ThreatExchange (default; " +
                          "python-threatexchange/HMA: identical hashes de-duplicated, quality >= 50, distance <= threshold) or Cpp " +
                          "(the C++ match-hashes-brute: no de-duplication, distance < threshold). A video match is query >= 80 % " +
                          "and target >= 0 % (JSON: queryPercent, targetPercent, vpdqMatch).",
            DefaultValueFactory = _ => VpdqMatchMode.ThreatExchange,
        };
        var tmk = new Option<bool>("--tmk")
        {
            Description = "Also compute TMK+PDQF for video uploads (a second ffmpeg decode, 15 fps 64x64) and score them against " +
                          "every video entry holding TMK features (bank add stores them): level 1 and level 2 with the reference " +
                          "thresholds 0.7 / 0.7 (JSON: tmkLevel1, tmkLevel2, tmkMatch). A TMK match with no matching frame is " +
                          "reported too.",
        };
        var ffmpeg = new Option<string?>("--ffmpeg") { Description = "ffmpeg binary (default: $FINGERPRINT_FFMPEG, then PATH).", HelpName = "PATH" };
        var maxPixels = new Option<long>("--max-pixels")
        {
            Description = "Refuse images with more pixels than this (decompression bombs), checked before decoding.",
            DefaultValueFactory = _ => MediaLimits.Default.MaxPixels,
        };
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Refuse image files larger than this many bytes.",
            DefaultValueFactory = _ => MediaLimits.Default.MaxBytes,
        };
        Argument<string[]> paths = CommonOptions.Paths("Files or directories (recursed) to scan.", ArgumentArity.ZeroOrMore);
        var command = new Command("scan",
            "Scan uploads against banks of known imagery: every upload that re-uses a known image (re-encoded, resized, " +
            "mirrored, rotated, cropped a little, or inside a video or GIF) is reported with its evidence: bank, entry, label, " +
            "source, distance, threshold, margin, which variant and region matched, and for videos when.\n" +
            "Videos and GIFs: sampled frames (--seconds-per-frame) are matched whole and by their regions, as stills are: the " +
            "picture inside borders (a picture shown smaller on a plain background, letterbox bars: region \"trimmed\"), " +
            "collage panels and panel groups; with --no-regions, frames are matched whole only. Against video entries the " +
            "record adds vPDQ's match percentages (--vpdq-mode, default ThreatExchange) and, with --tmk, the TMK scores.\n" +
            "Output: one JSON object per input (default), or --format csv|text. Progress and a summary go to stderr.\n" +
            "Exit codes: 0 a match was found, 1 no match, 3 some inputs failed (their records say why), 4 a dependency is " +
            "missing, 5 database error, 130 canceled.\n" +
            "Examples:\n" +
            "  fingerprint scan --db banks.db uploads/ > results.jsonl\n" +
            "  fingerprint scan --db banks.db --bank hk2019 --journal night.journal uploads/ >> results.jsonl\n" +
            "  find /srv/uploads -newer last-run | fingerprint scan --db banks.db --from-list - -f csv > matches.csv")
        {
            db, banks, threshold, minQuality, matchLow, noDihedral, format, fromList, journal, profile, ignoreExif, noRegions, jobs,
            progress, seconds, videoTimeout, vpdqMode, tmk, ffmpeg, maxPixels, maxBytes, paths,
        };
        command.SetAction(async (parse, ct) =>
        {
            string[] inputs = parse.GetValue(paths) ?? [];
            string? list = parse.GetValue(fromList);
            if (inputs.Length == 0 && list is null)
                throw new CliException(ExitCode.UsageError, "scan: give at least one PATH or --from-list FILE (see fingerprint scan --help)");
            int t = parse.GetValue(threshold);
            if (t is < 0 or > 256)
                throw new CliException(ExitCode.UsageError, "scan: --threshold must be between 0 and 256");
            var matchOptions = new MatchOptions
            {
                MaxDistance = t,
                MinQuality = parse.GetValue(minQuality),
                MatchLowQuality = parse.GetValue(matchLow),
                Dihedral = !parse.GetValue(noDihedral),
            };
            var processing = new ProcessingOptions
            {
                Profile = parse.GetValue(profile),
                ApplyExif = parse.GetValue(ignoreExif) ? false : null,
                Dihedral = matchOptions.Dihedral,
                Regions = parse.GetValue(noRegions) ? RegionScope.None : RegionScope.Query,
                SecondsPerFrame = parse.GetValue(seconds),
                Tmk = parse.GetValue(tmk),
                FfmpegPath = parse.GetValue(ffmpeg),
                Ffmpeg = Media.Ffmpeg.FfmpegOptions.Default with
                {
                    StallTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(videoTimeout))),
                    ProbeTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(videoTimeout))),
                },
                Limits = MediaLimits.Default with { MaxPixels = parse.GetValue(maxPixels), MaxBytes = parse.GetValue(maxBytes) },
            };
            string[] bankNames = parse.GetValue(banks) ?? [];
            int workers = Math.Clamp(parse.GetValue(jobs), 1, 256);
            string dbPath = parse.GetValue(db)!;
            return await StoreAccess.RunAsync(dbPath, mustExist: true, ct: ct, action: store =>
                RunScanAsync(context, store, bankNames, matchOptions, VpdqMatchOptions.Default with { Mode = parse.GetValue(vpdqMode), DistanceThreshold = t },
                    processing, parse.GetValue(format), inputs, list,
                    parse.GetValue(journal), workers, parse.GetValue(progress), ct));
        });
        return command;
    }

    private static async Task<int> RunScanAsync(
        CliContext context, IBankStore store, string[] bankNames, MatchOptions matchOptions, VpdqMatchOptions vpdqOptions, ProcessingOptions processing,
        OutputFormat format, string[] inputs, string? list, string? journalPath, int workers, ProgressMode progressMode,
        CancellationToken ct)
    {
        TextWriter err = context.Stderr;
        using LoadedBanks loaded = await BankIndexLoader.LoadAsync(store, bankNames.Length == 0 ? null : bankNames, err, ct);
        if (loaded.Index.Count == 0)
            await err.WriteLineAsync("warning: the selected banks hold no searchable hashes; nothing can match");
        var matcher = new ScanMatcher(loaded.Index, matchOptions);
        VideoEvidenceMatcher video = await VideoEvidenceMatcher.CreateAsync(store, loaded.BankNames, vpdqOptions, TmkThresholds.Default,
            processing.Tmk, matchOptions, err, ct);
        var details = new EntryDetails(store);
        var duplicates = new DuplicateCache(capacity: 200_000);
        ScanJournal? journal = null;
        try
        {
            journal = journalPath is null ? null : OpenJournal(journalPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliException(ExitCode.UsageError, $"cannot use journal '{journalPath}': {ex.Message}", ex);
        }
        using ScanJournal? journalScope = journal;
        if (journal is { PreviouslyDone: > 0 })
            await err.WriteLineAsync($"resuming: {journal.PreviouslyDone:N0} inputs already done according to {journalPath}");

        var writer = new ScanWriter(context.Stdout, err, format);
        var reporter = new ProgressReporter(err, progressMode, "files");
        var summary = new ScanSummary();
        long skipped = 0;
        IEnumerable<string> todo = InputEnumerator.Expand(inputs, list, context.Stdin).Where(p =>
        {
            if (journal?.IsDone(p) != true)
                return true;
            Interlocked.Increment(ref skipped);
            return false;
        });

        int sinceFlush = 0;
        bool canceled = false;
        writer.WriteHeader();
        try
        {
            await reporter.RunAsync(() => OrderedPipeline.RunAsync(
                todo,
                workers,
                window: workers * 32,
                () => new MediaProcessor(processing) { DuplicateLookup = duplicates.Find },
                async (p, path, token) =>
                {
                    ProcessedMedia media;
                    try
                    {
                        media = await p.ProcessAsync(path, token);
                    }
                    catch (OperationCanceledException)
                    {
                        duplicates.Abort();   // a claim this input held is never completed: wake whoever waits on it
                        throw;
                    }
                    duplicates.Remember(media);
                    ScanOutcome outcome = await video.AddEvidenceAsync(matcher.Match(media), token);
                    IReadOnlyDictionary<long, BankEntry> entries = outcome.Matched
                        ? await details.GetAsync(outcome.Matches.Select(m => m.EntryId), token)
                        : s_noEntries;
                    return (outcome, entries);
                },
                item =>
                {
                    writer.Write(item.outcome, item.entries);
                    summary.Add(item.outcome);
                    reporter.Completed(item.outcome.Media.Failed, item.outcome.Matched);
                    if (journal is not null)
                    {
                        journal.MarkDone(item.outcome.Media.Path);
                        if (++sinceFlush >= 64)
                        {
                            // Output first, then the journal: an input is journaled only once its record is out.
                            writer.Flush();
                            journal.Flush();
                            sinceFlush = 0;
                        }
                    }
                    return ValueTask.CompletedTask;
                },
                reporter.SetTotal,
                ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            canceled = true;
        }
        writer.Flush();
        journal?.Flush();

        summary.Write(err, reporter.Elapsed, Interlocked.Read(ref skipped), duplicates.Hits, loaded, matchOptions, canceled);
        if (canceled)
            return (int)ExitCode.Canceled;
        if (summary.DependencyMissing)
            return (int)ExitCode.DependencyMissing;
        if (summary.Failed > 0)
            return (int)ExitCode.InputError;
        return summary.Matched > 0 ? (int)ExitCode.Success : (int)ExitCode.NoMatch;
    }

    private static readonly IReadOnlyDictionary<long, BankEntry> s_noEntries = new Dictionary<long, BankEntry>();

    private static ScanJournal OpenJournal(string path) => ScanJournal.Open(path);
}
