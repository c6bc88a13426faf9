namespace Fingerprint.Cli.Bench;

/// <summary>Which part of the query and of the original gave a pair's distance (meme-aware algorithms).</summary>
internal enum MatchEvidence : byte
{
    /// <summary>No distance (unmatchable) or not a region-aware algorithm.</summary>
    None = 0,

    /// <summary>Whole query vs whole original.</summary>
    Full = 1,

    /// <summary>The query's trimmed region (vs the original's whole or trimmed hash).</summary>
    QueryTrimmed = 2,

    /// <summary>One of the query's panels or panel groups.</summary>
    QueryPanel = 3,

    /// <summary>The whole query vs the original's trimmed region or a panel.</summary>
    EntryRegion = 4,
}
