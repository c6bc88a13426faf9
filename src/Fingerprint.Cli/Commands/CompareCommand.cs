using System.CommandLine;
using System.Globalization;
using Fingerprint.Cli.Processing;
using Fingerprint.Hashing;
using Fingerprint.Matching;
using Fingerprint.Media;
using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Commands;

/// <summary>
/// `fingerprint compare A B`: how close two images (or videos, or hashes) are, explained in words: the plain distance,
/// the best dihedral variant (is B a mirrored or rotated A?), both qualities, and the verdict at the threshold.
/// </summary>
internal static class CompareCommand
{
    private static readonly string[] s_variantWords =
    [
        "in the same orientation",
        "rotated 90 degrees counter-clockwise",
        "rotated 180 degrees",
        "rotated 90 degrees clockwise",
        "flipped top to bottom",
        "mirrored left to right",
        "transposed about the main diagonal",
        "transposed about the anti-diagonal",
    ];

    public static Command Create(CliContext context)
    {
        var a = new Argument<string>("A") { Description = "An image, animation or video file, or a 64-hex-digit PDQ hash." };
        var b = new Argument<string>("B") { Description = "The other one." };
        CommonOptions.RejectUnknownOptions(a);
        CommonOptions.RejectUnknownOptions(b);
        var threshold = new Option<int>("--threshold", "-t")
        {
            Description = "Largest distance that counts as a match (inclusive).",
            DefaultValueFactory = _ => MatchOptions.DefaultMaxDistance,
        };
        var profile = new Option<DecodeProfile>("--profile", "-p")
        {
            Description = "Decode profile (FullRes, Cli512, Fast).",
            DefaultValueFactory = _ => DecodeProfile.FullRes,
        };
        var tmk = new Option<bool>("--tmk")
        {
            Description = "Compare two videos by TMK+PDQF (each decoded once more at 15 fps, 64x64; A and B may also be .tmk files): " +
                          "level 1 (cosine of the average frame features) and level 2 (the temporal match kernel at the best " +
                          $"alignment), MATCH when both reach {TmkThresholds.DefaultLevel1} / {TmkThresholds.DefaultLevel2} " +
                          "(the reference tools' thresholds). The exit code then follows the TMK verdict.",
        };
        var noRegions = new Option<bool>("--no-regions")
        {
            Description = "A still against a video: compare the still with whole sampled frames only. By default the frames' " +
                          "regions are compared too: the picture inside a frame's borders (\"trimmed\": a still shown smaller on a " +
                          "plain background, letterbox bars) and its collage panels.",
        };
        var command = new Command("compare",
            "Compare two images, videos or PDQ hashes and explain the result: distance as is, the best of the 8 dihedral " +
            "variants (mirrored/rotated copies), both qualities, and a verdict. Videos are compared by vPDQ frame matching " +
            "(percent of each side's frames matched), and with --tmk by TMK. A still against a video is looked for among the " +
            "video's sampled frames, whole and by their regions (the picture inside a frame's borders, panels). Exit code 0 when they match, 1 when they do not, 3 when " +
            "an input fails.\n" +
            "Examples:\n  fingerprint compare original.jpg upload.jpg\n  fingerprint compare clip-a.mp4 clip-b.mp4\n" +
            "  fingerprint compare --tmk clip-a.mp4 clip-b.tmk")
        {
            a, b, threshold, profile, tmk, noRegions,
        };
        command.SetAction(async (parse, ct) =>
        {
            int t = parse.GetValue(threshold);
            bool withTmk = parse.GetValue(tmk);
            var options = new ProcessingOptions
            {
                Profile = parse.GetValue(profile),
                Dihedral = true,
                Tmk = withTmk,
                Regions = parse.GetValue(noRegions) ? RegionScope.None : RegionScope.Query,
            };
            using var processor = new MediaProcessor(options);
            ProcessedMedia left = await LoadAsync(processor, parse.GetValue(a)!, ct);
            ProcessedMedia right = await LoadAsync(processor, parse.GetValue(b)!, ct);
            TextWriter o = context.Stdout;
            bool failed = false;
            foreach ((string name, ProcessedMedia m) in new[] { ("A", left), ("B", right) })
            {
                if (m.Error is not null)
                {
                    await o.WriteLineAsync($"{name}: {m.Path}: cannot hash: {m.Error.Code}: {m.Error.Message}");
                    failed = true;
                }
                else
                {
                    await o.WriteLineAsync($"{name}: {m.Path}  {Describe(m)}");
                }
            }
            if (failed)
                return (int)ExitCode.InputError;
            if (withTmk)
                return await CompareTmkAsync(o, left, right, t);

            if (left.Frames is { Count: > 0 } lf && right.Frames is { Count: > 0 } rf && left.Kind != MediaKind.Image && right.Kind != MediaKind.Image)
                return await CompareVideosAsync(o, lf, rf, t);
            if (left.Frames is { Count: > 0 } || right.Frames is { Count: > 0 })
            {
                (ProcessedMedia still, ProcessedMedia video) = left.Frames is { Count: > 0 } && right.Kind == MediaKind.Image ? (right, left) : (left, right);
                if (still.Kind == MediaKind.Image && video.Frames is { Count: > 0 } frames && still.Dihedral is DihedralHashes sd)
                    return await CompareStillToFramesAsync(o, sd, frames, video.Regions ?? [], t, still == left ? "A" : "B");
            }
            return await CompareStillsAsync(o, left, right, t);
        });
        return command;
    }

