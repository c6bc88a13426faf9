using Fingerprint.Cli.Processing;
using Fingerprint.Matching;

namespace Fingerprint.Cli.Scanning;

/// <summary>One scanned input: what processing produced and what it matched.</summary>
internal sealed record ScanOutcome(ProcessedMedia Media, IReadOnlyList<EntryMatch> Matches, bool LowQuality)
{
    public bool Matched => Matches.Count > 0;

    /// <summary>Video/animation uploads: vPDQ and TMK evidence per matched video entry (by entry id), when computed.</summary>
    public IReadOnlyDictionary<long, VideoEvidence>? Video { get; init; }
}
