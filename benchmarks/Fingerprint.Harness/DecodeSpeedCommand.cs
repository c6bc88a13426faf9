using System.Diagnostics;
using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// <c>decode</c> (issue 3.7, DESIGN.md §8 "JPEG upload to hash"): file bytes held in memory to PDQ, in-process, on 1
/// and 2 worker threads, for sets of real JPEGs by size (~1, 2-3 and ~12 MP): our fast profile
/// (<see cref="DecodeOptions.Fast"/>, EXIF applied, as <c>fingerprint scan</c>), our full-decode pipeline
/// (<see cref="DecodeOptions.Reference"/> + PDQ fullres), and in the same run the peers <c>djpeg</c> (full decode) and
/// <c>djpeg -scale 1/8</c> (the scaled-decode floor) over the same files (<see cref="DjpegPeer"/>). Each worker owns a
/// decoder and a hasher (neither is thread-safe) and first decodes every file once, untimed; images are then taken
/// from a shared counter until iterations x files are done. Prints a markdown table with the ratios the targets are
/// quoted in (fast >= 3x the full-decode pipeline, >= 90% of djpeg -scale 1/8).
/// </summary>
internal static class DecodeSpeedCommand
{
    public const string Usage =
        "decode [--corpus PATH]... [--set LABEL:MIN_MP:MAX_MP]... [--max-files 8] [--threads 1,2] [--iterations N | --min-seconds 2]\n" +
        "       [--no-peers] [--work DIR]";

    private static readonly string[] s_defaultSets = ["~1 MP:0.7:1.5", "2-3 MP:1.8:3.6", "~12 MP:10:14"];

    public static int Run(HarnessArgs args)
    {
        IReadOnlyList<string> roots = args.All("corpus");
        if (roots.Count == 0)
            roots = ["testmedia/sources"];
        IReadOnlyList<string> sets = args.All("set");
        if (sets.Count == 0)
            sets = s_defaultSets;
        int maxFiles = args.Int("max-files", 8);
        int[] threads = args.Ints("threads", [1, 2]);
        int fixedIterations = args.Int("iterations", 0);
        double minSeconds = args.Double("min-seconds", 2);
        bool peers = !args.Flag("no-peers");
        string work = args.Get("work") ?? Path.Combine(Path.GetTempPath(), "fp-decode-bench");
        args.RejectUnknown();
        Directory.CreateDirectory(work);
        if (peers && !DjpegPeer.Available)
            throw new UsageException("djpeg not found (apt-get install libjpeg-turbo-progs), or pass --no-peers");

        List<(CorpusFile File, int Width, int Height)> all = Dimensions(Corpus.Find(roots, MediaFormat.Jpeg));
        var peer = new DjpegPeer(work);
        var table = new Markdown("set", "files (median WxH)", "threads", "fast img/s", "fullres img/s", "djpeg img/s", "djpeg 1/8 img/s",
            "djpeg 1/8 net img/s", "fast / fullres", "fast / djpeg 1/8", "fast / djpeg 1/8 net")
        { IsNumeric = h => h is not ("set" or "files (median WxH)") };
        foreach (string set in sets)
        {
            (string label, double minMp, double maxMp) = ParseSet(set);
            List<(CorpusFile File, int Width, int Height)> chosen = Pick(all, minMp, maxMp, maxFiles);
            if (chosen.Count == 0)
            {
                Console.Error.WriteLine($"decode: no JPEG of {minMp}-{maxMp} MP in the corpus; set '{label}' skipped");
                continue;
            }
            byte[][] data = chosen.Select(c => File.ReadAllBytes(c.File.Path)).ToArray();
            string[] paths = chosen.Select(c => c.File.Path).ToArray();
            var mid = chosen.OrderBy(c => (long)c.Width * c.Height).ElementAt(chosen.Count / 2);
            Console.Error.WriteLine($"decode: set {label}: {string.Join(", ", paths.Select(Path.GetFileName))}");

            foreach (int t in threads)
            {
                int iterations = fixedIterations > 0 ? fixedIterations : Calibrate(data, t, minSeconds);
                double fast = Ours(data, DecodeOptions.Fast, t, iterations);
                double full = Ours(data, DecodeOptions.Reference, t, iterations);
                DjpegPeer.Result dFull = default, dEighth = default;
                if (peers)
                {
                    // djpeg full decode is ~the fullres pipeline's decode: fewer iterations keep the run short.
                    int fullIterations = Math.Max(1, (int)Math.Ceiling(iterations * full / fast));
                    dFull = peer.Measure(paths, [], t, fullIterations);
                    dEighth = peer.Measure(paths, ["-scale", "1/8"], t, iterations);
                }
                Console.Error.WriteLine($"decode: {label}, {t} thread(s), {iterations} iterations: fast {fast:F1}, fullres {full:F1}, " +
                    $"djpeg {dFull.ImagesPerSecond:F1}, djpeg 1/8 {dEighth.ImagesPerSecond:F1} (net {dEighth.NetImagesPerSecond:F1}) img/s");
                table.Add(label, $"{chosen.Count} ({mid.Width}x{mid.Height})", t.ToString(CultureInfo.InvariantCulture),
                    Markdown.Num(fast), Markdown.Num(full), peers ? Markdown.Num(dFull.ImagesPerSecond) : "-",
                    peers ? Markdown.Num(dEighth.ImagesPerSecond) : "-", peers ? Markdown.Num(dEighth.NetImagesPerSecond) : "-",
                    Markdown.Ratio(fast, full), peers ? Markdown.Ratio(fast, dEighth.ImagesPerSecond) : "-",
                    peers ? Markdown.Ratio(fast, dEighth.NetImagesPerSecond) : "-");
            }
        }
        Console.Write(table.ToString());
        return 0;
    }

