namespace Fingerprint.Cli.Bench.Report;

/// <summary>A corpus file that could not be decoded (its pairs are unmatchable).</summary>
internal sealed class FailedFile
{
    public required string File { get; init; }
    public required string Error { get; init; }
}
