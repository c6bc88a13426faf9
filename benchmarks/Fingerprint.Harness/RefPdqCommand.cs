using System.Diagnostics;
using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.Imaging;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// <c>ref-pdq</c>: checks and times <see cref="ReferencePdq"/>, the reference-algorithm PDQ the throughput benchmarks
/// use as the reference pipeline's hasher (the C++ binary cannot be built here).
/// <list type="number">
/// <item>Same hash (and quality) as <see cref="PdqHasher"/>, fullres and cli512, on every image of the corpus
/// (decoded with <see cref="DecodeOptions.Reference"/>) and on seeded synthetic images of edge sizes in the four pixel
/// formats. Any difference is a failure (exit 1).</item>
/// <item>Same hash as Meta's C++ reference on conformance/pdq (<c>expected/pdq-expected.csv</c>, the images decoded as
/// the reference harness did, <c>convert FILE pnm:-</c>), except what that README excludes from strict checks (the
/// flat image's noise hash, I16.png's cli512 column made from CImg's 16-bit wrap-around): qualities always compared.</item>
/// <item>Milliseconds per hash, one thread, pixels in memory, beside DESIGN.md §8's C++ figures (75.6 ms fullres and
/// 4.9 ms cli512 on the 1600x1004 bridge photo), so a reader sees whether the stand-in is faster than the C++ reference
/// (a fair peer: ratios against it understate ours) and beside our <see cref="PdqHasher"/>.</item>
/// </list>
/// Prints two markdown tables.
/// </summary>
internal static class RefPdqCommand
{
    public const string Usage =
        "ref-pdq [--corpus PATH]... [--conformance DIR] [--image PATH]... [--size WxH]... [--min-seconds 1]";

    /// <summary>DESIGN.md §8: Meta's C++ reference on the 1600x1004 bridge photo (pdq/data/bridge-mods/aaa-orig.jpg).</summary>
    private const double CppFullResMs = 75.6, CppCli512Ms = 4.9;
    private const string Bridge = "pdq/data/bridge-mods/aaa-orig.jpg";
    private const string Flat = "synthetic/synth-flat-200x150.png";
    private const string SixteenBit = "python-threatexchange/threatexchange/tests/hashing/resources/I16.png";

    private static readonly PdqHasherOptions s_cli512 = new() { Pipeline = PdqPipeline.Cli512 };
    private static readonly ReferencePdq s_refFull = new(PdqPipeline.FullRes), s_refCli = new(PdqPipeline.Cli512);
    private static readonly PdqHasher s_oursFull = new(), s_oursCli = new(s_cli512);
    private static readonly string[] s_defaultSizes = ["512x512", "1920x1080", "4000x3000"];

