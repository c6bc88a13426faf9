namespace Fingerprint.Harness;

/// <summary>
/// End-to-end harness for benchmarks/RESULTS.md (driven by benchmarks/peers/*.sh and benchmarks/run_all.sh). Public
/// API only. Subcommands:
/// <code>
///   fidelity     fast-profile fidelity and the scale rule (issue 3.2)
///   ref-pdq      the reference-algorithm PDQ (stand-in for Meta's C++ core): same hash as ours and as the C++
///                reference's expected values, and its ms per hash beside the C++ figures
///   decode       decode+hash images/s in one run: fast, the reference pipeline (full decode + reference-algorithm
///                PDQ fullres and cli512), our own full-decode pipeline, djpeg, djpeg -scale 1/8 (issue 3.7)
///   ref-scan     the reference-style scan pipeline: full decode + reference-algorithm PDQ + linear bank scan (5.7)
///   gen-uploads  deterministic 1-3 MP JPEG uploads from real photos (ImageMagick) for the scan benchmark
///   gen-bank     a bank hash list: originals' hashes + seeded random hashes (for fingerprint bank import)
/// </code>
/// Results go to stdout (markdown tables, or metric&lt;TAB&gt;value lines), progress to stderr. Exit 2 on a usage error.
/// </summary>
public static class Program
{
    private static readonly HashSet<string> s_flags = new(StringComparer.Ordinal) { "webp", "no-peers" };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage();
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = new HarnessArgs(args.AsSpan(1), s_flags);
            return args[0] switch
            {
                "fidelity" => FidelityCommand.Run(options),
                "ref-pdq" => RefPdqCommand.Run(options),
                "decode" => DecodeSpeedCommand.Run(options),
                "ref-scan" => ReferenceScanCommand.Run(options),
                "gen-uploads" => UploadGenerator.Run(options),
                "gen-bank" => BankCommand.Run(options),
                _ => throw new UsageException($"unknown subcommand '{args[0]}'"),
            };
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"Fingerprint.Harness: {ex.Message}");
            PrintUsage();
            return 2;
        }
    }

    private static void PrintUsage()
    {
        Console.Error.WriteLine("usage: Fingerprint.Harness SUBCOMMAND [options]");
        foreach (string u in (string[])[FidelityCommand.Usage, RefPdqCommand.Usage, DecodeSpeedCommand.Usage, ReferenceScanCommand.Usage, UploadGenerator.Usage, BankCommand.Usage])
            Console.Error.WriteLine("  " + u.Replace("\n", "\n  ", StringComparison.Ordinal));
    }
}