    private static (string Label, double MinMp, double MaxMp) ParseSet(string set)
    {
        string[] p = set.Split(':');
        if (p.Length != 3 || !double.TryParse(p[1], CultureInfo.InvariantCulture, out double lo) || !double.TryParse(p[2], CultureInfo.InvariantCulture, out double hi))
            throw new UsageException($"--set: expected LABEL:MIN_MP:MAX_MP, got '{set}'");
        return (p[0], lo, hi);
    }

    private static List<(CorpusFile File, int Width, int Height)> Dimensions(List<CorpusFile> files)
    {
        using var decoder = new ImageDecoder();
        var result = new List<(CorpusFile, int, int)>();
        var tiny = DecodeOptions.Fast with { FastMinShortSide = 1, PreferGray = true, IgnoreExif = true };
        foreach (CorpusFile f in files)
        {
            try
            {
                using DecodedImage image = decoder.Decode(File.ReadAllBytes(f.Path), tiny);
                result.Add((f, image.SourceWidth, image.SourceHeight));
            }
            catch (MediaException ex)
            {
                Console.Error.WriteLine($"decode: skipping {f.Path}: {ex.Message}");
            }
        }
        return result;
    }

    /// <summary>Up to <paramref name="max"/> files of the size range, evenly spaced over the path-sorted list (variety of sources).</summary>
    private static List<(CorpusFile File, int Width, int Height)> Pick(List<(CorpusFile File, int Width, int Height)> all, double minMp, double maxMp, int max)
    {
        var inRange = all.Where(c => (double)c.Width * c.Height / 1e6 is var mp && mp >= minMp && mp < maxMp).ToList();
        if (inRange.Count <= max)
            return inRange;
        return Enumerable.Range(0, max).Select(i => inRange[(int)((long)i * inRange.Count / max)]).ToList();
    }

    /// <summary>Iterations so the fast profile runs about <paramref name="minSeconds"/> (at least 2).</summary>
    private static int Calibrate(byte[][] data, int threads, double minSeconds)
    {
        double perPass = data.Length / Ours(data, DecodeOptions.Fast, threads, 1);
        return Math.Max(2, (int)Math.Ceiling(minSeconds / perPass));
    }

    /// <summary>Images per second over iterations x files on <paramref name="threads"/> workers.</summary>
    public static double Ours(byte[][] data, DecodeOptions options, int threads, int iterations)
    {
        int total = data.Length * iterations;
        int next = -1;
        using var ready = new Barrier(threads + 1);
        using var done = new CountdownEvent(threads);
        Exception? failure = null;
        var workers = new Thread[threads];
        for (int w = 0; w < threads; w++)
        {
            workers[w] = new Thread(() =>
            {
                try
                {
                    using var decoder = new ImageDecoder();
                    var hasher = new PdqHasher();
                    foreach (byte[] d in data)
                        HashOne(decoder, hasher, d, options);   // warm-up: native handles, scratch growth, JIT tiers
                    ready.SignalAndWait();
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < total)
                        HashOne(decoder, hasher, data[i % data.Length], options);
                }
                catch (Exception ex)
                {
                    failure = ex;
                    ready.RemoveParticipant();
                }
                finally
                {
                    done.Signal();
                }
            })
            { IsBackground = true };
            workers[w].Start();
        }
        ready.SignalAndWait();
        long t0 = Stopwatch.GetTimestamp();
        done.Wait();
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        if (failure is not null)
            throw new InvalidOperationException("a decode worker failed", failure);
        return total / seconds;
    }

    private static Hash256 HashOne(ImageDecoder decoder, PdqHasher hasher, byte[] data, DecodeOptions options)
    {
        using DecodedImage image = decoder.Decode(data, options);
        return hasher.Hash(image.Pixels.AsView()).Hash;
    }
}