    public static int Run(HarnessArgs args)
    {
        IReadOnlyList<string> roots = args.All("corpus");
        string? conformance = args.Get("conformance") ?? (Directory.Exists("../shared/conformance/pdq") ? "../shared/conformance/pdq" : null);
        IReadOnlyList<string> images = args.All("image");
        IReadOnlyList<string> sizes = args.All("size");
        if (sizes.Count == 0)
            sizes = s_defaultSizes;
        double minSeconds = args.Double("min-seconds", 1);
        args.RejectUnknown();
        if (conformance is null)
            Console.Error.WriteLine("ref-pdq: ../shared/conformance/pdq not found (pass --conformance DIR): the check against Meta's expected values is skipped");

        var checks = new Markdown("check", "images", "fullres: same hash", "cli512: same hash", "not compared")
        { IsNumeric = h => h is "images" or "fullres: same hash" or "cli512: same hash" };
        int failures = 0;
        failures += VerifySynthetic(checks);
        if (roots.Count > 0)
            failures += VerifyCorpus(roots, checks);
        if (conformance is not null)
            failures += VerifyConformance(conformance, checks);

        var timing = new Markdown("image", "MP", "stand-in fullres ms", "C++ fullres ms", "C++ / stand-in (fullres)", "stand-in cli512 ms",
            "C++ cli512 ms", "C++ / stand-in (cli512)", "ours fullres ms", "ours cli512 ms", "stand-in / ours fullres", "stand-in / ours cli512")
        { IsNumeric = h => h is not "image" };
        var timed = new List<(string Label, PixelBuffer Pixels, bool IsBridge)>();
        foreach (string s in sizes)
        {
            (int w, int h) = ParseSize(s);
            timed.Add(("synthetic", SyntheticImage.Create(7, w, h, PixelFormat.Rgb24), false));
        }
        string? bridge = conformance is null ? null : Path.Combine(conformance, "images", Bridge);
        IEnumerable<string> files = images.Count > 0 ? images : bridge is not null && File.Exists(bridge) ? [bridge] : [];
        using (var decoder = new ImageDecoder())
        {
            foreach (string f in files)
            {
                using DecodedImage d = decoder.Decode(File.ReadAllBytes(f), DecodeOptions.Reference);
                PixelBuffer copy = new(d.Pixels.Width, d.Pixels.Height, d.Pixels.Format);
                for (int y = 0; y < copy.Height; y++)
                    d.Pixels.GetRow(y).CopyTo(copy.GetRow(y));
                bool isBridge = bridge is not null && Path.GetFullPath(f) == Path.GetFullPath(bridge);
                timed.Add((isBridge ? "bridge photo aaa-orig.jpg (DESIGN.md §8's \"2 MP\")" : Path.GetFileName(f), copy, isBridge));
            }
        }
        timed.Sort((a, b) => ((long)a.Pixels.Width * a.Pixels.Height).CompareTo((long)b.Pixels.Width * b.Pixels.Height));

        var refFull = new ReferencePdq(PdqPipeline.FullRes);
        var refCli = new ReferencePdq(PdqPipeline.Cli512);
        var oursFull = new PdqHasher();
        var oursCli = new PdqHasher(s_cli512);
        foreach ((string label, PixelBuffer pixels, bool isBridge) in timed)
        {
            using PixelBuffer owned = pixels;
            double rf = TimeMs(() => refFull.Hash(pixels.AsView()), minSeconds);
            double rc = TimeMs(() => refCli.Hash(pixels.AsView()), minSeconds);
            double of = TimeMs(() => oursFull.Hash(pixels.AsView()), minSeconds);
            double oc = TimeMs(() => oursCli.Hash(pixels.AsView()), minSeconds);
            Console.Error.WriteLine($"ref-pdq: {label} {pixels.Width}x{pixels.Height}: stand-in fullres {rf:F2} ms, cli512 {rc:F2} ms; ours {of:F2} / {oc:F2} ms");
            timing.Add($"{pixels.Width}x{pixels.Height} {label}", Markdown.Fixed(pixels.Width * (double)pixels.Height / 1e6, 2),
                Markdown.Num(rf), isBridge ? Markdown.Num(CppFullResMs) : "-", isBridge ? Markdown.Ratio(CppFullResMs, rf) : "-",
                Markdown.Num(rc), isBridge ? Markdown.Num(CppCli512Ms) : "-", isBridge ? Markdown.Ratio(CppCli512Ms, rc) : "-",
                Markdown.Num(of), Markdown.Num(oc), Markdown.Ratio(rf, of), Markdown.Ratio(rc, oc));
        }

        Console.WriteLine("Reference-algorithm PDQ (the stand-in for Meta's C++ core): same hash as ours and as the C++ reference's expected values.");
        Console.WriteLine();
        Console.Write(checks.ToString());
        Console.WriteLine();
        Console.WriteLine("Milliseconds per hash, one thread, pixels in memory (median of the repeats over >= " +
            minSeconds.ToString(CultureInfo.InvariantCulture) + " s each). C++: DESIGN.md §8's figures for Meta's reference on the bridge photo (2-core AVX2 machine, not this run).");
        Console.WriteLine();
        Console.Write(timing.ToString());
        if (failures > 0)
            Console.Error.WriteLine($"ref-pdq: FAILED: {failures} hash mismatch(es) (details above)");
        return failures > 0 ? 1 : 0;
    }

