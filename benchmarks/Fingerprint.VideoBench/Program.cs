using System.Diagnostics;
using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.Video;
using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.VideoBench;

/// <summary>
/// Video hashing against ffmpeg's own speed, driven by benchmarks/peers/video_bench.sh:
/// <code>
///   run --video a.mp4 [--video b.mp4 ...] [--modes vpdq,tmk] [--seconds-per-frame 1] [--repeat 3] [--ffmpeg PATH]
/// </code>
/// For each video and mode, alternately (repeat times): ffmpeg alone with exactly the arguments our frame source runs
/// (<see cref="FfmpegFrameSource.GetArguments"/>), except that frames go to the null muxer instead of the pipe (same
/// decode, filters and pixel conversion; no pipe, no hashing); and ours end to end (ffprobe, ffmpeg to the pipe, PDQ or
/// PDQF + TMK). Prints a markdown table (medians) on stdout, each run on stderr.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "run")
        {
            Console.Error.WriteLine("usage: run --video FILE [--video FILE ...] [--modes vpdq,tmk] [--seconds-per-frame 1] [--repeat 3] [--ffmpeg PATH]");
            return 2;
        }
        var videos = new List<string>();
        string modes = "vpdq,tmk";
        double secondsPerFrame = 1.0;
        int repeat = 3;
        string? ffmpeg = null;
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--video": videos.Add(args[i + 1]); break;
                case "--modes": modes = args[i + 1]; break;
                case "--seconds-per-frame": secondsPerFrame = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--ffmpeg": ffmpeg = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }
        if (videos.Count == 0)
        {
            Console.Error.WriteLine("give at least one --video");
            return 2;
        }

        FfmpegTools tools = FfmpegLocator.Locate(ffmpeg);
        // Warm-up (JIT, tiered compilation, file cache): one untimed run of each mode on the first clip.
        foreach (string mode in modes.Split(',', StringSplitOptions.RemoveEmptyEntries))
            await RunOursAsync(tools, videos[0], mode, mode == "tmk" ? FrameSampling.Tmk : FrameSampling.Vpdq(secondsPerFrame));
        Console.WriteLine("| video | mode | frames decoded (hashed) | ffmpeg alone s | ffmpeg frames/s | ours s (ffprobe s) | ours frames/s | ours x real time | ours % of ffmpeg |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string video in videos)
        {
            foreach (string mode in modes.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                FrameSampling sampling = mode switch
                {
                    "vpdq" => FrameSampling.Vpdq(secondsPerFrame),
                    "tmk" => FrameSampling.Tmk,
                    _ => throw new ArgumentException($"unknown mode {mode} (vpdq, tmk)"),
                };
                await RunOneAsync(tools, video, mode, sampling, repeat);
            }
        }
        return 0;
    }

    private static async Task RunOneAsync(FfmpegTools tools, string video, string mode, FrameSampling sampling, int repeat)
    {
        FfprobeStreamInfo info;
        List<string> peerArgs;
        await using (FfmpegFrameSource probe = await FfmpegFrameSource.OpenAsync(video, tools))
        {
            info = probe.StreamInfo;
            peerArgs = [.. probe.GetArguments(sampling)];
        }
        // Same arguments, frames to the null muxer: "-f rawvideo ... -" becomes "-f null ... -".
        int f = peerArgs.IndexOf("rawvideo");
        if (f < 1 || peerArgs[f - 1] != "-f")
            throw new InvalidOperationException("unexpected ffmpeg arguments: " + string.Join(' ', peerArgs));
        peerArgs[f] = "null";
        double duration = info.DurationSeconds ?? 0;
        long decoded = info.FrameCount ?? (long)Math.Round(duration * info.FrameRate);

        var peerTimes = new List<double>();
        var ourTimes = new List<double>();
        var probeTimes = new List<double>();
        long hashed = 0;
        for (int r = 0; r < repeat; r++)
        {
            peerTimes.Add(RunPeer(tools.FfmpegPath, peerArgs));
            (double total, double probeSeconds, long frames) = await RunOursAsync(tools, video, mode, sampling);
            ourTimes.Add(total);
            probeTimes.Add(probeSeconds);
            hashed = frames;
            Console.Error.WriteLine($"{Path.GetFileName(video)} {mode} run {r + 1}: ffmpeg {peerTimes[^1]:F3} s, ours {total:F3} s (ffprobe {probeSeconds:F3} s), {frames} frames hashed");
        }
        double peer = Median(peerTimes), ours = Median(ourTimes), probeMedian = Median(probeTimes);
        CultureInfo inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"| {Path.GetFileName(video)} ({info.Width}x{info.Height}, {duration:0.#} s) | {mode} | {decoded} ({hashed}) | {peer:F3} | {decoded / peer:F0} | " +
            $"{ours:F3} ({probeMedian:F3}) | {decoded / ours:F0} | {duration / ours:F1}x | {100 * peer / ours:F0}% |"));
    }

    private static double RunPeer(string ffmpeg, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(ffmpeg) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        clock.Stop();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed ({p.ExitCode}): {err.Result}");
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Total, double Probe, long Frames)> RunOursAsync(FfmpegTools tools, string video, string mode, FrameSampling sampling)
    {
        var clock = Stopwatch.StartNew();
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(video, tools);
        double probe = clock.Elapsed.TotalSeconds;
        var hasher = new PdqHasher(new PdqHasherOptions { Pipeline = PdqPipeline.FullRes });
        long frames;
        if (mode == "tmk")
        {
            TmkFeatures features = await TmkHasher.HashAsync(source, sampling, hasher, TmkParameters.Default);
            frames = features.FrameFeatureCount;
        }
        else
        {
            IReadOnlyList<VpdqFrameHash> hashes = await VpdqHasher.HashAsync(source, sampling, hasher);
            frames = hashes.Count;
        }
        return (clock.Elapsed.TotalSeconds, probe, frames);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
