using Fingerprint.Cli.Progress;
using Fingerprint.Media;

namespace Fingerprint.Cli.Bench;

/// <summary>The options of one `bench robustness` run.</summary>
internal sealed record RobustnessSettings
{
    public required string Corpus { get; init; }
    public required string OutputDirectory { get; init; }
    public ulong Seed { get; init; } = 1;
    public required IReadOnlyList<BenchAlgorithm> Algorithms { get; init; }
    public DecodeProfile Profile { get; init; } = DecodeProfile.Fast;
    public int MinQuality { get; init; } = Matching.MatchOptions.DefaultMinQuality;

    /// <summary>Bootstrap resamples for the recall intervals (0: no intervals).</summary>
    public int Bootstrap { get; init; } = 200;
    public int Workers { get; init; } = Environment.ProcessorCount;
    public ProgressMode Progress { get; init; } = ProgressMode.Auto;

    /// <summary>The command line, recorded in the report.</summary>
    public string CommandLine { get; init; } = "";
}
