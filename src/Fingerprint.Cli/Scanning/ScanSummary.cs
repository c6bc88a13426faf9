using Fingerprint.Matching;

namespace Fingerprint.Cli.Scanning;

/// <summary>Counts for the end-of-run summary on stderr (delivered on one thread).</summary>
internal sealed class ScanSummary
{
    private readonly Dictionary<string, long> _failedByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _matchesByBank = new(StringComparer.Ordinal);

    public long Scanned { get; private set; }
    public long Matched { get; private set; }
    public long Failed { get; private set; }
    public long LowQuality { get; private set; }
    public long Videos { get; private set; }
    public bool DependencyMissing { get; private set; }

    public void Add(ScanOutcome o)
    {
        Scanned++;
        if (o.Media.Error is { } e)
        {
            Failed++;
            _failedByCode[e.Code] = _failedByCode.GetValueOrDefault(e.Code) + 1;
            DependencyMissing |= e.IsDependencyMissing;
            return;
        }
        if (o.Media.Frames is not null)
            Videos++;
        if (o.LowQuality)
            LowQuality++;
        if (o.Matched)
        {
            Matched++;
            foreach (string bank in o.Matches.Select(m => m.Bank).Distinct())
                _matchesByBank[bank] = _matchesByBank.GetValueOrDefault(bank) + 1;
        }
    }

    public void Write(TextWriter err, TimeSpan elapsed, long skipped, int duplicateHits, LoadedBanks banks, MatchOptions options, bool canceled)
    {
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        err.WriteLine(canceled ? "scan canceled: summary of what finished" : "scan summary");
        err.WriteLine($"  scanned      {Scanned:N0} inputs in {elapsed.TotalSeconds:F1} s ({Scanned / seconds:F1}/s)" +
                      (skipped > 0 ? $", {skipped:N0} skipped (already in the journal)" : ""));
        err.WriteLine($"  matched      {Matched:N0} (threshold {options.MaxDistance}{(options.Dihedral ? ", dihedral" : "")})");
        foreach ((string bank, long n) in _matchesByBank.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            err.WriteLine($"    {bank,-20} {n:N0}");
        err.WriteLine($"  low quality  {LowQuality:N0} (below {options.MinQuality}{(options.MatchLowQuality ? ", matched anyway" : ", not matched")})");
        err.WriteLine($"  failed       {Failed:N0}" +
                      (_failedByCode.Count == 0 ? "" : " (" + string.Join(", ", _failedByCode.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value:N0}")) + ")"));
        if (Videos > 0)
            err.WriteLine($"  videos/GIFs  {Videos:N0}");
        if (duplicateHits > 0)
            err.WriteLine($"  identical    {duplicateHits:N0} inputs were byte-identical to an earlier one (hashed once)");
        err.WriteLine($"  banks        {string.Join(", ", banks.BankNames)} ({banks.Index.Count:N0} hashes, store sequence {banks.Sequence})");
    }
}
