using System.Collections.Concurrent;
using Fingerprint.Cli.Processing;
using Fingerprint.Hashing;
using Fingerprint.Matching;
using Fingerprint.Storage;
using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Scanning;

/// <summary>
/// Whole-video evidence for video and animation uploads, after the frame lookup (<see cref="ScanMatcher"/>):
/// <list type="bullet">
/// <item>vPDQ: for every matched entry that is a video (a vpdq entry with frames), both match percentages
/// (<see cref="VpdqMatcher"/>, in the scan's semantics) over the upload's sampled frames and the entry's stored
/// frames.</item>
/// <item>TMK (scan --tmk): the upload's features against every video entry holding TMK features: level 1 from the pure
/// averages kept in memory, level 2 (full features read from the store once per entry) only where level 1 passes. An
/// entry that TMK matches but no frame did is added to the matches, its distance being the closest frame pair (over the
/// threshold: the record's tmkMatch says why it is there).</item>
/// </list>
/// Thread-safe (workers share one instance): the caches are concurrent and the store is thread-safe.
/// </summary>
internal sealed class VideoEvidenceMatcher
{
    private readonly IBankStore _store;
    private readonly VpdqMatchOptions _vpdq;
    private readonly TmkThresholds _tmkThresholds;
    private readonly IReadOnlyList<TmkEntry> _tmkEntries;
    private readonly MatchOptions _options;
    private readonly ConcurrentDictionary<long, VpdqFrameHash[]?> _frames = new();
    private readonly ConcurrentDictionary<long, TmkFeatures?> _features = new();

    private VideoEvidenceMatcher(IBankStore store, VpdqMatchOptions vpdq, TmkThresholds tmkThresholds, IReadOnlyList<TmkEntry> tmkEntries,
        MatchOptions options)
    {
        _store = store;
        _vpdq = vpdq;
        _tmkThresholds = tmkThresholds;
        _tmkEntries = tmkEntries;
        _options = options;
    }

    public VpdqMatchOptions Vpdq => _vpdq;

    public int TmkEntryCount => _tmkEntries.Count;

    /// <summary>
    /// Prepares the matcher; with <paramref name="loadTmk"/>, reads the TMK features of every live entry of
    /// <paramref name="banks"/> that carries them (a .tmk payload), keeping the pure averages.
    /// </summary>
    public static async Task<VideoEvidenceMatcher> CreateAsync(IBankStore store, IReadOnlyList<string> banks, VpdqMatchOptions vpdq,
        TmkThresholds tmkThresholds, bool loadTmk, MatchOptions options, TextWriter log, CancellationToken ct)
    {
        var entries = new List<TmkEntry>();
        if (loadTmk)
        {
            int unreadable = 0;
            foreach (string bank in banks)
            {
                await foreach (BankEntry e in store.StreamEntriesAsync(bank, ct))
                {
                    if (e.Payload is not { Length: > 0 } payload || !payload.AsSpan().StartsWith("TMK1"u8))
                        continue;
                    try
                    {
                        TmkFeatures f = TmkFeatures.Read(payload);
                        entries.Add(new TmkEntry(e.Id, e.BankName, f.Parameters, f.PureAverage.ToArray()));
                    }
                    catch (InvalidDataException ex)
                    {
                        if (unreadable++ < 5)
                            await log.WriteLineAsync($"warning: entry {e.Id} of bank '{bank}': its TMK payload is unreadable ({ex.Message}); skipped");
                    }
                }
            }
            await log.WriteLineAsync($"TMK: {entries.Count:N0} video entries with TMK features" +
                                     (unreadable > 0 ? $" ({unreadable:N0} unreadable, skipped)" : "") +
                                     $"; thresholds level 1 >= {tmkThresholds.Level1}, level 2 >= {tmkThresholds.Level2}");
        }
        return new VideoEvidenceMatcher(store, vpdq, tmkThresholds, entries, options);
    }

