using Fingerprint.Cli.Processing;
using Fingerprint.Hashing;
using Fingerprint.Matching;

namespace Fingerprint.Cli.Scanning;

/// <summary>Looks one processed input up in the scan's index (thread-safe: the index is immutable).</summary>
internal sealed class ScanMatcher(MatchIndex index, MatchOptions options)
{
    public MatchOptions Options => options;

    public ScanOutcome Match(ProcessedMedia media)
    {
        if (media.Failed)
            return new ScanOutcome(media, [], LowQuality: false);
        var matches = new List<EntryMatch>();
        bool low = false;
        if (media.Pdq is HashResult pdq)
        {
            low = pdq.Quality < options.MinQuality && media.Frames is null;
            DihedralHashes image = media.Dihedral ?? new DihedralHashes(
                [pdq.Hash, pdq.Hash, pdq.Hash, pdq.Hash, pdq.Hash, pdq.Hash, pdq.Hash, pdq.Hash], pdq.Quality);
            MatchOptions o = media.Dihedral is null ? options with { Dihedral = false } : options;
            List<(string, DihedralHashes)>? regions = media.Regions?.Where(r => r.Frame is null).Select(r => (r.Name, r.Hashes)).ToList();
            matches.AddRange(index.MatchImage(image, regions, o));
        }
        if (media.Frames is { Count: > 0 } frames)
        {
            // Whole frames and the frames' regions (a meme scaled into a frame with bars around it: "trimmed"; panels)
            // are one body of evidence per entry: the match names the region when one was closest, and its times and
            // frame count cover every frame that matched either way.
            low = false;
            foreach (EntryMatch m in index.MatchFrames(frames, media.FrameRegions(), options))
            {
                int existing = matches.FindIndex(x => x.EntryId == m.EntryId);
                if (existing < 0)
                    matches.Add(m);
                else if (m.Distance < matches[existing].Distance || m.FramesMatched > 0)
                    matches[existing] = m.Distance <= matches[existing].Distance ? m : matches[existing] with
                    {
                        QueryFrame = m.QueryFrame,
                        QueryTimestampSeconds = m.QueryTimestampSeconds,
                        QueryLastTimestampSeconds = m.QueryLastTimestampSeconds,
                        FramesMatched = m.FramesMatched,
                    };
            }
            matches.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        }
        return new ScanOutcome(media, matches, low);
    }
}
