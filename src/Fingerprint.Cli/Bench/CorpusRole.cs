namespace Fingerprint.Cli.Bench;

/// <summary>What a corpus file is for (testmedia/README.md, manifest.jsonl <c>role</c>).</summary>
internal enum CorpusRole
{
    /// <summary>A banked original: every edit derives from one.</summary>
    Original,

    /// <summary>An edited copy of an original: a positive against it, a negative against every other original.</summary>
    Edit,

    /// <summary>A never-banked file: a negative against every original.</summary>
    Distractor,
}
