namespace Fingerprint.Cli.Bench.Report;

/// <summary>The threshold fixed on the negatives for one target false-positive rate.</summary>
internal sealed class ThresholdResult
{
    public double TargetFpr { get; init; }

    /// <summary>Largest distance threshold with FPR &lt;= target (-1: nothing may match).</summary>
    public int Threshold { get; init; }
    public long FalsePositives { get; init; }
    public double Fpr { get; init; }

    /// <summary>target x negatives &gt;= 1; when false the threshold only guarantees no false positive among the negatives.</summary>
    public bool Resolvable { get; init; }

    /// <summary>2.5th / 97.5th percentile of the threshold over the bootstrap resamples of the queries.</summary>
    public int? BootstrapLow { get; init; }
    public int? BootstrapHigh { get; init; }
}
