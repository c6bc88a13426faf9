using System.CommandLine;
using System.Threading.Channels;
using Fingerprint.Cli.Inputs;
using Fingerprint.Cli.Processing;
using Fingerprint.Cli.Progress;
using Fingerprint.Hashing;
using Fingerprint.Matching;
using Fingerprint.Media;
using Fingerprint.Storage;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Commands;

/// <summary>
/// `fingerprint bank add`: hash known images, animations and videos and store them in a bank, in one transaction.
/// Each entry keeps the source path as given, its SHA-256 as content id, its quality, its regions and video frames;
/// videos and animations become vpdq entries (their sampled frames), videos also keep their TMK+PDQF features (the
/// .tmk file's bytes) as the entry payload unless --no-tmk.
/// </summary>
internal static class BankAddCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> db = CommonOptions.Db();
        var bank = new Option<string>("--bank", "-b") { Description = "Bank to add to (created if missing).", Required = true };
        var label = new Option<string?>("--label", "-l") { Description = "Label for every added entry (default: the file name)." };
        var campaign = new Option<string?>("--campaign") { Description = "Campaign recorded on every added entry." };
        var tags = new Option<string[]>("--tag") { Description = "Tag added to every entry (repeatable)." };
        var allowLow = new Option<bool>("--allow-low-quality")
        {
            Description = $"Add hashes below quality {MatchOptions.DefaultMinQuality} too (by default they are skipped: they cause false matches).",
        };
        var profile = new Option<DecodeProfile>("--profile", "-p")
        {
            Description = "Decode profile; use the one scans will use (Fast by default for both).",
            DefaultValueFactory = _ => DecodeProfile.Fast,
        };
        var ignoreExif = new Option<bool>("--ignore-exif") { Description = "Hash stored pixels, ignoring EXIF orientation." };
        var noRegions = new Option<bool>("--no-regions")
        {
            Description = "Index only each image's whole-image hash. By default the trimmed region (borders, letterbox, caption " +
                          "bands, screenshot bars peeled off) and its loose trim (\"content\": flat margins of sky or backdrop peeled " +
                          "too) are indexed as well, so a scan finds the image re-padded, re-captioned or screenshotted. " +
                          "Videos and animations are indexed by their whole sampled frames either way.",
        };
        var aspectCrops = new Option<bool>("--aspect-crops")
        {
            Description = "Also index centre crops to 1:1, 4:5, 3:4, 4:3, 16:9 and 9:16 (those that differ from the image's own " +
                          "shape): a photo cropped to fill a collage cell or a square post matches. About 4 more rows per photo.",
        };
        var indexPanels = new Option<bool>("--index-panels")
        {
            Description = "Also index every collage panel on its own: then a NEW collage that reuses ONE panel " +
                          "of a banked collage matches it. Off by default: such reuse is usually not the banked content.",
        };
        var seconds = new Option<double>("--seconds-per-frame")
        {
            Description = "Videos and animations: seconds between hashed frames (vPDQ; default 1).",
            DefaultValueFactory = _ => 1.0,
        };
        var noTmk = new Option<bool>("--no-tmk")
        {
            Description = "Videos: do not store TMK+PDQF features with the entry (by default they are computed, a second ffmpeg " +
                          "decode, and kept as the entry's payload, about 260 KB, for scan --tmk and export).",
        };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Parallel workers (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        Option<string?> fromList = CommonOptions.FromList();
        Option<ProgressMode> progress = CommonOptions.Progress();
        Argument<string[]> paths = CommonOptions.Paths("Images, animations, videos or directories (recursed).", ArgumentArity.ZeroOrMore);
        var command = new Command("add",
            "Hash files and add them to a bank in ONE transaction (all or nothing: Ctrl-C leaves the bank as before). Files " +
            "that fail to decode are reported on stderr and skipped; the others are added. Prints one line per added entry: " +
            "entry id, hash, quality, path.\n" +
            "Example: fingerprint bank add --db banks.db --bank hk2019 --campaign hk2019 --label \"comparison meme\" known/")
        {
            db, bank, label, campaign, tags, allowLow, profile, ignoreExif, noRegions, aspectCrops, indexPanels, seconds, noTmk, jobs,
            fromList, progress, paths,
        };
        command.SetAction(async (parse, ct) =>
        {
            string[] inputs = parse.GetValue(paths) ?? [];
            string? list = parse.GetValue(fromList);
            if (inputs.Length == 0 && list is null)
                throw new CliException(ExitCode.UsageError, "bank add: give at least one PATH or --from-list FILE");
            var processing = new ProcessingOptions
            {
                Profile = parse.GetValue(profile),
                ApplyExif = parse.GetValue(ignoreExif) ? false : null,
                Dihedral = false,
                Regions = EntryScope(parse.GetValue(noRegions), parse.GetValue(aspectCrops), parse.GetValue(indexPanels)),
                FrameRegions = false,   // a video entry is stored and matched by its whole frames (ToEntry)
                SecondsPerFrame = parse.GetValue(seconds),
                Tmk = !parse.GetValue(noTmk),
            };
            var settings = new AddSettings(parse.GetValue(bank)!, parse.GetValue(label), parse.GetValue(campaign),
                parse.GetValue(tags) ?? [], parse.GetValue(allowLow));
            int workers = Math.Clamp(parse.GetValue(jobs), 1, 256);
            return await StoreAccess.RunAsync(parse.GetValue(db)!, mustExist: false, ct: ct, action: async store =>
            {
                if (await store.GetBankAsync(settings.Bank, ct) is null)
                {
                    try
                    {
                        await store.CreateBankAsync(settings.Bank, null, ct);
                    }
                    catch (ArgumentException ex)
                    {
                        throw new CliException(ExitCode.UsageError, ex.Message, ex);
                    }
                    await context.Stderr.WriteLineAsync($"created bank '{settings.Bank}'");
                }
                return await AddAsync(context, store, settings, processing, inputs, list, workers, parse.GetValue(progress), ct);
            });
        });
        return command;
    }

    /// <summary>
    /// The regions indexed per entry: the trimmed region by default (<see cref="RegionScope.Entry"/>; on since its cost
    /// was measured, benchmarks/RESULTS.md "Robustness"), plus aspect crops and panels on request.
    /// </summary>
    private static RegionScope EntryScope(bool noRegions, bool aspectCrops, bool indexPanels)
    {
        if (noRegions && (aspectCrops || indexPanels))
            throw new CliException(ExitCode.UsageError, "bank add: --no-regions contradicts --aspect-crops and --index-panels");
        if (noRegions)
            return RegionScope.None;
        RegionScope scope = RegionScope.Entry;
        if (aspectCrops)
            scope |= RegionScope.AspectCrops;
        if (indexPanels)
            scope |= RegionScope.Panels;
        return scope;
    }

    private sealed record AddSettings(string Bank, string? Label, string? Campaign, IReadOnlyList<string> Tags, bool AllowLowQuality);

    private static async Task<int> AddAsync(CliContext context, IBankStore store, AddSettings settings, ProcessingOptions processing,
        string[] inputs, string? list, int workers, ProgressMode progressMode, CancellationToken ct)
    {
        var entries = Channel.CreateBounded<(NewEntry Entry, string Path)>(256);
        var accepted = new List<(string Path, string Hash, int? Quality)>();
        long failed = 0, lowQuality = 0;
        bool dependencyMissing = false;
        var reporter = new ProgressReporter(context.Stderr, progressMode, "files");

        Task<long> producer = reporter.RunAsync(async () =>
        {
            try
            {
                return await OrderedPipeline.RunAsync(
                    InputEnumerator.Expand(inputs, list, context.Stdin),
                    workers,
                    window: workers * 16,
                    () => new MediaProcessor(processing),
                    (p, path, token) => p.ProcessAsync(path, token),
                    async m =>
                    {
                        reporter.Completed(m.Failed, matched: false);
                        if (m.Error is { } e)
                        {
                            failed++;
                            dependencyMissing |= e.IsDependencyMissing;
                            await context.Stderr.WriteLineAsync($"{m.Path}: {e.Code}: {e.Message}");
                            return;
                        }
                        NewEntry? entry = ToEntry(m, settings, out string? skipReason);
                        if (entry is null)
                        {
                            lowQuality++;
                            await context.Stderr.WriteLineAsync($"{m.Path}: skipped: {skipReason}");
                            return;
                        }
                        await entries.Writer.WriteAsync((entry, m.Path), ct);
                    },
                    reporter.SetTotal,
                    ct);
            }
            catch (Exception ex)
            {
                // Fail the reader too, so the transaction rolls back instead of committing a partial add.
                entries.Writer.TryComplete(ex);
                throw;
            }
            finally
            {
                entries.Writer.TryComplete();
            }
        });

        var order = new List<(NewEntry Entry, string Path)>();
        AddResult result = await store.AddEntriesAsync(settings.Bank, Read(), outcome =>
        {
            (NewEntry entry, string path) = order[outcome.Index];
            string hash = entry.Hash.IsEmpty ? $"{entry.Frames.Count} frames" : entry.Hash.ToString();
            context.Stdout.WriteLine(outcome.AlreadyPresent
                ? $"{outcome.EntryId},{hash},{entry.Quality},{path},already-present"
                : $"{outcome.EntryId},{hash},{entry.Quality},{path}");
        }, ct);
        await producer;

        await context.Stderr.WriteLineAsync(
            $"bank '{settings.Bank}': added {result.Added:N0}, already present {result.Duplicates:N0}, " +
            $"skipped (low quality) {lowQuality:N0}, failed {failed:N0}");
        if (dependencyMissing)
            return (int)ExitCode.DependencyMissing;
        return failed > 0 ? (int)ExitCode.InputError : (int)ExitCode.Success;

        async IAsyncEnumerable<NewEntry> Read()
        {
            await foreach ((NewEntry entry, string path) in entries.Reader.ReadAllAsync(ct))
            {
                order.Add((entry, path));
                yield return entry;
            }
        }
    }

    private static NewEntry? ToEntry(ProcessedMedia m, AddSettings s, out string? skipReason)
    {
        skipReason = null;
        string label = s.Label ?? Path.GetFileName(m.Path);
        var frames = new List<EntryFrame>();
        if (m.Frames is { } fs)
        {
            foreach (VpdqFrameHash f in fs)
            {
                if (s.AllowLowQuality || f.Quality >= MatchOptions.DefaultMinQuality)
                    frames.Add(new EntryFrame(f.FrameNumber, f.TimestampSeconds, f.Quality, f.Hash));
            }
        }
        var regions = new List<EntryRegion>();
        if (m.Regions is { } rs)
        {
            foreach (RegionHash r in rs)
            {
                // A video entry is matched by its frames; regions of its frames are not hashed (FrameRegions = false).
                if (r.Frame is null && (s.AllowLowQuality || r.Hashes.Quality >= MatchOptions.DefaultMinQuality))
                    regions.Add(new EntryRegion(r.Name, r.X, r.Y, r.Width, r.Height, r.Hashes.Orig, r.Hashes.Quality));
            }
        }
        BankHash hash;
        int? quality;
        if (m.Kind is MediaKind.Video or MediaKind.Animation)
        {
            // Animated GIF/WebP are videos (DESIGN.md §3): a vPDQ entry with the sampled frames (frame 0 included). A
            // pdq entry cannot hold frames; the store refuses one, which used to abort the whole add.
            if (frames.Count == 0)
            {
                skipReason = $"no frame of quality >= {MatchOptions.DefaultMinQuality} (--allow-low-quality to add anyway)";
                return null;
            }
            hash = BankHash.None(BankHashType.Vpdq);
            quality = null;
        }
        else if (m.Pdq is HashResult pdq)
        {
            if (!s.AllowLowQuality && pdq.Quality < MatchOptions.DefaultMinQuality && frames.Count == 0)
            {
                skipReason = $"quality {pdq.Quality} is below {MatchOptions.DefaultMinQuality} (--allow-low-quality to add anyway)";
                return null;
            }
            hash = BankHash.Pdq(pdq.Hash);
            quality = pdq.Quality;
        }
        else
        {
            skipReason = "no hash";
            return null;
        }
        return new NewEntry(hash)
        {
            Quality = quality,
            ContentId = m.Sha256,
            Label = label,
            Source = m.Path,
            Campaign = s.Campaign,
            Tags = s.Tags,
            Regions = regions,
            Frames = frames,
            Payload = m.Tmk?.ToBytes(),
        };
    }
}
