using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Matching;

/// <summary>
/// A <see cref="HammingIndex"/> over the searchable hashes of some banks, with what each row is
/// (<see cref="IndexedHash"/>), answering "which bank entries does this image / these frames match, and why".
/// Immutable and thread-safe: one instance serves every worker of a scan.
/// </summary>
public sealed class MatchIndex : IDisposable
{
    private readonly HammingIndex _index;
    private readonly IndexedHash[] _rows;

    private MatchIndex(HammingIndex index, IndexedHash[] rows)
    {
        _index = index;
        _rows = rows;
    }

    /// <summary>Rows in the index.</summary>
    public int Count => _rows.Length;

    public HammingIndex Index => _index;

    public IndexedHash GetRow(int row) => _rows[row];

    /// <summary>Builds the index; row i holds <paramref name="hashes"/>[i], described by <paramref name="rows"/>[i].</summary>
    public static MatchIndex Create(ReadOnlySpan<Hash256> hashes, IndexedHash[] rows, HammingIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (hashes.Length != rows.Length)
            throw new ArgumentException($"{hashes.Length} hashes but {rows.Length} row descriptions.", nameof(rows));
        long[] ids = new long[rows.Length];
        for (int i = 0; i < ids.Length; i++)
            ids[i] = i;
        return new MatchIndex(HammingIndex.Create(hashes, ids, options), rows);
    }

    /// <summary>
    /// Matches a still image: its whole-image hashes and, when given, its regions (trimmed, panels). Hashes below the
    /// quality gate are skipped unless <see cref="MatchOptions.MatchLowQuality"/>. One result per entry (its best
    /// evidence: smallest distance, then whole image before regions, then the original orientation), closest first.
    /// </summary>
    public IReadOnlyList<EntryMatch> MatchImage(in DihedralHashes image, IReadOnlyList<(string Name, DihedralHashes Hashes)>? regions, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int groups = 1 + (regions?.Count ?? 0);
        int variants = options.Dihedral ? 8 : 1;
        var queries = new Hash256[groups * variants];
        var queryNames = new string?[groups];
        var queryLow = new bool[groups];
        int used = 0;
        AddGroup(image, null);
        if (regions is not null)
        {
            foreach ((string name, DihedralHashes hashes) in regions)
                AddGroup(hashes, name);
        }
        if (used == 0)
            return [];

        var hits = new List<IndexMatch>();
        _index.SearchBatch(queries.AsSpan(0, used * variants), options.MaxDistance, hits, variants);
        var best = new Dictionary<long, EntryMatch>();
        foreach (IndexMatch hit in hits)
        {
            IndexedHash row = _rows[hit.Id];
            var candidate = new EntryMatch
            {
                EntryId = row.EntryId,
                Bank = row.Bank,
                Distance = hit.Distance,
                Threshold = options.MaxDistance,
                Variant = hit.Variant,
                QueryRegion = queryNames[hit.QueryIndex],
                EntryRegion = row.Region,
                EntryQuality = row.Quality,
                EntryFrame = row.Frame,
                EntryTimestampSeconds = row.TimestampSeconds,
                LowQuality = queryLow[hit.QueryIndex],
            };
            if (!best.TryGetValue(row.EntryId, out EntryMatch? current) || IsBetter(candidate, current))
                best[row.EntryId] = candidate;
        }
        return Ordered(best.Values, options);

        void AddGroup(in DihedralHashes hashes, string? name)
        {
            bool low = hashes.Quality < options.MinQuality;
            if (low && !options.MatchLowQuality)
                return;
            for (int v = 0; v < variants; v++)
                queries[used * variants + v] = hashes[(DihedralVariant)v];
            queryNames[used] = name;
            queryLow[used] = low;
            used++;
        }
    }

    /// <summary>
    /// Matches the sampled frames of a video or animation: any frame within the threshold of an entry's hash (image,
    /// region or video frame) is evidence. One result per entry: the closest frame, the first and last matching times,
    /// and how many frames matched; closest first.
    /// </summary>
    public IReadOnlyList<EntryMatch> MatchFrames(IReadOnlyList<VpdqFrameHash> frames, MatchOptions options) =>
        MatchFrames(frames, null, options);

