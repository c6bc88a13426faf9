using System.Runtime.CompilerServices;
using Fingerprint.TestUtilities;

namespace Fingerprint.Storage.Tests;

public partial class SqliteBankStoreTests
{
    private sealed class SimulatedCrashException : Exception
    {
        public SimulatedCrashException()
            : base("simulated crash mid-import")
        {
        }
    }

    [Fact]
    public async Task AddEntries_ThrowFromInsideTheEnumeration_LeavesBankAndLogAsBefore()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("c", null, s_none);
        var rng = new SplitMix64(51);
        await store.AddEntriesAsync("c", Enumerable.Range(0, 10).Select(_ => TempDatabase.Pdq(rng)).ToList(), s_none);
        (BankStats stats, long sequence, int hashes) before = await SnapshotStateAsync(store, "c");

        IEnumerable<NewEntry> Crashing()
        {
            for (int i = 0; i < 3000; i++)
                yield return TempDatabase.Pdq(rng);
            throw new SimulatedCrashException();
        }
        await Assert.ThrowsAsync<SimulatedCrashException>(() => store.AddEntriesAsync("c", Crashing(), s_none));

        await AssertStateAsync(store, "c", before);
        Assert.Empty(await ToListAsync(store.GetChangesSinceAsync(before.sequence, s_none)));
        // The store is still usable, and sequence numbers continue without a gap.
        AddResult next = await store.AddEntriesAsync("c", [TempDatabase.Pdq(rng)], s_none);
        Assert.Equal(before.sequence + 1, next.FirstSequence);
    }

    [Fact]
    public async Task AddEntries_CancelledMidway_LeavesBankAndLogAsBefore()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("c", null, s_none);
        var rng = new SplitMix64(52);
        await store.AddEntriesAsync("c", Enumerable.Range(0, 10).Select(_ => TempDatabase.Pdq(rng)).ToList(), s_none);
        var before = await SnapshotStateAsync(store, "c");

        using var cts = new CancellationTokenSource();
        async IAsyncEnumerable<NewEntry> CancelAfter(int count, [EnumeratorCancellation] CancellationToken ct = default)
        {
            for (int i = 0; i < 10_000; i++)
            {
                if (i == count)
                    await cts.CancelAsync();
                yield return TempDatabase.Pdq(rng) with
                {
                    Regions = [new EntryRegion("full", 0, 0, 1, 1, SyntheticHashes.Random(rng), 90)],
                };
            }
            await Task.CompletedTask;
        }
        int reported = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.AddEntriesAsync("c", CancelAfter(2500), _ => reported++, cts.Token));
        Assert.Equal(2500, reported);

        await AssertStateAsync(store, "c", before);
        Assert.Equal(0, (await store.GetStatsAsync("c", s_none)).LiveRegions);
    }

    [Fact]
    public async Task AddEntries_CallbackThrows_RollsBack()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("c", null, s_none);
        var rng = new SplitMix64(53);
        var before = await SnapshotStateAsync(store, "c");
        await Assert.ThrowsAsync<SimulatedCrashException>(() => store.AddEntriesAsync("c",
            ToAsync(Enumerable.Range(0, 100).Select(_ => TempDatabase.Pdq(rng))),
            o => { if (o.Index == 50) throw new SimulatedCrashException(); }, s_none));
        await AssertStateAsync(store, "c", before);
    }

    [Fact]
    public async Task Readers_DuringALargeImport_SeeEitherTheStateBeforeOrAfter_NeverPartial()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("big", null, s_none);
        var rng = new SplitMix64(54);
        await store.AddEntriesAsync("big", Enumerable.Range(0, 100).Select(_ => TempDatabase.Pdq(rng)).ToList(), s_none);
        const int Imported = 20_000;
        var importing = new TaskCompletionSource();

        async IAsyncEnumerable<NewEntry> Slow()
        {
            var local = new SplitMix64(55);
            for (int i = 0; i < Imported; i++)
            {
                if (i == 100)
                    importing.TrySetResult();
                if (i % 1000 == 0)
                    await Task.Delay(5);   // keep the write transaction open long enough for the readers below
                yield return TempDatabase.Pdq(local);
            }
        }
        Task<AddResult> writer = Task.Run(() => store.AddEntriesAsync("big", Slow(), null, s_none));
        await importing.Task;

        var observed = new System.Collections.Concurrent.ConcurrentBag<long>();
        int readsDuringImport = 0;
        async Task Reader()
        {
            while (!writer.IsCompleted)
            {
                long live = (await store.GetStatsAsync("big", s_none)).LiveEntries;
                int streamed = 0;
                await foreach (SearchableHash _ in store.StreamPdqHashesAsync(["big"], s_none))
                    streamed++;
                observed.Add(live);       // each call is one consistent view (the import may commit between the two)
                observed.Add(streamed);
                if (!writer.IsCompleted)
                    Interlocked.Increment(ref readsDuringImport);
                await Task.Delay(2);   // leave the writer some CPU on a 2-core host
            }
        }
        await Task.WhenAll(Task.Run(Reader), Task.Run(Reader), Task.Run(Reader));
        Assert.Equal(Imported, (await writer).Added);

        Assert.True(readsDuringImport > 0, "no read overlapped the import");
        Assert.All(observed, n => Assert.True(n is 100 or 100 + Imported, $"partial state seen: {n}"));
        Assert.Equal(100 + Imported, (await store.GetStatsAsync("big", s_none)).LiveEntries);
    }

    [Fact]
    public async Task ConcurrentWriters_InOneProcess_AreSerializedAndAllCommit()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("w", null, s_none);
        Task<AddResult>[] writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            var rng = new SplitMix64((ulong)(100 + w));
            return store.AddEntriesAsync("w", Enumerable.Range(0, 500).Select(_ => TempDatabase.Pdq(rng)).ToList(), s_none);
        })).ToArray();
        AddResult[] results = await Task.WhenAll(writers);

        Assert.All(results, r => Assert.Equal(500, r.Added));
        // Each call got one contiguous run of sequence numbers; together they cover 2..4001 exactly.
        Assert.Equal(Enumerable.Range(2, 4000).Select(i => (long)i),
            results.OrderBy(r => r.FirstSequence).SelectMany(r => Enumerable.Range((int)r.FirstSequence, 500)).Select(i => (long)i));
        Assert.All(results, r => Assert.Equal(r.FirstSequence + 499, r.LastSequence));
    }

    private static async Task<(BankStats Stats, long Sequence, int Hashes)> SnapshotStateAsync(SqliteBankStore store, string bank) =>
        (await store.GetStatsAsync(bank, s_none), await store.GetCurrentSequenceAsync(s_none),
         (await ToListAsync(store.StreamPdqHashesAsync([bank], s_none))).Count);

    private static async Task AssertStateAsync(SqliteBankStore store, string bank, (BankStats Stats, long Sequence, int Hashes) before)
    {
        var after = await SnapshotStateAsync(store, bank);
        Assert.Equal(before.Stats.LiveEntries, after.Stats.LiveEntries);
        Assert.Equal(before.Stats.RemovedEntries, after.Stats.RemovedEntries);
        Assert.Equal(before.Stats.LastSequence, after.Stats.LastSequence);
        Assert.Equal(before.Stats.QualityHistogram, after.Stats.QualityHistogram);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(before.Hashes, after.Hashes);
    }
}
