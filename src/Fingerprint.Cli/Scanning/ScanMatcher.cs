using Fingerprint.Cli.Processing;
using Fingerprint.Hashing;
using Fingerprint.Matching;
using Fingerprint.Video.Vpdq;

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
            low = false;
            foreach (EntryMatch m in index.MatchFrames(frames, options))
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
            MatchFrameRegions(media, matches);
            matches.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        }
        return new ScanOutcome(media, matches, low);
    }

    /// <summary>
    /// The regions of sampled frames (a meme scaled into a video frame with bars around it): matched as frames, one
    /// region name at a time, so the evidence names the region; an entry keeps its closest evidence.
    /// </summary>
    private void MatchFrameRegions(ProcessedMedia media, List<EntryMatch> matches)
    {
        if (media.Regions is not { Count: > 0 } regions)
            return;
        foreach (IGrouping<string, RegionHash> byName in regions.Where(r => r.Frame is not null).GroupBy(r => r.Name))
        {
            var frames = byName.Select(r => new VpdqFrameHash(r.Frame!.Value, r.Hashes.Quality, r.Hashes.Orig, r.TimestampSeconds ?? 0)).ToList();
            foreach (EntryMatch m in index.MatchFrames(frames, options))
            {
                EntryMatch found = m with { QueryRegion = byName.Key };
                int existing = matches.FindIndex(x => x.EntryId == m.EntryId);
                if (existing < 0)
                    matches.Add(found);
                else if (found.Distance < matches[existing].Distance)
                    matches[existing] = found;
            }
        }
    }
}