    /// <summary>
    /// <see cref="MatchFrames(IReadOnlyList{VpdqFrameHash}, MatchOptions)"/> extended to the meme-aware regions of the
    /// sampled frames (<see cref="RegionHashingFrameSource"/>: the picture inside a frame's borders, its panels), each
    /// named and carrying its frame's number and time: any frame, whole or one of its regions, within the threshold of an
    /// entry's hash is evidence. One result per entry: the closest hash (on a tie the whole frame before a region, then
    /// the earlier region; <see cref="EntryMatch.QueryRegion"/> names the region when one was closest), the first and
    /// last matching times and how many distinct frames matched, whole or through a region. Hashes below the quality gate
    /// are skipped unless <see cref="MatchOptions.MatchLowQuality"/>.
    /// </summary>
    public IReadOnlyList<EntryMatch> MatchFrames(IReadOnlyList<VpdqFrameHash> frames,
        IReadOnlyList<(string Name, VpdqFrameHash Frame)>? regions, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(options);
        int capacity = frames.Count + (regions?.Count ?? 0);
        var queries = new List<Hash256>(capacity);
        var sources = new List<(VpdqFrameHash Frame, string? Region)>(capacity);
        foreach (VpdqFrameHash f in frames)
            Add(f, null);
        if (regions is not null)
        {
            foreach ((string name, VpdqFrameHash f) in regions)
                Add(f, name);
        }
        if (queries.Count == 0)
            return [];
        var hits = new List<IndexMatch>();
        _index.SearchBatch(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(queries), options.MaxDistance, hits, 1);

        var perEntry = new Dictionary<long, FrameEvidence>();
        foreach (IndexMatch hit in hits)
        {
            IndexedHash row = _rows[hit.Id];
            (VpdqFrameHash q, string? region) = sources[hit.QueryIndex];
            if (!perEntry.TryGetValue(row.EntryId, out FrameEvidence? ev))
                perEntry[row.EntryId] = ev = new FrameEvidence(row);
            ev.Add(hit.QueryIndex, q, region, row, hit.Distance);
        }
        var results = new List<EntryMatch>(perEntry.Count);
        foreach (FrameEvidence ev in perEntry.Values)
        {
            results.Add(new EntryMatch
            {
                EntryId = ev.BestRow.EntryId,
                Bank = ev.BestRow.Bank,
                Distance = ev.BestDistance,
                Threshold = options.MaxDistance,
                Variant = DihedralVariant.Orig,
                QueryRegion = ev.BestRegion,
                EntryRegion = ev.BestRow.Region,
                EntryQuality = ev.BestRow.Quality,
                EntryFrame = ev.BestRow.Frame,
                EntryTimestampSeconds = ev.BestRow.TimestampSeconds,
                QueryFrame = ev.BestFrame.FrameNumber,
                QueryTimestampSeconds = ev.FirstTime,
                QueryLastTimestampSeconds = ev.LastTime,
                FramesMatched = ev.MatchedFrames.Count,
                LowQuality = ev.BestFrame.Quality < options.MinQuality,
            });
        }
        return Ordered(results, options);

        void Add(in VpdqFrameHash f, string? region)
        {
            if (f.Quality < options.MinQuality && !options.MatchLowQuality)
                return;
            queries.Add(f.Hash);
            sources.Add((f, region));
        }
    }

    private static bool IsBetter(EntryMatch a, EntryMatch b)
    {
        if (a.Distance != b.Distance)
            return a.Distance < b.Distance;
        bool aWhole = a.QueryRegion is null, bWhole = b.QueryRegion is null;
        if (aWhole != bWhole)
            return aWhole;
        return a.Variant < b.Variant;
    }

    private static List<EntryMatch> Ordered(IEnumerable<EntryMatch> matches, MatchOptions options) =>
        matches.OrderBy(m => m.Distance).ThenBy(m => m.Bank, StringComparer.Ordinal).ThenBy(m => m.EntryId)
               .Take(options.MaxMatchesPerInput).ToList();

    public void Dispose() => _index.Dispose();

    /// <summary>Accumulates the frames (whole or through a region) of one input that matched one entry.</summary>
    private sealed class FrameEvidence(IndexedHash firstRow)
    {
        private int _bestQuery = int.MaxValue;

        public HashSet<int> MatchedFrames { get; } = [];
        public IndexedHash BestRow { get; private set; } = firstRow;
        public VpdqFrameHash BestFrame { get; private set; }
        public string? BestRegion { get; private set; }
        public int BestDistance { get; private set; } = int.MaxValue;
        public double FirstTime { get; private set; } = double.MaxValue;
        public double LastTime { get; private set; } = double.MinValue;

        /// <summary>Query indexes follow the order of the evidence's preference on a tie: whole frames, then regions.</summary>
        public void Add(int queryIndex, VpdqFrameHash frame, string? region, IndexedHash row, int distance)
        {
            MatchedFrames.Add(frame.FrameNumber);
            FirstTime = Math.Min(FirstTime, frame.TimestampSeconds);
            LastTime = Math.Max(LastTime, frame.TimestampSeconds);
            if (distance < BestDistance || (distance == BestDistance && queryIndex < _bestQuery))
            {
                BestDistance = distance;
                BestRow = row;
                BestFrame = frame;
                BestRegion = region;
                _bestQuery = queryIndex;
            }
        }
    }
}
