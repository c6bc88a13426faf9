namespace Fingerprint.Cli.Bench.Report;

/// <summary>Per-image time of one stage, as measured on the workers during the run (noisy when the host is busy).</summary>
internal sealed class StageTiming
{
    public required string Stage { get; init; }
    public int Images { get; init; }
    public double MeanMs { get; init; }
    public double MedianMs { get; init; }
    public double P95Ms { get; init; }
}
