using System.CommandLine;
using System.Globalization;
using Fingerprint.Cli.Processing;
using Fingerprint.Hashing;
using Fingerprint.Matching;
using Fingerprint.Media;
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
        var command = new Command("compare",
            "Compare two images, videos or PDQ hashes and explain the result: distance as is, the best of the 8 dihedral " +
            "variants (mirrored/rotated copies), both qualities, and a verdict. Videos are compared by vPDQ frame matching " +
            "(percent of each side's frames matched). Exit code 0 when they match, 1 when they do not, 3 when an input fails.\n" +
            "Examples:\n  fingerprint compare original.jpg upload.jpg\n  fingerprint compare clip-a.mp4 clip-b.mp4")
        {
            a, b, threshold, profile,
        };
        command.SetAction(async (parse, ct) =>
        {
            int t = parse.GetValue(threshold);
            var options = new ProcessingOptions { Profile = parse.GetValue(profile), Dihedral = true };
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

            if (left.Frames is { Count: > 0 } lf && right.Frames is { Count: > 0 } rf && left.Kind != MediaKind.Image && right.Kind != MediaKind.Image)
                return await CompareVideosAsync(o, lf, rf, t);
            if (left.Frames is { Count: > 0 } || right.Frames is { Count: > 0 })
            {
                (ProcessedMedia still, ProcessedMedia video) = left.Frames is { Count: > 0 } && right.Kind == MediaKind.Image ? (right, left) : (left, right);
                if (still.Kind == MediaKind.Image && video.Frames is { Count: > 0 } frames && still.Dihedral is DihedralHashes sd)
                    return await CompareStillToFramesAsync(o, sd, frames, t, still == left ? "A" : "B");
            }
            return await CompareStillsAsync(o, left, right, t);
        });
        return command;
    }

    private static async Task<ProcessedMedia> LoadAsync(MediaProcessor processor, string input, CancellationToken ct)
    {
        if (!File.Exists(input) && Hash256.TryParse(input, out Hash256 h))
        {
            // A bare hash: no dihedral variants can be derived from it; it is compared as given.
            return new ProcessedMedia { Path = input, Kind = MediaKind.Unknown, Pdq = new HashResult(h, 100) };
        }
        return await processor.ProcessAsync(input, ct);
    }

    private static string Describe(ProcessedMedia m)
    {
        string size = m.Width > 0 ? $" {m.Width}x{m.Height}" : "";
        string what = m.Kind == MediaKind.Unknown ? "hash" : $"{m.Kind.ToString().ToLowerInvariant()} ({m.Format}{size})";
        if (m.Pdq is HashResult p)
        {
            string q = p.Quality < MatchOptions.DefaultMinQuality ? $"quality {p.Quality} (LOW: below {MatchOptions.DefaultMinQuality}, matches are unreliable)" : $"quality {p.Quality}";
            return $"{what}, pdq {p.Hash}, {q}" + (m.Frames is { } f ? $", {f.Count} sampled frames" : "");
        }
        return $"{what}, {m.Frames?.Count ?? 0} sampled frames";
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

    private static async Task<int> CompareStillToFramesAsync(TextWriter o, DihedralHashes still, IReadOnlyList<VpdqFrameHash> frames, int threshold, string stillName)
    {
        int bestDistance = int.MaxValue, matched = 0;
        VpdqFrameHash bestFrame = default;
        DihedralVariant bestVariant = DihedralVariant.Orig;
        foreach (VpdqFrameHash f in frames)
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
                    bestVariant = (DihedralVariant)v;
                }
            }
            if (frameBest <= threshold && f.Quality >= MatchOptions.DefaultMinQuality)
                matched++;
        }
        await o.WriteLineAsync($"closest frame {bestFrame.FrameNumber} at {bestFrame.TimestampSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: " +
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
        var options = VpdqMatchOptions.Default with { DistanceThreshold = threshold };
        VpdqMatchResult r = VpdqMatcher.Match(a.ToArray(), b.ToArray(), options);
        await o.WriteLineAsync($"vPDQ          {r.QueryMatchPercent:F2}% of A's frames match B ({r.QueryFramesMatched}/{r.QueryFramesCompared}); " +
                               $"{r.TargetMatchPercent:F2}% of B's frames match A ({r.TargetFramesMatched}/{r.TargetFramesCompared})");
        await o.WriteLineAsync($"rule          {options.Mode} semantics: distance <= {threshold}, quality >= {options.QualityThreshold}, " +
                               $"match when A >= {options.QueryMatchThresholdPercent}% and B >= {options.TargetMatchThresholdPercent}%");
        await o.WriteLineAsync(r.IsMatch ? "verdict       MATCH" : "verdict       NO MATCH");
        return r.IsMatch ? (int)ExitCode.Success : (int)ExitCode.NoMatch;
    }
}
