using System.Diagnostics;
using Fingerprint.Hashing;
using Fingerprint.Index;
using Fingerprint.Matching;
using Fingerprint.Storage;

namespace Fingerprint.Cli.Scanning;

/// <summary>
/// Builds the in-memory <see cref="MatchIndex"/> of a scan from one consistent snapshot of the bank store (entry-level
/// PDQ hashes, region hashes and video-frame hashes of the selected banks), with the store sequence it reflects.
/// </summary>
internal static class BankIndexLoader
{
    public static async Task<LoadedBanks> LoadAsync(IBankStore store, IReadOnlyCollection<string>? banks, TextWriter log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using PdqHashSnapshot snapshot = await store.OpenPdqSnapshotAsync(banks, ct);
        var hashes = new List<Hash256>();
        var rows = new List<IndexedHash>();
        await foreach (SearchableHash h in snapshot.ReadAllAsync(ct))
        {
            hashes.Add(h.Hash);
            rows.Add(new IndexedHash(h.EntryId, h.Bank, h.Quality, h.Region, h.Frame, h.TimestampSeconds));
        }
        MatchIndex index = MatchIndex.Create(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hashes), rows.ToArray(),
            new HammingIndexOptions { Checkpoint = snapshot.Sequence });
        log.WriteLine($"loaded {index.Count:N0} searchable hashes from {snapshot.Banks.Count} bank(s) " +
                      $"({string.Join(", ", snapshot.Banks.Select(b => b.Name))}) in {clock.Elapsed.TotalMilliseconds:F0} ms " +
                      $"[{index.Index.Strategy}]");
        return new LoadedBanks(index, snapshot.Banks.Select(b => b.Name).ToArray(), snapshot.Sequence);
    }
}

/// <summary>The index of a scan and what it covers.</summary>
internal sealed record LoadedBanks(MatchIndex Index, IReadOnlyList<string> BankNames, long Sequence) : IDisposable
{
    public void Dispose() => Index.Dispose();
}
