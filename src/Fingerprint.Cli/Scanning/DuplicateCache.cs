using System.Collections.Concurrent;
using Fingerprint.Cli.Processing;

namespace Fingerprint.Cli.Scanning;

/// <summary>
/// Identical files (same SHA-256) are hashed once per run and reported for each path. The first worker to see a content
/// claims it; a worker that meets the same content while the claim is in flight waits for that result instead of hashing
/// again (so two copies side by side in the input are hashed once, however many workers run). When the claimant fails,
/// a waiter takes the claim over and hashes the file itself. Bounded so memory stays flat on a million inputs: once full,
/// new contents are no longer remembered (re-posts of the same file tend to arrive close together, and a miss only costs a
/// re-hash, never a wrong answer).
/// </summary>
internal sealed class DuplicateCache(int capacity)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ProcessedMedia?>> _bySha256 = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hits;

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>
    /// The earlier input with this content, waiting for it if it is being hashed right now; null when the caller is the
    /// first (it then owns the content and must hand its result to <see cref="Remember"/>) or the cache is full.
    /// </summary>
    public ProcessedMedia? Find(string sha256)
    {
        while (true)
        {
            if (_bySha256.TryGetValue(sha256, out TaskCompletionSource<ProcessedMedia?>? slot))
            {
                ProcessedMedia? earlier = slot.Task.IsCompleted ? slot.Task.Result : WaitFor(slot);
                if (earlier is not null)
                {
                    Interlocked.Increment(ref _hits);
                    return earlier;
                }
                continue;   // the claimant failed and let go: try to claim it ourselves
            }
            if (_bySha256.Count >= capacity)
                return null;
            if (_bySha256.TryAdd(sha256, new TaskCompletionSource<ProcessedMedia?>(TaskCreationOptions.RunContinuationsAsynchronously)))
                return null;
        }
    }

    /// <summary>Completes the claim <paramref name="media"/> made in <see cref="Find"/> (call for every processed input).</summary>
    public void Remember(ProcessedMedia media)
    {
        if (media.Sha256 is null || media.DuplicateOf is not null)
            return;
        if (!_bySha256.TryGetValue(media.Sha256, out TaskCompletionSource<ProcessedMedia?>? slot) || slot.Task.IsCompleted)
            return;   // not a claimant (the cache was full, or it failed before looking)
        if (media.Failed)
        {
            // Let go: a waiter (or a later copy) hashes the content itself and reports its own outcome.
            _bySha256.TryRemove(new KeyValuePair<string, TaskCompletionSource<ProcessedMedia?>>(media.Sha256, slot));
            slot.TrySetResult(null);
            return;
        }
        slot.TrySetResult(media);
    }

    /// <summary>
    /// Wakes every waiter with <see cref="OperationCanceledException"/>: call when a worker stops on cancellation, since
    /// a claimant that stops never completes its claim.
    /// </summary>
    public void Abort() => _aborted.TrySetResult();

    private ProcessedMedia? WaitFor(TaskCompletionSource<ProcessedMedia?> slot)
    {
        // A short wait on another worker hashing the same bytes (it is in flight on another worker, never this one).
        Task.WaitAny(slot.Task, _aborted.Task);
        if (!slot.Task.IsCompleted)
            throw new OperationCanceledException("the scan is stopping");
        return slot.Task.Result;
    }
}
