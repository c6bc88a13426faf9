namespace Fingerprint.Cli.Bench.Report;

/// <summary>The corpus a run scored: where, which tier and generator seed, what it holds, and what failed to decode.</summary>
internal sealed class CorpusSummary
{
    public required string Directory { get; init; }
    public string? Tier { get; init; }
    public long? GeneratorSeed { get; init; }
    public int Originals { get; init; }
    public int Edits { get; init; }
    public int Distractors { get; init; }
    public required List<FailedFile> Failed { get; init; }
}
