using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// <c>gen-uploads</c> (issue 5.7): N deterministic 1-3 MP JPEG "uploads" made with ImageMagick from real photos (JPEG
/// sources of at least <c>--min-source-mp</c>; never upscaled): each upload is a random crop (55-100% of the area,
/// aspect changed by up to ~15%) of a source, resized (triangle filter) to a random 1-3 MP (at most the crop's size),
/// saved at quality 60-95 with 4:2:0 (80%), 4:4:4 or 4:2:2 chroma. Every (N / originals)-th upload also keeps its
/// pre-JPEG image as PNG in <c>originals/</c>: the bank holds those, so exactly those uploads are real matches.
/// All choices come from SplitMix64(seed) in upload order, ImageMagick runs single-threaded with -strip, so the same
/// sources, seed and tool versions give the same files. A completed directory carries a stamp of its parameters and
/// is reused as is (the cache between runs).
/// </summary>
internal static class UploadGenerator
{
    public const string Usage =
        "gen-uploads --out DIR [--count 10000] [--originals 100] [--seed 1] [--jobs 2] [--min-source-mp 1.8] [--corpus PATH]...";

    private const double PreparedPixels = 3.5e6;
    private const int BatchSize = 48;

    public static int Run(HarnessArgs args)
    {
        string outDir = args.Require("out");
        int count = args.Int("count", 10_000);
        int originals = Math.Min(count, args.Int("originals", 100));
        ulong seed = (ulong)args.Int("seed", 1);
        int jobs = Math.Max(1, args.Int("jobs", 2));
        double minSourceMp = args.Double("min-source-mp", 1.8);
        IReadOnlyList<string> roots = args.All("corpus");
        if (roots.Count == 0)
            roots = ["testmedia/sources"];
        args.RejectUnknown();
        if (!ProcessRunner.OnPath("convert"))
            throw new UsageException("ImageMagick's convert is needed (apt-get install imagemagick)");

        List<(CorpusFile File, int Width, int Height, bool Swapped)> sources = Sources(roots, minSourceMp);
        if (sources.Count == 0)
            throw new UsageException($"no JPEG of at least {minSourceMp} MP under {string.Join(", ", roots)}");

        string stamp = Stamp(sources, count, originals, seed);
        string stampPath = Path.Combine(outDir, ".complete");
        if (File.Exists(stampPath) && File.ReadAllText(stampPath) == stamp)
        {
            Console.Error.WriteLine($"gen-uploads: {outDir} is up to date ({count} uploads), reused");
            return 0;
        }
        if (Directory.Exists(outDir))
            Directory.Delete(outDir, recursive: true);
        Directory.CreateDirectory(Path.Combine(outDir, "uploads"));
        Directory.CreateDirectory(Path.Combine(outDir, "originals"));

        List<UploadSpec> specs = Plan(sources, count, originals, seed);
        WriteManifest(outDir, sources, specs);
        var batches = specs.GroupBy(s => s.Source)
            .SelectMany(g => g.Chunk(BatchSize).Select(chunk => (Source: g.Key, Specs: chunk)))
            .ToList();
        int done = 0;
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = jobs }, batch =>
        {
            (CorpusFile file, int w, int h, bool swapped) = sources[batch.Source];
            ProcessRunner.Run("convert", Arguments(file.Path, swapped, Prepared(w, h), batch.Specs, outDir));
            int n = Interlocked.Add(ref done, batch.Specs.Length);
            Console.Error.WriteLine($"gen-uploads: {n}/{count}");
        });

        int made = Directory.GetFiles(Path.Combine(outDir, "uploads")).Length;
        if (made != count)
            throw new InvalidOperationException($"gen-uploads: expected {count} uploads, found {made}");
        File.WriteAllText(stampPath, stamp);
        Console.Error.WriteLine($"gen-uploads: {count} uploads ({originals} with originals) from {sources.Count} sources -> {outDir}");
        return 0;
    }

    /// <summary>JPEG sources of at least <paramref name="minMp"/>, with their size after EXIF orientation (Swapped: the
    /// orientation transposes the stored image).</summary>
    private static List<(CorpusFile File, int Width, int Height, bool Swapped)> Sources(IReadOnlyList<string> roots, double minMp)
    {
        using var decoder = new ImageDecoder();
        var probe = DecodeOptions.Fast with { FastMinShortSide = 1, PreferGray = true };
        var result = new List<(CorpusFile, int, int, bool)>();
        foreach (CorpusFile f in Corpus.Find(roots, MediaFormat.Jpeg))
        {
            try
            {
                using DecodedImage image = decoder.Decode(File.ReadAllBytes(f.Path), probe);
                bool swapped = image.ExifOrientation >= 5;
                (int w, int h) = swapped ? (image.SourceHeight, image.SourceWidth) : (image.SourceWidth, image.SourceHeight);
                if ((double)w * h / 1e6 >= minMp)
                    result.Add((f, w, h, swapped));
            }
            catch (MediaException ex)
            {
                Console.Error.WriteLine($"gen-uploads: skipping {f.Path}: {ex.Message}");
            }
        }
        return result;
    }

    private static (int Width, int Height) Prepared(int w, int h)
    {
        double s = Math.Min(1.0, Math.Sqrt(PreparedPixels / ((double)w * h)));
        return (Math.Max(1, (int)Math.Round(w * s)), Math.Max(1, (int)Math.Round(h * s)));
    }

    private static List<UploadSpec> Plan(List<(CorpusFile File, int Width, int Height, bool Swapped)> sources, int count, int originals, ulong seed)
    {
        var rng = new SplitMix64(seed);
        int every = Math.Max(1, count / Math.Max(1, originals));
        var specs = new List<UploadSpec>(count);
        for (int i = 0; i < count; i++)
        {
            int src = rng.NextInt(sources.Count);
            (int pw, int ph) = Prepared(sources[src].Width, sources[src].Height);
            double area = rng.NextDouble(0.55, 1.0), aspect = Math.Exp(rng.NextDouble(-0.15, 0.15));
            int cw = Math.Clamp((int)Math.Round(pw * Math.Sqrt(area * aspect)), 16, pw);
            int ch = Math.Clamp((int)Math.Round(ph * Math.Sqrt(area / aspect)), 16, ph);
            int x = rng.NextInt(pw - cw + 1), y = rng.NextInt(ph - ch + 1);
            double target = rng.NextDouble(1.0, 3.0) * 1e6;
            double k = Math.Min(1.0, Math.Sqrt(target / ((double)cw * ch)));
            int ow = Math.Max(16, (int)Math.Round(cw * k)), oh = Math.Max(16, (int)Math.Round(ch * k));
            int quality = 60 + rng.NextInt(36);
            double u = rng.NextDouble();
            string sampling = u < 0.8 ? "2x2" : u < 0.9 ? "1x1" : "2x1";
            bool original = i % every == 0 && i / every < originals;
            specs.Add(new UploadSpec(i, src, x, y, cw, ch, ow, oh, quality, sampling, original));
        }
        return specs;
    }

    private static List<string> Arguments(string source, bool swapped, (int Width, int Height) prepared, UploadSpec[] specs, string outDir)
    {
        var a = new List<string>
        {
            "-limit", "thread", "1", "-define", "png:compression-level=1", "-define", "png:exclude-chunk=date,time",
            // jpeg:size (in stored orientation) lets libjpeg decode the source at the smallest DCT scale still covering the
            // prepared size, which the exact resize then reaches: the same pixels every run, a fraction of the time at 12 MP.
            "-define", swapped ? $"jpeg:size={prepared.Height}x{prepared.Width}" : $"jpeg:size={prepared.Width}x{prepared.Height}",
            source, "-auto-orient", "-strip", "-resize", $"{prepared.Width}x{prepared.Height}!", "-write", "mpr:src",
        };
        foreach (UploadSpec s in specs)
        {
            a.AddRange(["(", "mpr:src", "-crop", $"{s.CropWidth}x{s.CropHeight}+{s.X}+{s.Y}", "+repage",
                "-filter", "Triangle", "-resize", $"{s.Width}x{s.Height}!"]);
            if (s.Original)
                a.AddRange(["-write", Path.Combine(outDir, "originals", s.Name + ".png")]);
            a.AddRange(["-sampling-factor", s.Sampling, "-quality", s.Quality.ToString(CultureInfo.InvariantCulture),
                "-write", Path.Combine(outDir, "uploads", s.Name + ".jpg"), "+delete", ")"]);
        }
        a.Add("null:");
        return a;
    }

    private static void WriteManifest(string outDir, List<(CorpusFile File, int Width, int Height, bool Swapped)> sources, List<UploadSpec> specs)
    {
        using (var w = new StreamWriter(Path.Combine(outDir, "uploads.tsv")))
        {
            w.WriteLine("upload\tsource\tcrop\twidth\theight\tquality\tsampling\toriginal");
            foreach (UploadSpec s in specs)
            {
                w.WriteLine($"uploads/{s.Name}.jpg\t{Corpus.Display(sources[s.Source].File.Path)}\t{s.CropWidth}x{s.CropHeight}+{s.X}+{s.Y}\t" +
                    $"{s.Width}\t{s.Height}\t{s.Quality}\t{s.Sampling}\t{(s.Original ? $"originals/{s.Name}.png" : "")}");
            }
        }
        File.WriteAllLines(Path.Combine(outDir, "originals.txt"),
            specs.Where(s => s.Original).Select(s => Path.GetFullPath(Path.Combine(outDir, "originals", s.Name + ".png"))));
    }

    /// <summary>What the output depends on: sources (name, oriented size, bytes), count, originals, seed, generator version.</summary>
    private static string Stamp(List<(CorpusFile File, int Width, int Height, bool Swapped)> sources, int count, int originals, ulong seed)
    {
        var sb = new StringBuilder($"gen-uploads v2 count={count} originals={originals} seed={seed}\n");
        foreach ((CorpusFile f, int w, int h, _) in sources)
            sb.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(f.Path)} {w}x{h} {f.Bytes}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))) + "\n" + sb;
    }
}