    private static async Task<ProcessedMedia> LoadAsync(MediaProcessor processor, string input, CancellationToken ct)
    {
        if (File.Exists(input) && IsTmkFile(input))
        {
            var m = new ProcessedMedia { Path = input, Kind = MediaKind.Video, Format = "tmk" };
            try
            {
                await using FileStream stream = File.OpenRead(input);
                m.Tmk = TmkFeatures.ReadFrom(stream);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                m.Error = new ProcessingError("corrupt", $"not a readable .tmk file: {ex.Message}");
            }
            return m;
        }
        if (!File.Exists(input) && Hash256.TryParse(input, out Hash256 h))
        {
            // A bare hash: no dihedral variants can be derived from it; it is compared as given.
            return new ProcessedMedia { Path = input, Kind = MediaKind.Unknown, Pdq = new HashResult(h, 100) };
        }
        return await processor.ProcessAsync(input, ct);
    }

    private static bool IsTmkFile(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("TMK1"u8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Describe(ProcessedMedia m)
    {
        if (m.Format == "tmk" && m.Tmk is { } file)
            return $"TMK+PDQF features ({file.FrameFeatureCount} frames at {file.Parameters.FramesPerSecond} fps)";
        string size = m.Width > 0 ? $" {m.Width}x{m.Height}" : "";
        string what = m.Kind == MediaKind.Unknown ? "hash" : $"{m.Kind.ToString().ToLowerInvariant()} ({m.Format}{size})";
        if (m.Pdq is HashResult p)
        {
            string q = p.Quality < MatchOptions.DefaultMinQuality ? $"quality {p.Quality} (LOW: below {MatchOptions.DefaultMinQuality}, matches are unreliable)" : $"quality {p.Quality}";
            return $"{what}, pdq {p.Hash}, {q}" + (m.Frames is { } f ? $", {f.Count} sampled frames" : "");
        }
        return $"{what}, {m.Frames?.Count ?? 0} sampled frames" + (m.Tmk is { } f2 ? $", tmk {f2.FrameFeatureCount} frames at {f2.Parameters.FramesPerSecond} fps" : "");
    }

    private static async Task<int> CompareTmkAsync(TextWriter o, ProcessedMedia left, ProcessedMedia right, int threshold)
    {
        foreach ((string name, ProcessedMedia m) in new[] { ("A", left), ("B", right) })
        {
            if (m.Tmk is null)
            {
                await o.WriteLineAsync($"{name}: {m.Path} is not a video: TMK compares two videos (or .tmk files)");
                return (int)ExitCode.UsageError;
            }
        }
        if (left.Frames is { Count: > 0 } lf && right.Frames is { Count: > 0 } rf)
        {
            VpdqMatchResult vpdq = await WriteVpdqAsync(o, lf, rf, threshold);
            await o.WriteLineAsync($"vPDQ verdict  {(vpdq.IsMatch ? "MATCH" : "NO MATCH")} (the verdict below is TMK's)");
        }
        TmkFeatures a = left.Tmk!, b = right.Tmk!;
        if (!TmkScorer.AreCompatible(a, b, out string? reason))
        {
            await o.WriteLineAsync($"TMK           cannot compare: {reason}");
            return (int)ExitCode.InputError;
        }
        TmkThresholds thresholds = TmkThresholds.Default;
        float level1 = TmkScorer.Level1(a, b);
        TmkPeriodOffset[] offsets = TmkScorer.FindBestOffsets(a, b);
        TmkPeriodOffset best = offsets.MaxBy(x => x.Value);
        float level2 = TmkScorer.Level2(a, b);
        CultureInfo inv = CultureInfo.InvariantCulture;
        int fps = a.Parameters.FramesPerSecond;
        await o.WriteLineAsync($"TMK level 1   {level1.ToString("F6", inv)} (cosine of the average frame features; threshold {thresholds.Level1.ToString(inv)})");
        await o.WriteLineAsync($"TMK level 2   {level2.ToString("F6", inv)} (temporal match kernel at its best alignment: offset {best.Offset} frames " +
                               $"= {(best.Offset / (double)fps).ToString("0.###", inv)} s, modulo the period of {best.Period} frames " +
                               $"= {(best.Period / (double)fps).ToString("0.#", inv)} s; threshold {thresholds.Level2.ToString(inv)})");
        bool match = level1 >= thresholds.Level1 && level2 >= thresholds.Level2;
        await o.WriteLineAsync(match
            ? $"verdict       MATCH (TMK): level 1 >= {thresholds.Level1.ToString(inv)} and level 2 >= {thresholds.Level2.ToString(inv)}"
            : $"verdict       NO MATCH (TMK): " + (level1 < thresholds.Level1
                ? $"level 1 {level1.ToString("F6", inv)} < {thresholds.Level1.ToString(inv)}"
                : $"level 2 {level2.ToString("F6", inv)} < {thresholds.Level2.ToString(inv)}"));
        return match ? (int)ExitCode.Success : (int)ExitCode.NoMatch;
    }

    private static async Task<int> CompareStillsAsync(TextWriter o, ProcessedMedia left, ProcessedMedia right, int threshold)
    {
        Hash256 b = right.Pdq!.Value.Hash;
        int plain = left.Pdq!.Value.Hash.DistanceTo(b);
        int bestDistance = plain;
        var best = DihedralVariant.Orig;
        if (left.Dihedral is DihedralHashes d)
        {
            for (int v = 0; v < 8; v++)
            {
                int dist = d[(DihedralVariant)v].DistanceTo(b);
                if (dist < bestDistance)
                {
                    bestDistance = dist;
                    best = (DihedralVariant)v;
                }
            }
        }
        await o.WriteLineAsync($"distance      {plain} of 256 bits (as is)");
        if (left.Dihedral is not null)
            await o.WriteLineAsync($"best variant  {best.ToName()}: {bestDistance} bits, B looks like A {s_variantWords[(int)best]}");
        bool low = left.Pdq.Value.Quality < MatchOptions.DefaultMinQuality || right.Pdq.Value.Quality < MatchOptions.DefaultMinQuality;
        bool match = bestDistance <= threshold;
        string verdict = match
            ? $"MATCH: distance {bestDistance} <= threshold {threshold} (margin {threshold - bestDistance} bits)" +
              (best == DihedralVariant.Orig ? "" : $"; B is A {s_variantWords[(int)best]}")
            : $"NO MATCH: distance {bestDistance} > threshold {threshold} (short by {bestDistance - threshold} bits)";
        await o.WriteLineAsync($"verdict       {verdict}");
        if (low)
            await o.WriteLineAsync($"caution       a side has quality below {MatchOptions.DefaultMinQuality}: flat or tiny images give unstable hashes");
        else if (match && bestDistance > 20)
            await o.WriteLineAsync("note          a weak match (over 20 bits): near-duplicates with edits, or similar compositions");
        else if (!match && bestDistance < 70)
            await o.WriteLineAsync("note          related but beyond the threshold (under 70 bits): a heavy edit of the same image, or a similar scene");
        return match ? (int)ExitCode.Success : (int)ExitCode.NoMatch;
    }

    private static async Task<int> CompareStillToFramesAsync(TextWriter o, DihedralHashes still, IReadOnlyList<VpdqFrameHash> frames,
        IReadOnlyList<RegionHash> regions, int threshold, string stillName)
    {
        int bestDistance = int.MaxValue;
        var matchedFrames = new HashSet<int>();
        VpdqFrameHash bestFrame = default;
        RegionHash? bestRegion = null;
        DihedralVariant bestVariant = DihedralVariant.Orig;
        // Whole frames first, so a region is named only when it is strictly closer than every whole frame.
        IEnumerable<(VpdqFrameHash Frame, RegionHash? Region)> candidates = frames.Select(f => (f, (RegionHash?)null)).Concat(
            regions.Where(r => r.Frame is not null).Select(r => (r.AsFrameHash(), (RegionHash?)r)));
        foreach ((VpdqFrameHash f, RegionHash? region) in candidates)
        {
            int frameBest = int.MaxValue;
            for (int v = 0; v < 8; v++)
            {
                int dist = still[(DihedralVariant)v].DistanceTo(f.Hash);
                if (dist < frameBest)
                    frameBest = dist;
                if (dist < bestDistance)
                {
                    bestDistance = dist;
                    bestFrame = f;
                    bestRegion = region;
                    bestVariant = (DihedralVariant)v;
                }
            }
            if (frameBest <= threshold && f.Quality >= MatchOptions.DefaultMinQuality)
                matchedFrames.Add(f.FrameNumber);
        }
        int matched = matchedFrames.Count;
        string where = bestRegion is RegionHash r ? $", region {r.Name} at {r.X},{r.Y} {r.Width}x{r.Height}" : "";
        await o.WriteLineAsync($"closest frame {bestFrame.FrameNumber} at {bestFrame.TimestampSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s{where}: " +
                               $"{bestDistance} bits (variant {bestVariant.ToName()})");
        await o.WriteLineAsync($"frames        {matched} of {frames.Count} sampled frames within {threshold} bits of {stillName}");
        bool match = matched > 0;
        await o.WriteLineAsync(match
            ? $"verdict       MATCH: the still {stillName} appears in the video (closest {bestDistance} <= {threshold})"
            : $"verdict       NO MATCH: no sampled frame within {threshold} bits of {stillName}");
        return match ? (int)ExitCode.Success : (int)ExitCode.NoMatch;
    }

    private static async Task<int> CompareVideosAsync(TextWriter o, IReadOnlyList<VpdqFrameHash> a, IReadOnlyList<VpdqFrameHash> b, int threshold)
    {
        VpdqMatchResult r = await WriteVpdqAsync(o, a, b, threshold);
        await o.WriteLineAsync(r.IsMatch ? "verdict       MATCH" : "verdict       NO MATCH");
        return r.IsMatch ? (int)ExitCode.Success : (int)ExitCode.NoMatch;
    }

    private static async Task<VpdqMatchResult> WriteVpdqAsync(TextWriter o, IReadOnlyList<VpdqFrameHash> a, IReadOnlyList<VpdqFrameHash> b, int threshold)
    {
        var options = VpdqMatchOptions.Default with { DistanceThreshold = threshold };
        VpdqMatchResult r = VpdqMatcher.Match(a.ToArray(), b.ToArray(), options);
        await o.WriteLineAsync($"vPDQ          {r.QueryMatchPercent:F2}% of A's frames match B ({r.QueryFramesMatched}/{r.QueryFramesCompared}); " +
                               $"{r.TargetMatchPercent:F2}% of B's frames match A ({r.TargetFramesMatched}/{r.TargetFramesCompared})");
        await o.WriteLineAsync($"rule          {options.Mode} semantics: distance <= {threshold}, quality >= {options.QualityThreshold}, " +
                               $"match when A >= {options.QueryMatchThresholdPercent}% and B >= {options.TargetMatchThresholdPercent}%");
        return r;
    }
}
