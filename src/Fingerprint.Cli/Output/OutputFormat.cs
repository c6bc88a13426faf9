namespace Fingerprint.Cli.Output;

/// <summary>Result formats on stdout.</summary>
internal enum OutputFormat
{
    /// <summary>Human/reference text: for hash, `hash,quality,path` as pdq-photo-hasher prints it.</summary>
    Text,

    /// <summary>CSV with a header row.</summary>
    Csv,

    /// <summary>One JSON object per input (JSON Lines).</summary>
    Jsonl,
}
