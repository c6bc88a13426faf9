using System.Text.Json;
using Fingerprint.Cli.Output;
using Fingerprint.Cli.Processing;
using Fingerprint.Hashing;
using Fingerprint.Matching;
using Fingerprint.Storage;
using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Scanning;

/// <summary>
/// Writes scan results (in input order, one thread). JSONL: one object per input with `matches` (possibly empty) and
/// `error` (null on success). CSV: one row per (input, match), or one row with empty match columns. Text: one line per
/// match, or per input that matched nothing, failed, or was below the quality gate.
/// </summary>
internal sealed class ScanWriter(TextWriter stdout, TextWriter stderr, OutputFormat format)
{
    private static readonly string[] s_csvColumns =
    [
        "path", "sha256", "kind", "pdq", "quality", "low_quality", "bank", "entry", "label", "source", "campaign",
        "distance", "threshold", "margin", "variant", "region", "entry_region", "frame", "timestamp", "last_timestamp",
        "frames_matched", "duplicate_of", "error_code", "error",
    ];

    public void WriteHeader()
    {
        if (format == OutputFormat.Csv)
            stdout.WriteLine(string.Join(',', s_csvColumns));
    }

    public void Write(ScanOutcome outcome, IReadOnlyDictionary<long, BankEntry> entries)
    {
        switch (format)
        {
            case OutputFormat.Jsonl:
                WriteJson(outcome, entries);
                break;
            case OutputFormat.Csv:
                WriteCsv(outcome, entries);
                break;
            default:
                WriteText(outcome, entries);
                break;
        }
    }

    public static MatchRecord ToMatchRecord(EntryMatch m, IReadOnlyDictionary<long, BankEntry> entries, VideoEvidence? video = null)
    {
        entries.TryGetValue(m.EntryId, out BankEntry? e);
        VpdqMatchResult? vpdq = video?.Vpdq;
        TmkScore? tmk = video?.Tmk;
        return new MatchRecord
        {
            Bank = m.Bank,
            Entry = m.EntryId,
            Label = e?.Label,
            Source = e?.Source,
            Campaign = e?.Campaign,
            Distance = m.Distance,
            Threshold = m.Threshold,
            Margin = m.Margin,
            Variant = m.Variant.ToName(),
            Region = m.QueryRegion,
            EntryRegion = m.EntryRegion,
            EntryQuality = m.EntryQuality,
            Frame = m.QueryFrame,
            Timestamp = m.QueryTimestampSeconds is double t ? Math.Round(t, 3) : null,
            LastTimestamp = m.QueryLastTimestampSeconds is double l ? Math.Round(l, 3) : null,
            FramesMatched = m.FramesMatched > 0 ? m.FramesMatched : null,
            EntryFrame = m.EntryFrame,
            EntryTimestamp = m.EntryTimestampSeconds is double et ? Math.Round(et, 3) : null,
            QueryPercent = vpdq is { } qp ? Math.Round(qp.QueryMatchPercent, 2) : null,
            TargetPercent = vpdq is { } tp ? Math.Round(tp.TargetMatchPercent, 2) : null,
            VpdqMatch = vpdq?.IsMatch,
            VpdqMode = vpdq is null ? null : video!.Mode == VpdqMatchMode.Cpp ? "cpp" : "threatexchange",
            TmkLevel1 = tmk?.Level1,
            TmkLevel2 = tmk?.Level2,
            TmkMatch = tmk?.IsMatch,
        };
    }

    private void WriteJson(ScanOutcome o, IReadOnlyDictionary<long, BankEntry> entries)
    {
        MediaRecord record = RecordMapper.ToRecord(o.Media, includeDihedral: false, qualityGate: null);
        record.LowQuality = o.Media.Failed ? null : o.LowQuality;
        record.Matches = o.Matches.Select(m => ToMatchRecord(m, entries, o.Video?.GetValueOrDefault(m.EntryId))).ToList();
        stdout.WriteLine(JsonSerializer.Serialize(record, CliJsonContext.Default.MediaRecord));
    }

