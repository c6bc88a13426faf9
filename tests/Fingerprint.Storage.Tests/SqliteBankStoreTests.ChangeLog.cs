using Fingerprint.Hashing;
using Fingerprint.TestUtilities;

namespace Fingerprint.Storage.Tests;

public partial class SqliteBankStoreTests
{
    [Fact]
    public async Task ChangeLog_RecordsEveryChangeInOrderWithoutGaps()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        var rng = new SplitMix64(31);
        Assert.Equal(0, await store.GetCurrentSequenceAsync(s_none));

        Bank a = await store.CreateBankAsync("a", null, s_none);                       // 1
        Bank b = await store.CreateBankAsync("b", null, s_none);                       // 2
        var ids = new List<EntryOutcome>();
        NewEntry dup = TempDatabase.Pdq(rng);
        await store.AddEntriesAsync("a", ToAsync([TempDatabase.Pdq(rng), dup, dup]), ids.Add, s_none);   // 3, 4 (third is a duplicate)
        await store.AddEntriesAsync("b", [TempDatabase.Pdq(rng)], s_none);            // 5
        Assert.True(await store.RemoveEntryAsync(ids[0].EntryId, s_none));             // 6
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddEntriesAsync("a", [TempDatabase.Pdq(Hash256.AllOnes)], s_none));
        Assert.True(await store.RemoveBankAsync("b", s_none));                          // 7

        List<ChangeRecord> log = await ToListAsync(store.GetChangesSinceAsync(0, s_none));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], log.Select(c => c.Sequence));
        Assert.Equal(
            [ChangeKind.BankCreated, ChangeKind.BankCreated, ChangeKind.EntryAdded, ChangeKind.EntryAdded, ChangeKind.EntryAdded,
             ChangeKind.EntryRemoved, ChangeKind.BankRemoved],
            log.Select(c => c.Kind));
        Assert.Equal([a.Id, b.Id, a.Id, a.Id, b.Id, a.Id, b.Id], log.Select(c => c.BankId));
        Assert.Equal(["a", "b", "a", "a", "b", "a", "b"], log.Select(c => c.BankName));
        Assert.Equal([null, null, ids[0].EntryId, ids[1].EntryId, log[4].EntryId, ids[0].EntryId, null], log.Select(c => c.EntryId));
        Assert.All(log, c => Assert.Equal(TimeSpan.Zero, c.TimeUtc.Offset));
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.TimeUtc <= p.Second.TimeUtc));
        Assert.Equal(7, await store.GetCurrentSequenceAsync(s_none));

        Assert.Equal([6L, 7], (await ToListAsync(store.GetChangesSinceAsync(5, s_none))).Select(c => c.Sequence));
        Assert.Empty(await ToListAsync(store.GetChangesSinceAsync(7, s_none)));
    }

    [Fact]
    public async Task RemoveEntry_LeavesATombstoneThatStaysReadable()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("t", null, s_none);
        var ids = new List<EntryOutcome>();
        NewEntry entry = TempDatabase.Pdq(new SplitMix64(4), 88, "c", "kept for audit");
        await store.AddEntriesAsync("t", ToAsync([entry]), ids.Add, s_none);
        long id = ids[0].EntryId;

        Assert.True(await store.RemoveEntryAsync(id, s_none));
        long removedAt = await store.GetCurrentSequenceAsync(s_none);
        BankEntry? tombstone = await store.GetEntryAsync(id, s_none);
        Assert.NotNull(tombstone);
        Assert.True(tombstone.IsRemoved);
        Assert.Equal(removedAt, tombstone.RemovedSequence);
        Assert.Equal("kept for audit", tombstone.Label);
        Assert.Empty(await ToListAsync(store.StreamEntriesAsync("t", s_none)));
        Assert.False(await store.RemoveEntryAsync(id, s_none));
        Assert.False(await store.RemoveEntryAsync(123_456, s_none));
        Assert.Equal(removedAt, await store.GetCurrentSequenceAsync(s_none));
        Assert.Null(await store.GetEntryAsync(123_456, s_none));
    }

    [Fact]
    public async Task EntryIds_AreNeverReused()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("r", null, s_none);
        var rng = new SplitMix64(6);
        var first = new List<EntryOutcome>();
        await store.AddEntriesAsync("r", ToAsync([TempDatabase.Pdq(rng), TempDatabase.Pdq(rng)]), first.Add, s_none);
        await store.RemoveBankAsync("r", s_none);
        await store.CreateBankAsync("r", null, s_none);
        var second = new List<EntryOutcome>();
        await store.AddEntriesAsync("r", ToAsync([TempDatabase.Pdq(rng)]), second.Add, s_none);
        Assert.True(second[0].EntryId > first.Max(o => o.EntryId));
    }

    [Fact]
    public async Task AddEntries_VideoEntries_DeduplicateByTheirFramesAndPayload()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("v", null, s_none);
        var rng = new SplitMix64(12);
        Hash256 h = SyntheticHashes.Random(rng);
        var one = new NewEntry(BankHash.None(BankHashType.Vpdq)) { Frames = [new EntryFrame(0, 0, 90, h)] };
        var other = new NewEntry(BankHash.None(BankHashType.Vpdq)) { Frames = [new EntryFrame(0, 0.5, 90, h)] };
        var tmkA = new NewEntry(BankHash.None(BankHashType.Tmk)) { Payload = [1, 2, 3] };
        var tmkB = new NewEntry(BankHash.None(BankHashType.Tmk)) { Payload = [1, 2, 4] };

        AddResult result = await store.AddEntriesAsync("v", [one, other, one with { Label = "same frames" }, tmkA, tmkB, tmkA], s_none);
        Assert.Equal(4, result.Added);
        Assert.Equal(2, result.Duplicates);
    }
}
