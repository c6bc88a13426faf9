using System.Text.Json.Serialization;
using Fingerprint.Cli.Output;

namespace Fingerprint.Cli;

/// <summary>Source-generated JSON (no reflection): camelCase names, nulls omitted unless a member says otherwise.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(MediaRecord))]
[JsonSerializable(typeof(string))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
