using System.Collections.Concurrent;
using Fingerprint.Cli.Processing;

namespace Fingerprint.Cli.Scanning;

/// <summary>
/// Identical files (same SHA-256) are hashed once per run and reported for each path. Bounded so memory stays flat on
/// a million inputs: once full, new contents are no longer remembered (re-posts of the same file tend to arrive close
/// together, and a miss only costs a re-hash, never a wrong answer).
/// </summary>
internal sealed class DuplicateCache(int capacity)
{
    private readonly ConcurrentDictionary<string, ProcessedMedia> _byHash = new(StringComparer.Ordinal);
    private int _hits;

    public int Hits => Volatile.Read(ref _hits);

    public ProcessedMedia? Find(string sha256)
    {
        if (_byHash.TryGetValue(sha256, out ProcessedMedia? m))
        {
            Interlocked.Increment(ref _hits);
            return m;
        }
        return null;
    }

    public void Remember(ProcessedMedia media)
    {
        if (media.Failed || media.Sha256 is null || media.DuplicateOf is not null || _byHash.Count >= capacity)
            return;
        _byHash.TryAdd(media.Sha256, media);
    }
}
