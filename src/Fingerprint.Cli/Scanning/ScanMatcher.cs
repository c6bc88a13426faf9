using Fingerprint.Cli.Processing;
using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.Matching;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Scanning;

/// <summary>Looks one processed input up in the scan's index (thread-safe: the index is immutable).</summary>
internal sealed class ScanMatcher(MatchIndex index, MatchOptions options)
{
    /// <summary>The <see cref="EntryMatch.QueryRegion"/> of a match found through a frame's picture inside its borders.</summary>
    public const string TrimmedRegion = "trimmed";

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
            List<(string, DihedralHashes)>? regions = media.Regions?.Select(r => (r.Name, r.Hashes)).ToList();
            matches.AddRange(index.MatchImage(image, regions, o));
        }
        if (media.Frames is { Count: > 0 } frames)
        {
            low = false;
            foreach (EntryMatch m in MatchFrames(frames, media.TrimmedFrames ?? []))
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

    /// <summary>
    /// <see cref="MatchIndex.MatchFrames"/> extended to the frames' trimmed pictures: any sampled frame, whole or the
    /// picture inside its borders, within the threshold of an entry's hash is evidence. One result per entry: the
    /// closest hash (the whole frame first on a tie; <see cref="TrimmedRegion"/> as the query region when the picture
    /// was closer), the first and last matching times, and how many distinct frames matched.
    /// </summary>
    private List<EntryMatch> MatchFrames(IReadOnlyList<VpdqFrameHash> frames, IReadOnlyList<TrimmedFrame> trimmed)
    {
        var queries = new List<Hash256>(frames.Count + trimmed.Count);
        var sources = new List<(VpdqFrameHash Frame, bool Trimmed)>(queries.Capacity);
        foreach (VpdqFrameHash f in frames)
            Add(f, trimmed: false);
        foreach (TrimmedFrame t in trimmed)
            Add(t.Hash, trimmed: true);
        if (queries.Count == 0)
            return [];

        var hits = new List<IndexMatch>();
        index.Index.SearchBatch(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(queries), options.MaxDistance, hits, 1);
        var perEntry = new Dictionary<long, Evidence>();
        foreach (IndexMatch hit in hits)
        {
            IndexedHash row = index.GetRow((int)hit.Id);
            (VpdqFrameHash frame, bool isTrimmed) = sources[hit.QueryIndex];
            if (!perEntry.TryGetValue(row.EntryId, out Evidence? ev))
                perEntry[row.EntryId] = ev = new Evidence(row);
            ev.Add(frame, isTrimmed, row, hit.Distance);
        }
        return perEntry.Values
            .Select(ev => new EntryMatch
            {
                EntryId = ev.BestRow.EntryId,
                Bank = ev.BestRow.Bank,
                Distance = ev.BestDistance,
                Threshold = options.MaxDistance,
                Variant = DihedralVariant.Orig,
                QueryRegion = ev.BestTrimmed ? TrimmedRegion : null,
                EntryRegion = ev.BestRow.Region,
                EntryQuality = ev.BestRow.Quality,
                EntryFrame = ev.BestRow.Frame,
                EntryTimestampSeconds = ev.BestRow.TimestampSeconds,
                QueryFrame = ev.BestFrame.FrameNumber,
                QueryTimestampSeconds = ev.FirstTime,
                QueryLastTimestampSeconds = ev.LastTime,
                FramesMatched = ev.MatchedFrames.Count,
                LowQuality = ev.BestFrame.Quality < options.MinQuality,
            })
            .OrderBy(m => m.Distance).ThenBy(m => m.Bank, StringComparer.Ordinal).ThenBy(m => m.EntryId)
            .Take(options.MaxMatchesPerInput)
            .ToList();

        void Add(in VpdqFrameHash f, bool trimmed)
        {
            if (f.Quality < options.MinQuality && !options.MatchLowQuality)
                return;
            queries.Add(f.Hash);
            sources.Add((f, trimmed));
        }
    }

    /// <summary>The frames of one input that matched one entry.</summary>
    private sealed class Evidence(IndexedHash firstRow)
    {
        public HashSet<int> MatchedFrames { get; } = [];
        public IndexedHash BestRow { get; private set; } = firstRow;
        public VpdqFrameHash BestFrame { get; private set; }
        public bool BestTrimmed { get; private set; }
        public int BestDistance { get; private set; } = int.MaxValue;
        public double FirstTime { get; private set; } = double.MaxValue;
        public double LastTime { get; private set; } = double.MinValue;

        public void Add(in VpdqFrameHash frame, bool trimmed, IndexedHash row, int distance)
        {
            MatchedFrames.Add(frame.FrameNumber);
            FirstTime = Math.Min(FirstTime, frame.TimestampSeconds);
            LastTime = Math.Max(LastTime, frame.TimestampSeconds);
            if (distance < BestDistance || (distance == BestDistance && BestTrimmed && !trimmed))
            {
                BestDistance = distance;
                BestRow = row;
                BestFrame = frame;
                BestTrimmed = trimmed;
            }
        }
    }
}
