using Fingerprint.Hashing;
using Fingerprint.TestUtilities;

namespace Fingerprint.Storage.Tests;

public partial class SqliteBankStoreTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task CreateBank_Then_GetAndList_ReturnIt()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        Bank created = await store.CreateBankAsync("ncmec-2024", "hashes from the 2024 list", s_none);

        Bank? found = await store.GetBankAsync("NCMEC-2024", s_none);
        Assert.Equal(created, found);
        Assert.Equal("ncmec-2024", found!.Name);
        Assert.Equal("hashes from the 2024 list", found.Description);
        Assert.True(found.CreatedSequence > 0);
        Assert.Equal([created], await store.ListBanksAsync(s_none));
        Assert.True(File.Exists(db.Path_));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("-leading", "starts with a letter or digit")]
    [InlineData("has space", "' ' at position 4")]
    [InlineData("semi;colon", "';' at position 5")]
    [InlineData("x23456789012345678901234567890123456789012345678901234567890123456789", "at most 64")]
    public async Task CreateBank_InvalidName_ThrowsArgumentException(string name, string reason)
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateBankAsync(name, null, s_none));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListBanksAsync(s_none));
    }

    [Fact]
    public async Task CreateBank_NameTakenIgnoringCase_ThrowsBankAlreadyExists()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("Terror", null, s_none);
        BankAlreadyExistsException ex = await Assert.ThrowsAsync<BankAlreadyExistsException>(() => store.CreateBankAsync("terror", null, s_none));
        Assert.Equal(BankStoreErrorKind.BankExists, ex.Kind);
    }

    [Fact]
    public async Task RemoveBank_TombstonesEntries_AndFreesTheName()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        var rng = new SplitMix64(7);
        await store.CreateBankAsync("a", null, s_none);
        AddResult added = await store.AddEntriesAsync("a", [TempDatabase.Pdq(rng), TempDatabase.Pdq(rng)], s_none);
        Assert.Equal(2, added.Added);

        Assert.True(await store.RemoveBankAsync("A", s_none));
        Assert.False(await store.RemoveBankAsync("a", s_none));
        Assert.Null(await store.GetBankAsync("a", s_none));
        await Assert.ThrowsAsync<BankNotFoundException>(() => store.GetStatsAsync("a", s_none));
        Assert.Empty(await ToListAsync(store.StreamPdqHashesAsync(null, s_none)));

        Bank again = await store.CreateBankAsync("a", null, s_none);
        BankStats stats = await store.GetStatsAsync("a", s_none);
        Assert.Equal(again.Id, stats.Bank.Id);
        Assert.Equal(0, stats.LiveEntries);
        Assert.Equal(0, stats.RemovedEntries);
    }

    [Fact]
    public async Task AddEntries_UnknownBank_ThrowsBankNotFound()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        BankNotFoundException ex = await Assert.ThrowsAsync<BankNotFoundException>(
            () => store.AddEntriesAsync("nope", [TempDatabase.Pdq(new SplitMix64(1))], s_none));
        Assert.Equal("nope", ex.BankName);
        Assert.Contains("'nope' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntries_EveryField_RoundTripsThroughGetEntry()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        Bank bank = await store.CreateBankAsync("full", null, s_none);
        var rng = new SplitMix64(11);
        var added = new DateTimeOffset(2023, 4, 5, 6, 7, 8, TimeSpan.FromHours(2)).AddTicks(1234567);
        byte[] payload = [1, 2, 3, 0, 255];
        var pdq = new NewEntry(BankHash.Pdq(SyntheticHashes.Random(rng)))
        {
            Quality = 77,
            ContentId = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            Label = "label, with \"quotes\"\nand a newline",
            Tags = ["csam", "tier-1", "ü"],
            Source = "/data/in/photo 1.jpg",
            Campaign = "op-x",
            AddedUtc = added,
            Regions =
            [
                new EntryRegion("full", 0, 0, 640, 480, SyntheticHashes.Random(rng), 100),
                new EntryRegion("panel-0", 10, 20, 300, 200, SyntheticHashes.Random(rng), 63),
            ],
            Payload = payload,
        };
        var video = new NewEntry(BankHash.None(BankHashType.Vpdq))
        {
            Frames = [new EntryFrame(0, 0, 100, SyntheticHashes.Random(rng)), new EntryFrame(5, 5.0 / 3, 49, SyntheticHashes.Random(rng))],
        };
        var classic = new NewEntry(BankHash.Classic(BankHashType.DHash, new Hash64(0x0123456789abcdefUL))) { Quality = null };
        var tmk = new NewEntry(BankHash.None(BankHashType.Tmk)) { Payload = [9, 8, 7] };

        var outcomes = new List<EntryOutcome>();
        AddResult result = await store.AddEntriesAsync("full", ToAsync([pdq, video, classic, tmk]), outcomes.Add, s_none);
        Assert.Equal(new AddResult(4, 0, bank.CreatedSequence + 1, bank.CreatedSequence + 4), result);
        Assert.Equal([0, 1, 2, 3], outcomes.Select(o => o.Index));
        Assert.All(outcomes, o => Assert.False(o.AlreadyPresent));

        BankEntry? e = await store.GetEntryAsync(outcomes[0].EntryId, s_none);
        Assert.NotNull(e);
        Assert.Equal(bank.Id, e.BankId);
        Assert.Equal("full", e.BankName);
        Assert.Equal(pdq.Hash, e.Hash);
        Assert.Equal(77, e.Quality);
        Assert.Equal(pdq.ContentId, e.ContentId);
        Assert.Equal(pdq.Label, e.Label);
        Assert.Equal(pdq.Tags, e.Tags);
        Assert.Equal(pdq.Source, e.Source);
        Assert.Equal(pdq.Campaign, e.Campaign);
        // Stored in UTC with microsecond precision: the 7th fractional digit is dropped.
        Assert.Equal(new DateTimeOffset(2023, 4, 5, 4, 7, 8, TimeSpan.Zero).AddTicks(1234560), e.AddedUtc);
        Assert.Equal(TimeSpan.Zero, e.AddedUtc.Offset);
        Assert.Equal(pdq.Regions, e.Regions);
        Assert.Equal(payload, e.Payload);
        Assert.Empty(e.Frames);
        Assert.Equal(result.FirstSequence, e.AddedSequence);
        Assert.Null(e.RemovedSequence);

        IReadOnlyDictionary<long, BankEntry> rest = await store.GetEntriesAsync(outcomes.Skip(1).Select(o => o.EntryId).Append(999_999), s_none);
        Assert.Equal(3, rest.Count);
        BankEntry v = rest[outcomes[1].EntryId];
        Assert.Equal(BankHash.None(BankHashType.Vpdq), v.Hash);
        Assert.Equal(video.Frames, v.Frames);
        Assert.Null(v.Quality);
        Assert.Null(v.Payload);
        Assert.Empty(v.Tags);
        Assert.Equal("0123456789abcdef", rest[outcomes[2].EntryId].Hash.ToString());
        Assert.Equal(BankHashType.DHash, rest[outcomes[2].EntryId].Hash.Type);
        Assert.Equal([9, 8, 7], rest[outcomes[3].EntryId].Payload);
    }

    [Fact]
    public async Task AddEntries_SameHashAndContentTwice_ReportsAlreadyPresent()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("a", null, s_none);
        await store.CreateBankAsync("b", null, s_none);
        Hash256 h = SyntheticHashes.Random(new SplitMix64(3));
        NewEntry first = TempDatabase.Pdq(h) with { ContentId = "x" };

        var outcomes = new List<EntryOutcome>();
        AddResult r1 = await store.AddEntriesAsync("a", ToAsync([first, first with { Label = "again" }]), outcomes.Add, s_none);
        Assert.Equal(1, r1.Added);
        Assert.Equal(1, r1.Duplicates);
        Assert.Equal(outcomes[0].EntryId, outcomes[1].EntryId);
        Assert.True(outcomes[1].AlreadyPresent);

        // A different content id, a different bank, or no content id at all are different entries.
        AddResult r2 = await store.AddEntriesAsync("a", [first with { ContentId = "y" }, first with { ContentId = null }], s_none);
        Assert.Equal(new AddResult(2, 0, r1.LastSequence + 1, r1.LastSequence + 2), r2);
        Assert.Equal(1, (await store.AddEntriesAsync("b", [first], s_none)).Added);
        // Absent and empty content ids are the same thing.
        Assert.Equal(1, (await store.AddEntriesAsync("a", [first with { ContentId = "" }], s_none)).Duplicates);

        // Once removed, the same entry can be added again (as a new id).
        Assert.True(await store.RemoveEntryAsync(outcomes[0].EntryId, s_none));
        var again = new List<EntryOutcome>();
        AddResult r3 = await store.AddEntriesAsync("a", ToAsync([first]), again.Add, s_none);
        Assert.Equal(1, r3.Added);
        Assert.True(again[0].EntryId > outcomes[0].EntryId);
    }

    [Fact]
    public async Task AddEntries_InvalidEntry_FailsWholeBatchNamingIt()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("a", null, s_none);
        var rng = new SplitMix64(5);
        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => store.AddEntriesAsync("a",
            [TempDatabase.Pdq(rng), TempDatabase.Pdq(Hash256.Zero)], s_none));
        Assert.Contains("Entry 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("all zeros", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.GetStatsAsync("a", s_none)).LiveEntries);
    }

    [Fact]
    public async Task GetStats_CountsByTypeQualityAndRemoved()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("s", null, s_none);
        var rng = new SplitMix64(9);
        var entries = new List<NewEntry>
        {
            TempDatabase.Pdq(rng, 0), TempDatabase.Pdq(rng, 9), TempDatabase.Pdq(rng, 10), TempDatabase.Pdq(rng, 55),
            TempDatabase.Pdq(rng, 99), TempDatabase.Pdq(rng, 100), TempDatabase.Pdq(SyntheticHashes.Random(rng), null),
            TempDatabase.Pdq(rng, 90) with { Regions = [new EntryRegion("full", 0, 0, 5, 5, SyntheticHashes.Random(rng), 80)] },
            new(BankHash.None(BankHashType.Vpdq)) { Frames = [new EntryFrame(0, 0, 50, SyntheticHashes.Random(rng)), new EntryFrame(1, 1, 50, SyntheticHashes.Random(rng))] },
            new(BankHash.Classic(BankHashType.PHash, new Hash64(42))) { Quality = 30 },
        };
        var outcomes = new List<EntryOutcome>();
        await store.AddEntriesAsync("s", ToAsync(entries), outcomes.Add, s_none);
        Assert.True(await store.RemoveEntryAsync(outcomes[3].EntryId, s_none));   // the quality-55 entry
        Assert.False(await store.RemoveEntryAsync(outcomes[3].EntryId, s_none));

        BankStats stats = await store.GetStatsAsync("s", s_none);
        Assert.Equal(9, stats.LiveEntries);
        Assert.Equal(1, stats.RemovedEntries);
        Assert.Equal(7, stats.LiveEntriesByType[BankHashType.Pdq]);
        Assert.Equal(1, stats.LiveEntriesByType[BankHashType.Vpdq]);
        Assert.Equal(1, stats.LiveEntriesByType[BankHashType.PHash]);
        Assert.False(stats.LiveEntriesByType.ContainsKey(BankHashType.Tmk));
        Assert.Equal(1, stats.LiveRegions);
        Assert.Equal(2, stats.LiveFrames);
        Assert.Equal(10, stats.SearchablePdqHashes);
        Assert.Equal([2L, 1, 0, 1, 0, 0, 0, 0, 0, 3], stats.QualityHistogram);   // 0,9 | 10 | 30 | 90,99,100
        Assert.Equal(2, stats.UnknownQuality);                                  // the null-quality pdq and the vpdq entry
        Assert.Equal(await store.GetCurrentSequenceAsync(s_none), stats.LastSequence);
    }

    [Fact]
    public async Task StreamEntries_ReturnsLiveEntriesOfTheBankInIdOrder()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("x", null, s_none);
        await store.CreateBankAsync("y", null, s_none);
        var rng = new SplitMix64(21);
        var xs = new List<EntryOutcome>();
        var entries = Enumerable.Range(0, 50).Select(i => i % 3 == 0
            ? TempDatabase.Pdq(rng, 60 + i % 40) with { Regions = [new EntryRegion($"r{i}", i, i, 1, 1, SyntheticHashes.Random(rng), 70)] }
            : i % 3 == 1
                ? new NewEntry(BankHash.None(BankHashType.Vpdq)) { Frames = [new EntryFrame(i, i, 90, SyntheticHashes.Random(rng))], Payload = [(byte)i] }
                : TempDatabase.Pdq(rng, 70)).ToList();
        await store.AddEntriesAsync("x", ToAsync(entries), xs.Add, s_none);
        await store.AddEntriesAsync("y", [TempDatabase.Pdq(rng)], s_none);
        await store.RemoveEntryAsync(xs[4].EntryId, s_none);

        List<BankEntry> streamed = await ToListAsync(store.StreamEntriesAsync("x", s_none));
        Assert.Equal(49, streamed.Count);
        Assert.Equal(xs.Where((_, i) => i != 4).Select(o => o.EntryId), streamed.Select(e => e.Id));
        IReadOnlyDictionary<long, BankEntry> direct = await store.GetEntriesAsync(streamed.Select(e => e.Id), s_none);
        foreach (BankEntry e in streamed)
        {
            BankEntry d = direct[e.Id];
            Assert.Equal(d.Regions, e.Regions);
            Assert.Equal(d.Frames, e.Frames);
            Assert.Equal(d.Payload, e.Payload);
            Assert.Equal(d.Hash, e.Hash);
        }
        Assert.Equal(entries[3].Regions, streamed[3].Regions);
        Assert.Equal(entries[49].Frames, streamed[^1].Frames);
    }

    internal static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items)
            list.Add(item);
        return list;
    }
}
