namespace Fingerprint.Cli.Bench.Report;

/// <summary>How many pairs were scored, and where the negatives come from.</summary>
internal sealed class PairSummary
{
    public long Positives { get; init; }
    public long Negatives { get; init; }

    /// <summary>Negative pairs by the query's kind: "edit" (an edit vs the other originals) or the distractor kind.</summary>
    public required Dictionary<string, long> NegativesByQueryKind { get; init; }

    public required string Definition { get; init; }
}