    private static int VerifySynthetic(Markdown checks)
    {
        (int W, int H)[] sizes = [(4, 4), (5, 5), (4, 900), (17, 23), (63, 65), (64, 64), (128, 128), (200, 120), (512, 512), (513, 384),
            (700, 1000), (1001, 37), (2000, 9), (1601, 1003)];
        PixelFormat[] formats = [PixelFormat.Gray8, PixelFormat.Rgb24, PixelFormat.Rgba32, PixelFormat.Bgra32];
        int n = 0, full = 0, cli = 0, failures = 0;
        foreach ((int w, int h) in sizes)
        {
            foreach (PixelFormat format in formats)
            {
                using PixelBuffer image = SyntheticImage.Create((ulong)(w * 31 + h), w, h, format);
                (bool f, bool c) = Compare(image.AsView(), $"synthetic {w}x{h} {format}");
                n++;
                full += f ? 1 : 0;
                cli += c ? 1 : 0;
                failures += (f ? 0 : 1) + (c ? 0 : 1);
            }
        }
        checks.Add("ours (PdqHasher) on seeded synthetic images: 14 sizes (4x4 to 2000x9, 64x64) x Gray8/Rgb24/Rgba32/Bgra32",
            n.ToString(CultureInfo.InvariantCulture), full.ToString(CultureInfo.InvariantCulture), cli.ToString(CultureInfo.InvariantCulture), "-");
        return failures;
    }

    private static int VerifyCorpus(IReadOnlyList<string> roots, Markdown checks)
    {
        List<CorpusFile> files = Corpus.Find(roots, MediaFormat.Jpeg, MediaFormat.Png, MediaFormat.WebP);
        using var decoder = new ImageDecoder();
        int n = 0, full = 0, cli = 0, failures = 0, undecodable = 0;
        foreach (CorpusFile file in files)
        {
            DecodedImage image;
            try
            {
                image = decoder.Decode(File.ReadAllBytes(file.Path), DecodeOptions.Reference);
            }
            catch (MediaException)
            {
                undecodable++;
                continue;
            }
            using (image)
            {
                (bool f, bool c) = Compare(image.Pixels.AsView(), Corpus.Display(file.Path));
                n++;
                full += f ? 1 : 0;
                cli += c ? 1 : 0;
                failures += (f ? 0 : 1) + (c ? 0 : 1);
            }
        }
        Console.Error.WriteLine($"ref-pdq: corpus: {n} images compared, {undecodable} not decodable (skipped)");
        checks.Add($"ours (PdqHasher) on the corpus ({string.Join(", ", roots)}: JPEG/PNG/WebP, DecodeOptions.Reference)",
            n.ToString(CultureInfo.InvariantCulture), full.ToString(CultureInfo.InvariantCulture), cli.ToString(CultureInfo.InvariantCulture),
            undecodable > 0 ? $"{undecodable} not decodable" : "-");
        return failures;
    }

    /// <summary>Both pipelines of the stand-in against ours on one image (single-threaded); prints a mismatch to stderr.</summary>
    private static (bool FullRes, bool Cli512) Compare(ImageView image, string label)
    {
        HashResult rf = s_refFull.Hash(image), of = s_oursFull.Hash(image);
        HashResult rc = s_refCli.Hash(image), oc = s_oursCli.Hash(image);
        if (rf != of)
            Console.Error.WriteLine($"ref-pdq: MISMATCH fullres {label}: stand-in {rf.Hash} q{rf.Quality}, ours {of.Hash} q{of.Quality}");
        if (rc != oc)
            Console.Error.WriteLine($"ref-pdq: MISMATCH cli512 {label}: stand-in {rc.Hash} q{rc.Quality}, ours {oc.Hash} q{oc.Quality}");
        return (rf == of, rc == oc);
    }

