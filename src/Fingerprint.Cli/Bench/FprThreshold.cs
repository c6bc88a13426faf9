namespace Fingerprint.Cli.Bench;

/// <summary>
/// The largest distance threshold whose false-positive rate on the negatives is at most <see cref="TargetFpr"/>.
/// </summary>
/// <param name="TargetFpr">The rate asked for (1e-3, 1e-4).</param>
/// <param name="Threshold">Largest t with FP(t) &lt;= floor(TargetFpr x Negatives); -1 when even distance 0 has too many
/// negatives (then nothing may match).</param>
/// <param name="FalsePositives">Negatives at distance &lt;= <see cref="Threshold"/>.</param>
/// <param name="Negatives">All negative pairs.</param>
/// <param name="Resolvable">TargetFpr x Negatives &gt;= 1: the corpus has enough negatives to tell this rate from 0.
/// When false, the threshold is the one with no false positive at all (the rate measured is only "below
/// 1/Negatives").</param>
internal readonly record struct FprThreshold(double TargetFpr, int Threshold, long FalsePositives, long Negatives, bool Resolvable)
{
    /// <summary>The false-positive rate measured at <see cref="Threshold"/>.</summary>
    public double Fpr => Negatives == 0 ? 0 : (double)FalsePositives / Negatives;
}
