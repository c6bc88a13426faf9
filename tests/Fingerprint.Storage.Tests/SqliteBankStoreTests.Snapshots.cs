using Fingerprint.Hashing;
using Fingerprint.TestUtilities;

namespace Fingerprint.Storage.Tests;

public partial class SqliteBankStoreTests
{
    [Fact]
    public async Task StreamPdqHashes_IncludesEntryRegionAndFrameHashes_AndExcludesRemoved()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        Bank a = await store.CreateBankAsync("a", null, s_none);
        Bank b = await store.CreateBankAsync("b", null, s_none);
        await store.CreateBankAsync("gone", null, s_none);
        var rng = new SplitMix64(41);
        Hash256 plain = SyntheticHashes.Random(rng), withRegions = SyntheticHashes.Random(rng), removed = SyntheticHashes.Random(rng);
        Hash256 r0 = SyntheticHashes.Random(rng), r1 = SyntheticHashes.Random(rng), f0 = SyntheticHashes.Random(rng), f1 = SyntheticHashes.Random(rng);
        Hash256 inB = SyntheticHashes.Random(rng), removedRegion = SyntheticHashes.Random(rng), inGone = SyntheticHashes.Random(rng);
        var ids = new List<EntryOutcome>();
        await store.AddEntriesAsync("a", ToAsync(
        [
            TempDatabase.Pdq(plain, null),
            TempDatabase.Pdq(withRegions, 95) with
            {
                Regions = [new EntryRegion("panel-0", 0, 0, 10, 10, r0, 71), new EntryRegion("full", 0, 0, 20, 10, r1, 72)],
            },
            new NewEntry(BankHash.None(BankHashType.Vpdq)) { Frames = [new EntryFrame(3, 0.1, 60, f0), new EntryFrame(30, 1.0, 61, f1)] },
            TempDatabase.Pdq(removed, 80) with { Regions = [new EntryRegion("full", 0, 0, 1, 1, removedRegion, 50)] },
            new NewEntry(BankHash.Classic(BankHashType.AHash, new Hash64(77))) { Quality = 90 },
            new NewEntry(BankHash.None(BankHashType.Tmk)) { Payload = [1] },
        ]), ids.Add, s_none);
        await store.AddEntriesAsync("b", [TempDatabase.Pdq(inB, 66)], s_none);
        await store.AddEntriesAsync("gone", [TempDatabase.Pdq(inGone, 66)], s_none);
        await store.RemoveEntryAsync(ids[3].EntryId, s_none);
        await store.RemoveBankAsync("gone", s_none);

        List<SearchableHash> all = await ToListAsync(store.StreamPdqHashesAsync(null, s_none));
        long bId = (await store.GetBankAsync("b", s_none))!.Id;
        SearchableHash[] expected =
        [
            new(ids[0].EntryId, a.Id, "a", plain, null, SearchableHashKind.Entry),
            new(ids[1].EntryId, a.Id, "a", withRegions, 95, SearchableHashKind.Entry),
            new(ids[5].EntryId + 1, bId, "b", inB, 66, SearchableHashKind.Entry),
            new(ids[1].EntryId, a.Id, "a", r0, 71, SearchableHashKind.Region, Region: "panel-0"),
            new(ids[1].EntryId, a.Id, "a", r1, 72, SearchableHashKind.Region, Region: "full"),
            new(ids[2].EntryId, a.Id, "a", f0, 60, SearchableHashKind.Frame, Frame: 3, TimestampSeconds: 0.1),
            new(ids[2].EntryId, a.Id, "a", f1, 61, SearchableHashKind.Frame, Frame: 30, TimestampSeconds: 1.0),
        ];
        Assert.Equal(expected, all);

        // A log tailer gets the same rows from the entries themselves.
        IReadOnlyDictionary<long, BankEntry> byId = await store.GetEntriesAsync(ids.Select(o => o.EntryId).Append(expected[2].EntryId), s_none);
        Assert.Equal(expected.OrderBy(h => h.EntryId).ThenBy(h => h.Kind),
            byId.Values.OrderBy(e => e.Id).SelectMany(e => e.SearchableHashes()).OrderBy(h => h.EntryId).ThenBy(h => h.Kind));
        Assert.Empty(byId[ids[3].EntryId].SearchableHashes());   // removed

        List<SearchableHash> onlyB = await ToListAsync(store.StreamPdqHashesAsync(["B"], s_none));
        Assert.Equal([expected[2]], onlyB);
        Assert.Empty(await ToListAsync(store.StreamPdqHashesAsync([], s_none)));
        await Assert.ThrowsAsync<BankNotFoundException>(async () => await ToListAsync(store.StreamPdqHashesAsync(["gone"], s_none)));
    }

    [Fact]
    public async Task PdqSnapshot_IsConsistent_AndTheLogFromItsSequenceHasTheRest()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("s", null, s_none);
        var rng = new SplitMix64(43);
        await store.AddEntriesAsync("s", Enumerable.Range(0, 100).Select(_ => TempDatabase.Pdq(rng)).ToList(), s_none);

        await using PdqHashSnapshot snapshot = await store.OpenPdqSnapshotAsync(["s"], s_none);
        long at = snapshot.Sequence;
        Assert.Equal(101, at);
        Assert.Equal(["s"], snapshot.Banks.Select(b => b.Name));
        var later = new List<EntryOutcome>();
        await store.AddEntriesAsync("s", ToAsync(Enumerable.Range(0, 10).Select(_ => TempDatabase.Pdq(rng))), later.Add, s_none);

        List<SearchableHash> seen = await ToListAsync(snapshot.ReadAllAsync(s_none));
        Assert.Equal(100, seen.Count);
        Assert.DoesNotContain(seen, h => later.Any(o => o.EntryId == h.EntryId));
        List<ChangeRecord> tail = await ToListAsync(store.GetChangesSinceAsync(at, s_none));
        Assert.Equal(later.Select(o => (long?)o.EntryId), tail.Select(c => c.EntryId));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await ToListAsync(snapshot.ReadAllAsync(s_none)));
    }

    [Fact]
    public async Task StreamPdqHashes_StopEarly_ReturnsTheConnectionAndLaterCallsWork()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("e", null, s_none);
        var rng = new SplitMix64(44);
        await store.AddEntriesAsync("e", Enumerable.Range(0, 50).Select(_ => TempDatabase.Pdq(rng)).ToList(), s_none);
        for (int i = 0; i < 20; i++)
        {
            await foreach (SearchableHash _ in store.StreamPdqHashesAsync(null, s_none))
                break;
        }
        await store.AddEntriesAsync("e", [TempDatabase.Pdq(rng)], s_none);
        Assert.Equal(51, (await ToListAsync(store.StreamPdqHashesAsync(null, s_none))).Count);
    }
}