    /// <summary>Adds the evidence to a video or animation upload's outcome (others are returned as they are).</summary>
    public async Task<ScanOutcome> AddEvidenceAsync(ScanOutcome outcome, CancellationToken ct)
    {
        ProcessedMedia media = outcome.Media;
        if (media.Failed || media.Frames is not { Count: > 0 } uploadFrames)
            return outcome;
        var matches = new List<EntryMatch>(outcome.Matches);
        var matchedIds = new HashSet<long>(matches.Select(m => m.EntryId));

        var tmkScores = new Dictionary<long, TmkScore>();
        var tmkOnly = new List<TmkEntry>();
        if (media.Tmk is { } uploadTmk)
        {
            foreach (TmkEntry entry in _tmkEntries)
            {
                if (!entry.Parameters.Equals(uploadTmk.Parameters))
                    continue;
                float level1 = TmkScorer.Level1(uploadTmk.PureAverage, entry.PureAverage);
                TmkScore score = new(level1, null, false);
                if (level1 >= _tmkThresholds.Level1 && await GetFeaturesAsync(entry.EntryId, ct) is { } full)
                {
                    float level2 = TmkScorer.Level2(uploadTmk, full);
                    score = new TmkScore(level1, level2, level2 >= _tmkThresholds.Level2);
                }
                if (matchedIds.Contains(entry.EntryId))
                    tmkScores[entry.EntryId] = score;
                else if (score.IsMatch)
                {
                    tmkScores[entry.EntryId] = score;
                    tmkOnly.Add(entry);
                }
            }
        }

        var ids = matchedIds.Concat(tmkOnly.Select(e => e.EntryId)).ToList();
        await LoadFramesAsync(ids, ct);
        VpdqFrameHash[] query = [.. uploadFrames];
        var evidence = new Dictionary<long, VideoEvidence>();
        foreach (long id in ids)
        {
            VpdqFrameHash[]? entryFrames = _frames.GetValueOrDefault(id);
            VpdqMatchResult? vpdq = entryFrames is { Length: > 0 } ? VpdqMatcher.Match(query, entryFrames, _vpdq) : null;
            TmkScore? tmk = tmkScores.TryGetValue(id, out TmkScore s) ? s : null;
            if (vpdq is not null || tmk is not null)
                evidence[id] = new VideoEvidence(vpdq, _vpdq.Mode, tmk);
        }
        foreach (TmkEntry entry in tmkOnly)
            matches.Add(ClosestPair(entry, query, _frames.GetValueOrDefault(entry.EntryId)));

        return outcome with { Matches = matches, Video = evidence };
    }

    /// <summary>A TMK-only match explained by the closest (upload frame, entry frame) pair.</summary>
    private EntryMatch ClosestPair(TmkEntry entry, VpdqFrameHash[] query, VpdqFrameHash[]? entryFrames)
    {
        int best = int.MaxValue;
        VpdqFrameHash bestQuery = query[0];
        VpdqFrameHash? bestEntry = null;
        foreach (VpdqFrameHash q in query)
        {
            foreach (VpdqFrameHash e in entryFrames ?? [])
            {
                int d = q.Hash.DistanceTo(e.Hash);
                if (d < best)
                {
                    best = d;
                    bestQuery = q;
                    bestEntry = e;
                }
            }
        }
        return new EntryMatch
        {
            EntryId = entry.EntryId,
            Bank = entry.Bank,
            Distance = bestEntry is null ? Hash256.BitCount : best,
            Threshold = _options.MaxDistance,
            Variant = DihedralVariant.Orig,
            EntryQuality = bestEntry?.Quality,
            EntryFrame = bestEntry?.FrameNumber,
            EntryTimestampSeconds = bestEntry?.TimestampSeconds,
            QueryFrame = bestEntry is null ? null : bestQuery.FrameNumber,
            QueryTimestampSeconds = bestEntry is null ? null : bestQuery.TimestampSeconds,
            QueryLastTimestampSeconds = bestEntry is null ? null : bestQuery.TimestampSeconds,
            FramesMatched = 0,
        };
    }

    /// <summary>Reads the stored frames of the entries not seen yet (null for entries that are not videos).</summary>
    private async Task LoadFramesAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        List<long> missing = ids.Where(id => !_frames.ContainsKey(id)).ToList();
        if (missing.Count == 0)
            return;
        IReadOnlyDictionary<long, BankEntry> entries = await _store.GetEntriesAsync(missing, ct);
        foreach (long id in missing)
        {
            VpdqFrameHash[]? frames = null;
            if (entries.TryGetValue(id, out BankEntry? e) && e.Hash.Type == BankHashType.Vpdq && e.Frames.Count > 0)
                frames = [.. e.Frames.Select(f => new VpdqFrameHash(f.FrameNumber, f.Quality, f.Hash, f.TimestampSeconds))];
            _frames.TryAdd(id, frames);
        }
    }

    private async Task<TmkFeatures?> GetFeaturesAsync(long id, CancellationToken ct)
    {
        if (_features.TryGetValue(id, out TmkFeatures? cached))
            return cached;
        TmkFeatures? features = null;
        if (await _store.GetEntryAsync(id, ct) is { Payload: { Length: > 0 } payload })
        {
            try
            {
                features = TmkFeatures.Read(payload);
            }
            catch (InvalidDataException)
            {
                // Checked when the averages were loaded; an entry rewritten since then scores level 1 only.
            }
        }
        _features.TryAdd(id, features);
        return features;
    }
}