    private static int VerifyConformance(string dir, Markdown checks)
    {
        string csv = Path.Combine(dir, "expected", "pdq-expected.csv");
        if (!File.Exists(csv) || !ProcessRunner.OnPath("convert"))
        {
            Console.Error.WriteLine($"ref-pdq: {csv} or ImageMagick convert missing: conformance check skipped");
            return 0;
        }
        string[] header = File.ReadLines(csv).First().Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{csv}: no column {name}");
        int cFile = Col("file"), cCliHash = Col("cli_hash"), cCliQ = Col("cli_quality"), cFullHash = Col("fullres_hash"), cFullQ = Col("fullres_quality");
        using var decoder = new ImageDecoder();
        var full = new ReferencePdq(PdqPipeline.FullRes);
        var cli = new ReferencePdq(PdqPipeline.Cli512);
        int n = 0, fullOk = 0, cliOk = 0, failures = 0;
        var notCompared = new List<string>();
        foreach (string line in File.ReadLines(csv).Skip(1).Where(l => l.Length > 0))
        {
            string[] c = line.Split(',');
            string file = c[cFile];
            byte[] pnm = ProcessRunner.Capture("convert", [Path.Combine(dir, "images", file), "pnm:-"]);
            using DecodedImage image = decoder.Decode(pnm, DecodeOptions.Reference);
            HashResult f = full.Hash(image.Pixels.AsView()), k = cli.Hash(image.Pixels.AsView());
            bool hashes = file != Flat;
            bool fOk = f.Quality == int.Parse(c[cFullQ], CultureInfo.InvariantCulture) && (!hashes || f.Hash == Hash256.Parse(c[cFullHash]));
            bool kOk = file == SixteenBit
                || (k.Quality == int.Parse(c[cCliQ], CultureInfo.InvariantCulture) && (!hashes || k.Hash == Hash256.Parse(c[cCliHash])));
            if (!hashes)
                notCompared.Add("flat image: qualities only");
            if (file == SixteenBit)
                notCompared.Add("I16.png cli512");
            if (!fOk)
                Console.Error.WriteLine($"ref-pdq: MISMATCH with the C++ reference, fullres {file}: {f.Hash} q{f.Quality}, expected {c[cFullHash]} q{c[cFullQ]}");
            if (!kOk)
                Console.Error.WriteLine($"ref-pdq: MISMATCH with the C++ reference, cli512 {file}: {k.Hash} q{k.Quality}, expected {c[cCliHash]} q{c[cCliQ]}");
            n++;
            fullOk += fOk ? 1 : 0;
            cliOk += kOk ? 1 : 0;
            failures += (fOk ? 0 : 1) + (kOk ? 0 : 1);
        }
        checks.Add("Meta's C++ reference: conformance/pdq/expected/pdq-expected.csv (images via `convert FILE pnm:-`)",
            n.ToString(CultureInfo.InvariantCulture), fullOk.ToString(CultureInfo.InvariantCulture), cliOk.ToString(CultureInfo.InvariantCulture),
            notCompared.Count == 0 ? "-" : string.Join("; ", notCompared) + " (README exclusions)");
        return failures;
    }

    /// <summary>Median milliseconds of one call, over at least 3 calls and <paramref name="minSeconds"/> (after one warm-up call).</summary>
    private static double TimeMs(Func<HashResult> hash, double minSeconds)
    {
        hash();
        var samples = new List<double>();
        long start = Stopwatch.GetTimestamp();
        while (samples.Count < 3 || Stopwatch.GetElapsedTime(start).TotalSeconds < minSeconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            hash();
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        return Stats.Percentile(samples, 50);
    }

    private static (int Width, int Height) ParseSize(string s)
    {
        string[] p = s.Split('x');
        if (p.Length != 2 || !int.TryParse(p[0], CultureInfo.InvariantCulture, out int w) || !int.TryParse(p[1], CultureInfo.InvariantCulture, out int h) || w < 1 || h < 1)
            throw new UsageException($"--size: expected WxH, got '{s}'");
        return (w, h);
    }
}
