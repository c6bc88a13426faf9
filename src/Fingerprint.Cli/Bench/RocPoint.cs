namespace Fingerprint.Cli.Bench;

/// <summary>One operating point: match when distance &lt;= <see cref="Threshold"/>.</summary>
internal readonly record struct RocPoint(int Threshold, double FalsePositiveRate, double TruePositiveRate);
