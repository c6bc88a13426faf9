using System.Diagnostics;
using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// <c>ref-scan</c> (issue 5.7): the reference-style pipeline a straightforward pdqhash-based scanner runs: read each file,
/// full decode (<see cref="DecodeOptions.Reference"/>: full size, RGB, accurate IDCT, fancy upsampling, EXIF ignored),
/// one PDQ hash (no dihedral variants), and a plain linear scan of the bank (every row, Hamming distance &lt;=
/// threshold), on W worker threads. The hash is, by default (<c>--pdq reference</c>), the reference algorithm
/// (<see cref="ReferencePdq"/>: whole planes, scalar, as Meta's C++ core computes it; the C++ binary cannot be built
/// here, and this stand-in is faster than its published figures); <c>--pdq ours</c> uses our <see cref="PdqHasher"/>
/// instead, which makes it our own full-decode pipeline (what scaled decoding alone buys). Both give the same hashes,
/// so the same matches. <c>--pdq-pipeline cli512</c> hashes as pdq-photo-hasher does (512x512 nearest neighbour first).
/// Files are every regular file under the paths, sorted; failures are counted, never fatal. Prints
/// "metric&lt;TAB&gt;value" lines.
/// </summary>
internal static class ReferenceScanCommand
{
    public const string Usage =
        "ref-scan --bank bank.hex [--pdq reference|ours] [--pdq-pipeline fullres|cli512] [--threads 2] [--threshold 31]\n" +
        "         [--matches FILE] PATH...";

    public static int Run(HarnessArgs args)
    {
        long start = Stopwatch.GetTimestamp();
        string bankPath = args.Require("bank");
        bool reference = (args.Get("pdq") ?? "reference") switch
        {
            "reference" => true,
            "ours" => false,
            var v => throw new UsageException($"--pdq: expected reference or ours, got '{v}'"),
        };
        PdqPipeline pdqPipeline = (args.Get("pdq-pipeline") ?? "fullres") switch
        {
            "fullres" => PdqPipeline.FullRes,
            "cli512" => PdqPipeline.Cli512,
            var v => throw new UsageException($"--pdq-pipeline: expected fullres or cli512, got '{v}'"),
        };
        int threads = Math.Max(1, args.Int("threads", 2));
        int threshold = args.Int("threshold", 31);
        string? matchesPath = args.Get("matches");
        args.RejectUnknown();
        if (args.Positional.Count == 0)
            throw new UsageException("ref-scan: give the files or directories to scan");
        var pipeline = new UploadPipeline(reference ? "reference" : "ours", DecodeOptions.Reference, reference, pdqPipeline);

        Hash256[] bank = HexHashFile.Read(bankPath);
        string[] files = args.Positional
            .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p])
            .Order(StringComparer.Ordinal).ToArray();
        double loadSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var best = new int[files.Length];
        int next = -1, failed = 0;
        long t0 = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            using UploadPipeline.Worker worker = pipeline.CreateWorker();
            int i;
            while ((i = Interlocked.Increment(ref next)) < files.Length)
            {
                try
                {
                    HashResult h = worker.Hash(File.ReadAllBytes(files[i]));
                    best[i] = LinearScan(bank, h.Hash, threshold);
                }
                catch (Exception ex) when (ex is MediaException or IOException or ArgumentException)
                {
                    Interlocked.Increment(ref failed);
                    best[i] = -2;
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;

        int matched = best.Count(b => b >= 0);
        if (matchesPath is not null)
        {
            using var w = new StreamWriter(matchesPath);
            for (int i = 0; i < files.Length; i++)
            {
                if (best[i] >= 0)
                    w.WriteLine($"{files[i]}\t{best[i]}");
            }
        }
        Report("bank_rows", bank.Length);
        Report("files", files.Length);
        Report("matched", matched);
        Report("failed", failed);
        Report("threads", threads);
        Report("load_seconds", loadSeconds);
        Report("scan_seconds", seconds);
        Report("images_per_second", files.Length / seconds);
        return 0;
    }

    /// <summary>The smallest distance within <paramref name="threshold"/> over every bank row, or -1 when none is.</summary>
    private static int LinearScan(Hash256[] bank, Hash256 query, int threshold)
    {
        int best = -1;
        foreach (Hash256 row in bank)
        {
            int d = query.DistanceTo(row);
            if (d <= threshold && (best < 0 || d < best))
                best = d;
        }
        return best;
    }

    private static void Report(string metric, double value) =>
        Console.WriteLine($"{metric}\t{value.ToString("0.###", CultureInfo.InvariantCulture)}");
}
