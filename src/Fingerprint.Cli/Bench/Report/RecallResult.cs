namespace Fingerprint.Cli.Bench.Report;

/// <summary>Recall of a group at the threshold fixed for one target false-positive rate, with its bootstrap interval.</summary>
internal sealed class RecallResult
{
    public double TargetFpr { get; init; }
    public int Threshold { get; init; }
    public double Recall { get; init; }
    public double? Low { get; init; }
    public double? High { get; init; }
}