    private void WriteCsv(ScanOutcome o, IReadOnlyDictionary<long, BankEntry> entries)
    {
        ProcessedMedia m = o.Media;
        string?[] common =
        [
            m.Path, m.Sha256, m.Kind == MediaKind.Unknown ? null : m.Kind.ToString().ToLowerInvariant(),
            m.Pdq?.Hash.ToString(), m.Pdq?.Quality.ToString(), m.Failed ? null : (o.LowQuality ? "true" : "false"),
        ];
        string?[] tail = [m.DuplicateOf, m.Error?.Code, m.Error?.Message];
        if (o.Matches.Count == 0)
        {
            stdout.WriteLine(Csv.Row([.. common, .. new string?[15], .. tail]));
            return;
        }
        foreach (EntryMatch match in o.Matches)
        {
            MatchRecord r = ToMatchRecord(match, entries, o.Video?.GetValueOrDefault(match.EntryId));
            string?[] cols =
            [
                r.Bank, r.Entry.ToString(), r.Label, r.Source, r.Campaign, r.Distance.ToString(), r.Threshold.ToString(),
                r.Margin.ToString(), r.Variant, r.Region, r.EntryRegion, r.Frame?.ToString(),
                r.Timestamp is double t ? RecordMapper.Invariant(t) : null,
                r.LastTimestamp is double lt ? RecordMapper.Invariant(lt) : null, r.FramesMatched?.ToString(),
            ];
            stdout.WriteLine(Csv.Row([.. common, .. cols, .. tail]));
        }
    }

    private void WriteText(ScanOutcome o, IReadOnlyDictionary<long, BankEntry> entries)
    {
        ProcessedMedia m = o.Media;
        if (m.Error is not null)
        {
            stdout.WriteLine($"ERROR    {m.Path}  {m.Error.Code}: {m.Error.Message}");
            return;
        }
        string id = m.Pdq is HashResult p ? $"pdq={p.Hash} q={p.Quality}" : $"frames={m.Frames?.Count ?? 0}";
        if (o.Matches.Count == 0)
        {
            stdout.WriteLine(o.LowQuality
                ? $"LOWQ     {m.Path}  quality {m.Pdq?.Quality} is below the gate: not matched  {id}"
                : $"nomatch  {m.Path}  {id}");
            return;
        }
        foreach (EntryMatch match in o.Matches)
        {
            MatchRecord r = ToMatchRecord(match, entries, o.Video?.GetValueOrDefault(match.EntryId));
            string where = r.Region is null ? "" : $" region={r.Region}";
            if (r.EntryRegion is not null) where += $" entry_region={r.EntryRegion}";
            if (r.Timestamp is double t)
                where += $" at {RecordMapper.Invariant(t)}s" + (r.LastTimestamp is double lt && lt > t ? $"-{RecordMapper.Invariant(lt)}s" : "") +
                         $" ({r.FramesMatched} frame{(r.FramesMatched == 1 ? "" : "s")})";
            if (r.QueryPercent is double qp)
                where += $" vpdq {RecordMapper.Invariant(qp)}%/{RecordMapper.Invariant(r.TargetPercent ?? 0)}%{(r.VpdqMatch == true ? " (vpdq match)" : "")}";
            if (r.TmkLevel1 is float l1)
                where += $" tmk {l1.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}/" +
                         (r.TmkLevel2 is float l2 ? l2.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "-") +
                         (r.TmkMatch == true ? " (tmk match)" : "");
            stdout.WriteLine(
                $"MATCH    {m.Path}  -> {r.Bank}#{r.Entry}{(r.Label is null ? "" : $" \"{r.Label}\"")}  distance {r.Distance}/{r.Threshold} " +
                $"(margin {r.Margin}) variant={r.Variant}{where}{(r.Source is null ? "" : $"  source={r.Source}")}");
        }
    }

    public void Flush()
    {
        stdout.Flush();
        stderr.Flush();
    }
}
