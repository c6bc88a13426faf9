namespace Fingerprint.Cli.Bench.Report;

/// <summary>One algorithm's negatives and thresholds (the same for every group).</summary>
internal sealed class AlgorithmResult
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public int Bits { get; init; }
    public int StandardThreshold { get; init; }

    /// <summary>The false-positive rate at the standard threshold.</summary>
    public double StandardFpr { get; init; }
    public long StandardFalsePositives { get; init; }

    public long Negatives { get; init; }
    public long NegativesUnmatchable { get; init; }

    /// <summary>Negative pairs per distance 0..bits.</summary>
    public required long[] NegativeHistogram { get; init; }

    public required List<ThresholdResult> Thresholds { get; init; }

    /// <summary>Area under the ROC curve over all positives.</summary>
    public double? Auc { get; init; }
}
