using System.CommandLine;
using System.Text.Json;
using Fingerprint.Cli.Inputs;
using Fingerprint.Cli.Output;
using Fingerprint.Cli.Processing;
using Fingerprint.Cli.Progress;
using Fingerprint.Hashing;
using Fingerprint.Media;

namespace Fingerprint.Cli.Commands;

/// <summary>
/// `fingerprint hash`: PDQ hashes of images, animations and videos. The default profile (fullres) prints exactly what
/// Meta's reference core gives (python-threatexchange, HMA, the Java reference); cli512 exactly what pdq-photo-hasher
/// prints; fast is the scan profile (DCT-scaled JPEG decode, EXIF applied).
/// </summary>
internal static class HashCommand
{
    public static Command Create(CliContext context)
    {
        var profile = new Option<DecodeProfile>("--profile", "-p")
        {
            Description = "FullRes: the PDQ core on the whole image (python-threatexchange/HMA hashes). Cli512: nearest-neighbour " +
                          "to 512x512 first (what pdq-photo-hasher prints). Fast: DCT-scaled JPEG decode (the scan profile). " +
                          "FullRes and Cli512 ignore EXIF orientation, as the reference tools do; Fast applies it.",
            DefaultValueFactory = _ => DecodeProfile.FullRes,
        };
        var dihedral = new Option<bool>("--dihedral") { Description = "Also print the 8 dihedral variants (orig, rot90, rot180, rot270, flipx, flipy, flipp, flipm)." };
        var applyExif = new Option<bool>("--apply-exif") { Description = "Rotate/flip by the EXIF orientation before hashing (default for --profile fast)." };
        var ignoreExif = new Option<bool>("--ignore-exif") { Description = "Hash the stored pixels, ignoring EXIF orientation (default for fullres/cli512)." };
        Option<OutputFormat> format = CommonOptions.Format(OutputFormat.Text);
        Option<string?> fromList = CommonOptions.FromList();
        Option<ProgressMode> progress = CommonOptions.Progress();
        var jobs = new Option<int>("--jobs", "-j") { Description = "Parallel workers (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seconds = new Option<double>("--seconds-per-frame")
        {
            Description = "Videos and animations: seconds between hashed frames (vPDQ sampling; 0 = every frame).",
            DefaultValueFactory = _ => 1.0,
        };
        var tmk = new Option<bool>("--tmk")
        {
            Description = "Videos: also compute TMK+PDQF (a second ffmpeg decode: 15 fps, 64x64, exactly the reference's tmk-hash-video) " +
                          "and print a summary line per video: tmk,frames=N,fps=15,PATH (JSON: a tmk object).",
        };
        var tmkOut = new Option<string?>("--tmk-out")
        {
            Description = "Write each video's TMK+PDQF features to DIR/<name>.tmk, the reference's binary format (implies --tmk).",
            HelpName = "DIR",
        };
        var vpdqOut = new Option<string?>("--vpdq-out")
        {
            Description = "Write each video's (and animation's) vPDQ frames to DIR/<name>.txt in the reference's format " +
                          "(frame,quality,hash,timestamp), as vpdq-hash-video does; --seconds-per-frame 0 gives its -r 0 (every frame).",
            HelpName = "DIR",
        };
        Argument<string[]> paths = CommonOptions.Paths("Image, animation or video files, or directories (recursed).", ArgumentArity.ZeroOrMore);
        var command = new Command("hash",
            "Compute PDQ hashes. Text output mirrors pdq-photo-hasher: hash,quality,path (with --dihedral: the 8 hashes, " +
            "quality, path); videos print one line per sampled frame: hash,quality,path#frame=N,t=SECONDS.\n" +
            "A file that fails is reported (stderr in text mode, an error field in csv/jsonl) and the run goes on; the exit " +
            "code is then 3.\n" +
            "Examples:\n" +
            "  fingerprint hash photo.jpg\n" +
            "  fingerprint hash --profile cli512 --dihedral photos/\n" +
            "  find uploads -name '*.jpg' | fingerprint hash --from-list - -f jsonl > hashes.jsonl\n" +
            "  fingerprint hash --seconds-per-frame 0 --vpdq-out vpdq/ --tmk-out tmk/ clips/")
        {
            profile, dihedral, applyExif, ignoreExif, format, fromList, progress, jobs, seconds, tmk, tmkOut, vpdqOut, paths,
        };
        command.SetAction(async (parse, ct) =>
        {
            string[] inputs = parse.GetValue(paths) ?? [];
            string? list = parse.GetValue(fromList);
            if (inputs.Length == 0 && list is null)
                throw new CliException(ExitCode.UsageError, "hash: give at least one PATH or --from-list FILE (see fingerprint hash --help)");
            if (parse.GetValue(applyExif) && parse.GetValue(ignoreExif))
                throw new CliException(ExitCode.UsageError, "hash: --apply-exif and --ignore-exif contradict each other");
            int workers = Math.Clamp(parse.GetValue(jobs), 1, 256);
            bool withDihedral = parse.GetValue(dihedral);
            var options = new ProcessingOptions
            {
                Profile = parse.GetValue(profile),
                ApplyExif = parse.GetValue(applyExif) ? true : parse.GetValue(ignoreExif) ? false : null,
                Dihedral = withDihedral,
                SecondsPerFrame = parse.GetValue(seconds),
                Tmk = parse.GetValue(tmk) || parse.GetValue(tmkOut) is not null,
            };
            if (options.SecondsPerFrame < 0)
                throw new CliException(ExitCode.UsageError, "hash: --seconds-per-frame must be >= 0");
            OutputFormat fmt = parse.GetValue(format);
            var files = new VideoHashFiles(parse.GetValue(tmkOut), parse.GetValue(vpdqOut));
            var writer = new HashWriter(context, fmt, withDihedral, options.Tmk, files.WritesVpdq);
            var reporter = new ProgressReporter(context.Stderr, parse.GetValue(progress), "files");
            long failed = 0;
            bool dependencyMissing = false;
            await reporter.RunAsync(async () =>
            {
                writer.WriteHeader();
                return await OrderedPipeline.RunAsync(
                    InputEnumerator.Expand(inputs, list, context.Stdin),
                    workers,
                    window: workers * 16,
                    () => new MediaProcessor(options),
                    (p, path, token) => p.ProcessAsync(path, token),
                    m =>
                    {
                        files.Write(m);
                        writer.Write(m);
                        if (m.Failed)
                        {
                            failed++;
                            dependencyMissing |= m.Error!.IsDependencyMissing;
                        }
                        reporter.Completed(m.Failed, matched: false);
                        return ValueTask.CompletedTask;
                    },
                    reporter.SetTotal,
                    ct);
            });
            if (reporter.Mode == ProgressMode.Plain && reporter.Elapsed > TimeSpan.FromSeconds(5))
                reporter.WritePlainLine();
            if (dependencyMissing)
                return (int)ExitCode.DependencyMissing;
            return failed > 0 ? (int)ExitCode.InputError : (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>Writes hash results in the chosen format (called in input order, on one thread).</summary>
    private sealed class HashWriter(CliContext context, OutputFormat format, bool dihedral, bool tmk, bool vpdqFiles)
    {
        private static readonly string[] s_variantNames =
            Enumerable.Range(0, 8).Select(v => ((DihedralVariant)v).ToName()).ToArray();

        public void WriteHeader()
        {
            if (format != OutputFormat.Csv)
                return;
            var columns = new List<string> { "path", "pdq", "quality" };
            if (dihedral)
                columns.AddRange(s_variantNames.Skip(1));
            columns.AddRange(["kind", "format", "width", "height", "frame", "timestamp", "sha256", "error"]);
            if (tmk)
                columns.AddRange(["tmk_frames", "tmk_file"]);
            if (vpdqFiles)
                columns.Add("vpdq_file");
            context.Stdout.WriteLine(string.Join(',', columns));
        }

        public void Write(ProcessedMedia m)
        {
            switch (format)
            {
                case OutputFormat.Jsonl:
                    MediaRecord record = RecordMapper.ToRecord(m, dihedral, qualityGate: null);
                    if (record.Tmk is { } t && m.TmkFile is not null)
                        record.Tmk = new TmkRecord { Frames = t.Frames, FramesPerSecond = t.FramesPerSecond, File = m.TmkFile };
                    record.VpdqFile = m.VpdqFile;
                    context.Stdout.WriteLine(JsonSerializer.Serialize(record, CliJsonContext.Default.MediaRecord));
                    break;
                case OutputFormat.Csv:
                    WriteCsv(m);
                    break;
                default:
                    WriteText(m);
                    break;
            }
        }

        private void WriteText(ProcessedMedia m)
        {
            if (m.Error is not null)
            {
                context.Stderr.WriteLine($"{m.Path}: {m.Error.Code}: {m.Error.Message}");
                return;
            }
            if (m.Frames is { } frames && m.Kind == MediaKind.Video)
            {
                foreach (var f in frames)
                    context.Stdout.WriteLine($"{f.Hash},{f.Quality},{m.Path}#frame={f.FrameNumber},t={RecordMapper.Invariant(f.TimestampSeconds)}");
                if (m.Tmk is { } features)
                {
                    context.Stdout.WriteLine($"tmk,frames={features.FrameFeatureCount},fps={features.Parameters.FramesPerSecond},{m.Path}" +
                                             (m.TmkFile is null ? "" : $",{m.TmkFile}"));
                }
                return;
            }
            if (m.Pdq is not HashResult pdq)
                return;
            if (dihedral && m.Dihedral is DihedralHashes d)
                context.Stdout.WriteLine($"{string.Join(',', d.ToArray())},{pdq.Quality},{m.Path}");
            else
                context.Stdout.WriteLine($"{pdq.Hash},{pdq.Quality},{m.Path}");
        }

        private void WriteCsv(ProcessedMedia m)
        {
            string kind = m.Kind == MediaKind.Unknown ? "" : m.Kind.ToString().ToLowerInvariant();
            string error = m.Error is null ? "" : $"{m.Error.Code}: {m.Error.Message}";
            if (m.Frames is { } frames && m.Kind == MediaKind.Video && m.Error is null)
            {
                foreach (var f in frames)
                    context.Stdout.WriteLine(Row(m, f.Hash.ToString(), f.Quality.ToString(), null, kind, f.FrameNumber.ToString(), RecordMapper.Invariant(f.TimestampSeconds), error));
                if (frames.Count == 0)
                    context.Stdout.WriteLine(Row(m, null, null, null, kind, null, null, error));
                return;
            }
            context.Stdout.WriteLine(Row(m, m.Pdq?.Hash.ToString(), m.Pdq?.Quality.ToString(), m.Dihedral, kind, null, null, error));
        }

        private string Row(ProcessedMedia m, string? pdq, string? quality, DihedralHashes? d, string kind, string? frame, string? timestamp, string error)
        {
            var fields = new List<string?> { m.Path, pdq, quality };
            if (dihedral)
            {
                for (int v = 1; v < 8; v++)
                    fields.Add(d?[(DihedralVariant)v].ToString());
            }
            fields.AddRange([kind, m.Format, m.Width > 0 ? m.Width.ToString() : null, m.Height > 0 ? m.Height.ToString() : null,
                             frame, timestamp, m.Sha256, error]);
            if (tmk)
                fields.AddRange([m.Tmk?.FrameFeatureCount.ToString(), m.TmkFile]);
            if (vpdqFiles)
                fields.Add(m.VpdqFile);
            return Csv.Row(fields.ToArray());
        }
    }
}
