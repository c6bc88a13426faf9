using System.Collections.Concurrent;
using Fingerprint.Storage;

namespace Fingerprint.Cli.Scanning;

/// <summary>Bank entries named by matches (label, source, campaign), fetched once and cached for the run.</summary>
internal sealed class EntryDetails(IBankStore store)
{
    private readonly ConcurrentDictionary<long, BankEntry> _cache = new();

    public async Task<IReadOnlyDictionary<long, BankEntry>> GetAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var result = new Dictionary<long, BankEntry>();
        List<long>? missing = null;
        foreach (long id in ids)
        {
            if (_cache.TryGetValue(id, out BankEntry? e))
                result[id] = e;
            else
                (missing ??= []).Add(id);
        }
        if (missing is not null)
        {
            foreach ((long id, BankEntry e) in await store.GetEntriesAsync(missing, ct))
            {
                // Video frames and payloads are not needed to explain a match: keep the cache small.
                BankEntry slim = e with { Frames = [], Payload = null, Regions = [] };
                _cache[id] = slim;
                result[id] = slim;
            }
        }
        return result;
    }
}
