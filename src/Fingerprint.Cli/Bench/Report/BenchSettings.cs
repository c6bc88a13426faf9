namespace Fingerprint.Cli.Bench.Report;

/// <summary>The options of a run, enough to reproduce it.</summary>
internal sealed class BenchSettings
{
    public required string Profile { get; init; }
    public int MinQuality { get; init; }
    public ulong Seed { get; init; }
    public int Bootstrap { get; init; }
    public required List<double> TargetFprs { get; init; }
    public required List<string> Algorithms { get; init; }
    public int Workers { get; init; }
    public required string Command { get; init; }
}
