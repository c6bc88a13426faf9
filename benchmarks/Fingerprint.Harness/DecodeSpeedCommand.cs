using System.Diagnostics;
using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// <c>decode</c> (issue 3.7, DESIGN.md §8 "JPEG upload to hash"): file bytes held in memory to PDQ, in-process, on 1
/// and 2 worker threads, for sets of real JPEGs by size (~1, 2-3 and ~12 MP), in one run:
/// <list type="bullet">
/// <item>fast: our fast profile (<see cref="DecodeOptions.Fast"/>, EXIF applied) + our PDQ, as <c>fingerprint scan</c>;</item>
/// <item>the reference pipeline: full RGB decode (<see cref="DecodeOptions.Reference"/>) + the reference-algorithm PDQ
/// (<see cref="ReferencePdq"/>: whole planes, scalar, as Meta's C++ core), fullres and cli512 (pdq-photo-hasher);</item>
/// <item>our own full-decode pipeline: the same full decode + our PDQ fullres (informative: what scaled decoding alone buys);</item>
/// <item>the peers <c>djpeg</c> (full decode) and <c>djpeg -scale 1/8</c> (the scaled-decode floor) over the same files
/// (<see cref="DjpegPeer"/>).</item>
/// </list>
/// Before timing, every chosen file's reference-pipeline hashes are checked equal to our PDQ's on the same full decode
/// (a difference fails the run). Each worker owns a decoder and a hasher (neither is thread-safe) and first hashes every
/// file once, untimed; images are then taken from a shared counter until iterations x files are done. Each pipeline
/// gets its own iteration count (about <c>--min-seconds</c> of work). Prints two markdown tables: images per second,
/// and fast's ratios to each peer with the targets (>= 5x the reference pipeline, >= 90% of djpeg -scale 1/8).
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
        var speed = new Markdown("set", "files (median WxH)", "threads", "fast", "reference pipeline cli512", "reference pipeline fullres",
            "our full decode", "djpeg", "djpeg 1/8", "djpeg 1/8 net")
        { IsNumeric = h => h is not ("set" or "files (median WxH)") };
        var ratios = new Markdown("set", "threads", "fast / reference cli512 (target >= 5x)", "fast / reference fullres",
            "fast / djpeg 1/8 net (target >= 0.90x)", "fast / djpeg 1/8", "fast / our full decode (informative)")
        { IsNumeric = h => h is not "set" };
        int mismatches = 0;
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
            mismatches += VerifyReference(data, paths);

            foreach (int t in threads)
            {
                (double Rate, int Iterations) Time(UploadPipeline p) =>
                    fixedIterations > 0 ? (Measure(data, p, t, fixedIterations), fixedIterations) : MeasureFor(data, p, t, minSeconds);
                (double fast, int fastIterations) = Time(UploadPipeline.Fast);
                double refCli = Time(UploadPipeline.ReferenceCli512).Rate;
                double refFull = Time(UploadPipeline.ReferenceFullRes).Rate;
                double ourFull = Time(UploadPipeline.OurFullDecode).Rate;
                DjpegPeer.Result dFull = default, dEighth = default;
                if (peers)
                {
                    // djpeg full decode is ~our full-decode pipeline's decode: fewer iterations keep the run short.
                    int fullIterations = Math.Max(1, (int)Math.Ceiling(fastIterations * ourFull / fast));
                    dFull = peer.Measure(paths, [], t, fullIterations);
                    dEighth = peer.Measure(paths, ["-scale", "1/8"], t, fastIterations);
                }
                Console.Error.WriteLine($"decode: {label}, {t} thread(s): fast {fast:F1}, reference cli512 {refCli:F1}, reference fullres {refFull:F1}, " +
                    $"our full decode {ourFull:F1}, djpeg {dFull.ImagesPerSecond:F1}, djpeg 1/8 {dEighth.ImagesPerSecond:F1} (net {dEighth.NetImagesPerSecond:F1}) img/s");
                string threadCount = t.ToString(CultureInfo.InvariantCulture);
                speed.Add(label, $"{chosen.Count} ({mid.Width}x{mid.Height})", threadCount,
                    Markdown.Num(fast), Markdown.Num(refCli), Markdown.Num(refFull), Markdown.Num(ourFull),
                    peers ? Markdown.Num(dFull.ImagesPerSecond) : "-", peers ? Markdown.Num(dEighth.ImagesPerSecond) : "-",
                    peers ? Markdown.Num(dEighth.NetImagesPerSecond) : "-");
                ratios.Add(label, threadCount, Markdown.Ratio(fast, refCli), Markdown.Ratio(fast, refFull),
                    peers ? Markdown.Ratio(fast, dEighth.NetImagesPerSecond) : "-", peers ? Markdown.Ratio(fast, dEighth.ImagesPerSecond) : "-",
                    Markdown.Ratio(fast, ourFull));
            }
        }
        Console.WriteLine("Images per second (bytes in memory -> PDQ hash; djpeg: decode to /dev/null, a process per image):");
        Console.WriteLine();
        Console.Write(speed.ToString());
        Console.WriteLine();
        Console.WriteLine("Ratios of the fast profile's images/s to each peer's, same run (> 1: fast is faster):");
        Console.WriteLine();
        Console.Write(ratios.ToString());
        if (mismatches > 0)
        {
            Console.Error.WriteLine($"decode: FAILED: {mismatches} reference-pipeline hash(es) differ from ours (details above)");
            return 1;
        }
        return 0;
    }

    /// <summary>The reference pipelines' hashes equal our PDQ's on the same full decode (fullres and cli512), file by file.</summary>
    private static int VerifyReference(byte[][] data, string[] paths)
    {
        using UploadPipeline.Worker refFull = UploadPipeline.ReferenceFullRes.CreateWorker(), refCli = UploadPipeline.ReferenceCli512.CreateWorker();
        using UploadPipeline.Worker ourFull = UploadPipeline.OurFullDecode.CreateWorker(), ourCli = (UploadPipeline.OurFullDecode with { Pdq = PdqPipeline.Cli512 }).CreateWorker();
        int mismatches = 0;
        for (int i = 0; i < data.Length; i++)
        {
            foreach ((UploadPipeline.Worker r, UploadPipeline.Worker o, string name) in (ReadOnlySpan<(UploadPipeline.Worker, UploadPipeline.Worker, string)>)[(refFull, ourFull, "fullres"), (refCli, ourCli, "cli512")])
            {
                HashResult a = r.Hash(data[i]), b = o.Hash(data[i]);
                if (a != b)
                {
                    Console.Error.WriteLine($"decode: MISMATCH {name} {paths[i]}: reference algorithm {a.Hash} q{a.Quality}, ours {b.Hash} q{b.Quality}");
                    mismatches++;
                }
            }
        }
        return mismatches;
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

    /// <summary>
    /// Images per second of <paramref name="pipeline"/> over about <paramref name="minSeconds"/>: one pass over the files
    /// calibrates; when it took at least half of that it is the measurement, else the iterations are set from it.
    /// </summary>
    private static (double Rate, int Iterations) MeasureFor(byte[][] data, UploadPipeline pipeline, int threads, double minSeconds)
    {
        double rate = Measure(data, pipeline, threads, 1);
        double perPass = data.Length / rate;
        if (perPass >= minSeconds / 2)
            return (rate, 1);
        int iterations = (int)Math.Ceiling(minSeconds / perPass);
        return (Measure(data, pipeline, threads, iterations), iterations);
    }

    /// <summary>Images per second of <paramref name="pipeline"/> over iterations x files on <paramref name="threads"/> workers.</summary>
    public static double Measure(byte[][] data, UploadPipeline pipeline, int threads, int iterations)
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
                    using UploadPipeline.Worker worker = pipeline.CreateWorker();
                    foreach (byte[] d in data)
                        worker.Hash(d);   // warm-up: native handles, scratch growth, JIT tiers
                    ready.SignalAndWait();
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < total)
                        worker.Hash(data[i % data.Length]);
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
}
