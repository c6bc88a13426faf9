using System.Text.Json.Serialization;

namespace Fingerprint.Cli.Bench.Report;

/// <summary>Source-generated JSON for results.json: camelCase, indented, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RobustnessReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext
{
}
