using System.Diagnostics;
using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.Index;

namespace Fingerprint.IndexBench;

/// <summary>
/// Index benchmark harness, driven by benchmarks/peers/index_bench.sh (which runs faiss on the same files):
/// <code>
///   gen-bank    --kind random|clustered --count N --seed S --out bank.bin
///   gen-queries --bank bank.bin --count Q --variants V --seed S --out queries.bin
///   run         --bank bank.bin --single q1.bin [--dihedral q8.bin] [--bulk qb.bin] [--radius 31] [--threads 1]
///               [--strategy auto|flat|mih] [--chunk-bits B] [--snapshot file] [--flat-bulk 200] [--min-seconds 2]
/// </code>
/// <c>run</c> prints "metric&lt;TAB&gt;value" lines on stdout: build and snapshot timings, memory, and for each query
/// set the queries per second and the total number of matches (which must equal faiss's).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: gen-bank | gen-queries | run (see Program.cs)");
            return 2;
        }
        var options = Parse(args.AsSpan(1));
        try
        {
            switch (args[0])
            {
                case "gen-bank":
                    HashFile.Write(options["out"], new HashGenerator(ulong.Parse(options["seed"], CultureInfo.InvariantCulture))
                        .Bank(options["kind"], int.Parse(options["count"], CultureInfo.InvariantCulture)));
                    return 0;
                case "gen-queries":
                    HashFile.Write(options["out"], new HashGenerator(ulong.Parse(options["seed"], CultureInfo.InvariantCulture))
                        .Queries(HashFile.Read(options["bank"]), int.Parse(options["count"], CultureInfo.InvariantCulture),
                            int.Parse(options.GetValueOrDefault("variants", "1"), CultureInfo.InvariantCulture)));
                    return 0;
                case "run":
                    Run(options);
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown command '{args[0]}'");
                    return 2;
            }
        }
        catch (KeyNotFoundException ex)
        {
            Console.Error.WriteLine($"missing option: {ex.Message}");
            return 2;
        }
    }

    private static Dictionary<string, string> Parse(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string>();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"expected --option, got '{args[i]}'");
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    private static void Report(string metric, double value) =>
        Console.WriteLine($"{metric}\t{value.ToString("0.###", CultureInfo.InvariantCulture)}");

    private static void Report(string metric, string value) => Console.WriteLine($"{metric}\t{value}");

    private static void Run(Dictionary<string, string> options)
    {
        int radius = int.Parse(options.GetValueOrDefault("radius", "31"), CultureInfo.InvariantCulture);
        int threads = int.Parse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture);
        double minSeconds = double.Parse(options.GetValueOrDefault("min-seconds", "2"), CultureInfo.InvariantCulture);
        var strategy = options.GetValueOrDefault("strategy", "auto") switch
        {
            "flat" => HammingIndexStrategy.Flat,
            "mih" => HammingIndexStrategy.MultiIndex,
            _ => HammingIndexStrategy.Auto,
        };
        var indexOptions = new HammingIndexOptions
        {
            Strategy = strategy,
            ChunkBits = int.Parse(options.GetValueOrDefault("chunk-bits", "0"), CultureInfo.InvariantCulture),
            DesignRadius = radius,
            MaxDegreeOfParallelism = threads,
        };

        Hash256[] bank = HashFile.Read(options["bank"]);
        long[] ids = new long[bank.Length];
        for (int i = 0; i < ids.Length; i++)
            ids[i] = i;
        var stopwatch = Stopwatch.StartNew();
        HammingIndex index = HammingIndex.Create(bank, ids, indexOptions);
        Report("build_ms", stopwatch.Elapsed.TotalMilliseconds);
        Report("rows", index.Count);
        Report("strategy", index.Strategy.ToString());
        Report("chunks", index.ChunkCount == 0 ? "-" : $"{index.ChunkCount}x{string.Join('/', index.ChunkWidths.Distinct())}");
        Report("memory_bytes", index.MemoryBytes);
        Report("memory_ratio", index.MemoryBytes / (bank.Length * 40.0));
        bank = [];

        if (options.TryGetValue("snapshot", out string? snapshot))
        {
            stopwatch.Restart();
            index.WriteTo(snapshot);
            Report("write_ms", stopwatch.Elapsed.TotalMilliseconds);
            index.Dispose();
            var opens = new List<double>();
            for (int i = 0; i < 7; i++)
            {
                stopwatch.Restart();
                HammingIndex opened = HammingIndex.Open(snapshot, verify: false, indexOptions);
                opens.Add(stopwatch.Elapsed.TotalMilliseconds);
                if (i < 6)
                    opened.Dispose();
                else
                    index = opened;   // the runs below query the mapped snapshot, as a matcher process would
            }
            opens.Sort();
            Report("open_ms", opens[opens.Count / 2]);
            stopwatch.Restart();
            HammingIndex.Open(snapshot, verify: true, indexOptions).Dispose();
            Report("open_verify_ms", stopwatch.Elapsed.TotalMilliseconds);
        }

        if (options.TryGetValue("single", out string? singleFile))
        {
            Hash256[] single = HashFile.Read(singleFile);
            Measure("single", single, 1, index, radius, threads, minSeconds);
            if (snapshot is not null)
            {
                // One query, one flat pass over every row, split across the threads (DESIGN.md §8: single-query scan).
                using HammingIndex flat = HammingIndex.Open(snapshot, verify: false, indexOptions with { Strategy = HammingIndexStrategy.Flat });
                var results = new List<IndexMatch>();
                flat.Search(single[0], radius, results);   // warm-up
                int runs = 0;
                stopwatch.Restart();
                do
                {
                    results.Clear();
                    flat.Search(single[runs % single.Length], radius, results);
                    runs++;
                }
                while (stopwatch.Elapsed.TotalSeconds < minSeconds / 2 || runs < 3);
                double ms = stopwatch.Elapsed.TotalMilliseconds / runs;
                Report("flat_single_ms", ms);
                Report("flat_single_gbps", flat.Count * 32.0 / (ms * 1e6));
            }
        }
        if (options.TryGetValue("dihedral", out string? dihedralFile))
            Measure("dihedral", HashFile.Read(dihedralFile), 8, index, radius, threads, minSeconds);
        if (options.TryGetValue("bulk", out string? bulkFile))
        {
            Hash256[] bulk = HashFile.Read(bulkFile);
            var results = new List<IndexMatch>();
            index.SearchBatch(bulk.AsSpan(0, Math.Min(bulk.Length, 64)), radius, results);   // warm-up (JIT, page faults)
            results.Clear();
            stopwatch.Restart();
            index.SearchBatch(bulk, radius, results);
            double seconds = stopwatch.Elapsed.TotalSeconds;
            Report("bulk_queries", bulk.Length);
            Report("bulk_seconds", seconds);
            Report("bulk_qps", bulk.Length / seconds);
            Report("bulk_ns_per_pair", seconds * 1e9 / ((double)bulk.Length * index.Count));
            Report("bulk_matches", results.Count);

            int flatCount = Math.Min(bulk.Length, int.Parse(options.GetValueOrDefault("flat-bulk", "0"), CultureInfo.InvariantCulture));
            if (flatCount > 0 && snapshot is not null)
            {
                // The blocked flat scan on the same rows (mapped again with the flat strategy), on a subset of the batch.
                using HammingIndex flat = HammingIndex.Open(snapshot, verify: false, indexOptions with { Strategy = HammingIndexStrategy.Flat });
                flat.SearchBatch(bulk.AsSpan(0, Math.Min(flatCount, 16)), radius, results);   // warm-up
                results.Clear();
                stopwatch.Restart();
                flat.SearchBatch(bulk.AsSpan(0, flatCount), radius, results);
                seconds = stopwatch.Elapsed.TotalSeconds;
                Report("flat_bulk_queries", flatCount);
                Report("flat_bulk_ns_per_pair", seconds * 1e9 / ((double)flatCount * flat.Count));
                Report("flat_bulk_matches", results.Count);
            }
        }
        index.Dispose();
    }

    /// <summary>
    /// Queries one at a time (each call one query group), on <paramref name="threads"/> threads sharing the list; repeated
    /// until at least <paramref name="minSeconds"/> have passed. Reports the rate and the matches of the first round.
    /// </summary>
    private static void Measure(string name, Hash256[] hashes, int variants, HammingIndex index, int radius, int threads, double minSeconds)
    {
        int groups = hashes.Length / variants;
        var warm = new List<IndexMatch>();
        for (int g = 0; g < Math.Min(groups, 32); g++)   // warm-up (JIT, page faults), untimed
            index.SearchDihedral(hashes.AsSpan(g * variants, variants), radius, warm);
        long matches = 0;
        long done = 0;
        var stopwatch = Stopwatch.StartNew();
        int rounds = 0;
        do
        {
            long roundMatches = 0;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var results = new List<IndexMatch>();
                long local = 0;
                for (int g = t; g < groups; g += threads)
                {
                    results.Clear();
                    if (variants == 1)
                        index.Search(hashes[g], radius, results);
                    else
                        index.SearchDihedral(hashes.AsSpan(g * variants, variants), radius, results);
                    local += results.Count;
                }
                Interlocked.Add(ref roundMatches, local);
            });
            if (rounds++ == 0)
                matches = roundMatches;
            done += groups;
        }
        while (stopwatch.Elapsed.TotalSeconds < minSeconds);
        double seconds = stopwatch.Elapsed.TotalSeconds;
        Report($"{name}_queries", groups);
        Report($"{name}_qps", done / seconds);
        Report($"{name}_us", seconds * 1e6 / done * threads);
        Report($"{name}_matches", matches);
    }
}
