namespace Fingerprint.Cli.Bench.Report;

/// <summary>results.json of `bench robustness` (camelCase; the HTML and CSV reports are made from this object).</summary>
internal sealed class RobustnessReport
{
    public string Tool { get; init; } = "fingerprint bench robustness";
    public required CorpusSummary Corpus { get; init; }
    public required BenchSettings Settings { get; init; }
    public required PairSummary Pairs { get; init; }
    public required List<AlgorithmResult> Algorithms { get; init; }
    public required List<GroupResult> Groups { get; init; }
    public required List<StageTiming> Timings { get; init; }
}
