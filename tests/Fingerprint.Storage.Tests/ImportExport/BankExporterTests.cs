using System.Text;
using Fingerprint.Hashing;
using Fingerprint.Storage.ImportExport;
using Fingerprint.TestUtilities;

namespace Fingerprint.Storage.Tests.ImportExport;

public class BankExporterTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    /// <summary>Entries exercising every field and the awkward characters each format must carry.</summary>
    private static List<NewEntry> Diverse(ulong seed)
    {
        var rng = new SplitMix64(seed);
        var t0 = new DateTimeOffset(2021, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(9_999_999);
        var list = new List<NewEntry>
        {
            new(BankHash.Pdq(SyntheticHashes.Random(rng)))
            {
                Quality = 100,
                ContentId = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                Label = "comma, \"quote\", newline\nCRLF\r\nlone CR\rend",
                Tags = ["a", "b c", "ü-tag"],
                Source = " /path/with leading space and trailing ",
                Campaign = "op-1",
                AddedUtc = t0,
                Regions = [new EntryRegion("full", 0, 0, 1920, 1080, SyntheticHashes.Random(rng), 99),
                           new EntryRegion("panel-1", 960, 0, 960, 540, SyntheticHashes.Random(rng), 51)],
                Payload = [0, 1, 2, 253, 254, 255],
            },
            new(BankHash.Pdq(SyntheticHashes.Random(rng))) { Quality = 3, AddedUtc = t0.AddDays(-400) },
            new(BankHash.Pdq(SyntheticHashes.Random(rng))) { Label = "日本語のラベル 🙂", Tags = ["x"] },
            new(BankHash.None(BankHashType.Vpdq))
            {
                ContentId = "video-42",
                Frames = [new EntryFrame(0, 0, 100, SyntheticHashes.Random(rng)),
                          new EntryFrame(7, 1.0 / 3, 42, SyntheticHashes.Random(rng)),
                          new EntryFrame(1000, 12345.678901234567, 77, SyntheticHashes.Random(rng))],
                AddedUtc = t0,
            },
            new(BankHash.None(BankHashType.Tmk)) { Payload = Encoding.ASCII.GetBytes("TMK1FVECPDQF..."), Label = "tmk" },
            new(BankHash.Classic(BankHashType.AHash, new Hash64(0x8000000000000001UL))) { Quality = 60 },
            new(BankHash.Classic(BankHashType.DHash, new Hash64(0x0123456789abcdefUL))),
            new(BankHash.Classic(BankHashType.PHash, new Hash64(0xfedcba9876543210UL))) { Label = "\"", Campaign = "c;d" },
        };
        for (int i = 0; i < 40; i++)
            list.Add(new NewEntry(BankHash.Pdq(SyntheticHashes.Random(rng))) { Quality = 50 + i, Label = $"bulk {i}", Tags = i % 2 == 0 ? ["even"] : [] });
        return list;
    }

    public static TheoryData<string> Formats() => new() { "csv", "jsonl" };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Export_ThenImportIntoNewBank_IsExact(string format)
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("source", null, s_none);
        await store.AddEntriesAsync("source", Diverse(1), s_none);
        var removed = (await SqliteBankStoreTests.ToListAsync(store.StreamEntriesAsync("source", s_none)))[10];
        await store.RemoveEntryAsync(removed.Id, s_none);

        string exported = await ExportAsync(store, "source", format);
        await store.CreateBankAsync("copy", null, s_none);
        ImportResult result = await BankImporter.ImportAsync(store, "copy", new StringReader(exported),
            new ImportOptions { MinQuality = null }, s_none);
        Assert.Equal(format == "csv" ? ImportFormat.Csv : ImportFormat.Jsonl, result.Format);
        Assert.Equal((47, 0, 0), (result.Imported, result.Duplicates, result.Rejected));
        Assert.Empty(result.IgnoredColumns);

        List<BankEntry> original = await SqliteBankStoreTests.ToListAsync(store.StreamEntriesAsync("source", s_none));
        List<BankEntry> copy = await SqliteBankStoreTests.ToListAsync(store.StreamEntriesAsync("copy", s_none));
        Assert.Equal(original.Count, copy.Count);
        for (int i = 0; i < original.Count; i++)
            AssertSameContent(original[i], copy[i]);
        Assert.DoesNotContain(copy, e => e.Label == removed.Label);

        // Exporting the copy gives the same text apart from the entry ids.
        Assert.Equal(WithoutIds(exported, format), WithoutIds(await ExportAsync(store, "copy", format), format));
    }

    [Fact]
    public async Task ExportCsv_ThenImport_ThenExportJsonl_MatchesDirectJsonl()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("a", null, s_none);
        await store.AddEntriesAsync("a", Diverse(2), s_none);
        await store.CreateBankAsync("b", null, s_none);
        await BankImporter.ImportAsync(store, "b", new StringReader(await ExportAsync(store, "a", "csv")), new ImportOptions { MinQuality = null }, s_none);
        Assert.Equal(WithoutIds(await ExportAsync(store, "a", "jsonl"), "jsonl"), WithoutIds(await ExportAsync(store, "b", "jsonl"), "jsonl"));
    }

    [Fact]
    public async Task ExportCsv_WritesTheDocumentedHeaderAndCells()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("h", null, s_none);
        var hash = Hash256.Parse("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22");
        var region = Hash256.Parse("700375b2d0922ad5408d509f56daf7da06111aeb1aad1bac00148555af57fffe");
        await store.AddEntriesAsync("h",
        [
            new NewEntry(BankHash.Pdq(hash))
            {
                Quality = 91, ContentId = "c1", Label = "a \"b\", c", Tags = ["t1", "t2"], Source = "s", Campaign = "k",
                AddedUtc = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(60),
                Regions = [new EntryRegion("full", 0, 1, 2, 3, region, 44)], Payload = [1, 2, 3],
            },
        ], s_none);
        string text = await ExportAsync(store, "h", "csv");
        string[] lines = text.Split('\n');
        Assert.Equal("entry_id,hash_type,hash,quality,content_id,label,tags,source,campaign,added_utc,regions,frames,payload", lines[0]);
        Assert.Equal($"1,pdq,{hash},91,c1,\"a \"\"b\"\", c\",t1;t2,s,k,2020-01-02T03:04:05.000006Z,full:0:1:2:3:44:{region},,AQID", lines[1]);
        Assert.Equal("", lines[2]);
    }

    private static void AssertSameContent(BankEntry expected, BankEntry actual)
    {
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(expected.Quality, actual.Quality);
        Assert.Equal(expected.ContentId, actual.ContentId);
        Assert.Equal(expected.Label, actual.Label);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Campaign, actual.Campaign);
        Assert.Equal(expected.AddedUtc, actual.AddedUtc);
        Assert.Equal(expected.Regions, actual.Regions);
        Assert.Equal(expected.Frames, actual.Frames);
        Assert.Equal(expected.Payload, actual.Payload);
    }

    private static async Task<string> ExportAsync(SqliteBankStore store, string bank, string format)
    {
        var writer = new StringWriter();
        long count = format == "csv"
            ? await BankExporter.ExportCsvAsync(store, bank, writer, s_none)
            : await BankExporter.ExportJsonlAsync(store, bank, writer, s_none);
        Assert.Equal((await store.GetStatsAsync(bank, s_none)).LiveEntries, count);
        return writer.ToString();
    }

    /// <summary>The export with the store-assigned entry ids blanked (first CSV cell, or the leading "entry_id" field).</summary>
    private static string WithoutIds(string text, string format) => format == "csv"
        ? System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^\d+,", "#,")
        : System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^\{""entry_id"":\d+,", "{");
}
