using System.Threading.Channels;

namespace Fingerprint.Cli.Processing;

/// <summary>
/// enumerate -> N parallel workers -> in-order delivery. A bounded window of in-flight inputs keeps memory flat however
/// many inputs there are (a slow input holds back delivery, and the producer waits once the window is full). Each
/// worker owns a worker object (decoder handles, hasher scratch). Results are delivered in input
/// order on one thread, so writers need no locking and output is deterministic.
/// On cancellation every result finished before the gap is delivered, then <see cref="OperationCanceledException"/>.
/// </summary>
internal static class OrderedPipeline
{
    public static async Task<long> RunAsync<TWorker, TResult>(
        IEnumerable<string> inputs,
        int workers,
        int window,
        Func<TWorker> createWorker,
        Func<TWorker, string, CancellationToken, Task<TResult>> process,
        Func<TResult, ValueTask> deliver,
        Action<long>? onTotalKnown,
        CancellationToken ct)
        where TWorker : IDisposable
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, workers);
        var queue = Channel.CreateBounded<(long Seq, string Path)>(new BoundedChannelOptions(window)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var slots = new SemaphoreSlim(window, window);
        var ready = new SemaphoreSlim(0);
        var pending = new Dictionary<long, TResult>();
        long total = -1;
        using var innerCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        CancellationToken token = innerCts.Token;

        Task producer = Task.Run(async () =>
        {
            long seq = 0;
            try
            {
                foreach (string path in inputs)
                {
                    await slots.WaitAsync(token);
                    await queue.Writer.WriteAsync((seq, path), token);
                    seq++;
                }
            }
            finally
            {
                queue.Writer.TryComplete();
                Interlocked.Exchange(ref total, seq);
                ready.Release();
            }
            onTotalKnown?.Invoke(seq);
        }, token);

        var workerTasks = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            workerTasks[w] = Task.Run(async () =>
            {
                using TWorker worker = createWorker();
                await foreach ((long seq, string path) in queue.Reader.ReadAllAsync(token))
                {
                    TResult result = await process(worker, path, token);
                    lock (pending)
                        pending[seq] = result;
                    ready.Release();
                }
            }, token);
        }

        long next = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                while (true)
                {
                    TResult? item;
                    lock (pending)
                    {
                        if (!pending.Remove(next, out item))
                            break;
                    }
                    await deliver(item!);
                    next++;
                    slots.Release();
                }
                long t = Interlocked.Read(ref total);
                if (t >= 0 && next >= t)
                    break;
                Task finished = Task.WhenAll(workerTasks);
                if (finished.IsCompleted)
                {
                    bool stalled;
                    lock (pending)
                        stalled = !pending.ContainsKey(next);
                    if (stalled)
                    {
                        // Every worker has stopped and the next result never came: a worker failed or was canceled.
                        if (finished.IsFaulted)
                            failure = finished.Exception!.InnerException;
                        break;
                    }
                }
                await Task.WhenAny(ready.WaitAsync(token), finished);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            innerCts.Cancel();
        }

        try
        {
            await Task.WhenAll(workerTasks.Append(producer));
        }
        catch (Exception) when (failure is not null || ct.IsCancellationRequested)
        {
            // the first failure (or the cancellation) is what the caller sees
        }
        catch (OperationCanceledException) when (failure is null)
        {
            // Every result was delivered and the finally above stopped the idle workers (a worker task that had not
            // started yet is canceled outright): a normal end, not a failure.
        }
        if (failure is not null && failure is not OperationCanceledException)
            throw failure;
        ct.ThrowIfCancellationRequested();
        if (failure is not null)
            throw failure;
        return next;
    }
}
