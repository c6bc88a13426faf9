using System.Text;
using Fingerprint.Hashing;
using Fingerprint.Storage.ImportExport;

namespace Fingerprint.Storage.Tests.ImportExport;

public partial class BankImporterTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    // Quoted by the reference (pdq/README.md, bridge-mods/aaa-orig.jpg via pdq-photo-hasher) and conformance index data.
    private const string H1 = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
    private const string H2 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private const string H3 = "b062eb9d2ab170c0567fcb672d9a5548c5612982dd5e374a7424ebbc8b135cb5";
    private const string H4 = "700375b2d0922ad5408d509f56daf7da06111aeb1aad1bac00148555af57fffe";
    private static readonly string s_zeros = new('0', 64);
    private static readonly string s_ones = new('f', 64);

    [Fact]
    public async Task HexLines_GoodAndBadLines_ReportsEachBadLineWithItsReason()
    {
        string input = string.Join('\n',
            "# a comment",                                   // 1
            H1,                                              // 2
            "",                                              // 3
            H2[..63],                                        // 4 short
            "g" + H2[1..],                                   // 5 non-hex
            s_zeros,                                         // 6 all zeros
            s_ones.ToUpperInvariant(),                       // 7 all ones
            $"{H3}\t40\t/in/low.jpg",                        // 8 below the gate
            $"{H4.ToUpperInvariant()}\t90\t/in/ok one.jpg",  // 9 our text output, upper case
            $"  {H1}  ",                                     // 10 duplicate of line 2
            $"{H2}\tabc",                                    // 11 bad quality
            H2);                                             // 12
        (ImportResult result, List<BankEntry> entries) = await ImportAsync(input);

        Assert.Equal(ImportFormat.HexLines, result.Format);
        Assert.Equal(12, result.LinesRead);
        Assert.Equal((3, 1, 6), (result.Imported, result.Duplicates, result.Rejected));
        AssertErrors(result,
            (4, "hash: a 256-bit hash is 64 hex digits; got 63 characters"),
            (5, "hash: 'g' at position 1 is not a hex digit"),
            (6, "hash is all zeros"),
            (7, "hash is all ones"),
            (8, "quality 40 is below the gate of 50"),
            (11, "quality 'abc' is not an integer 0..100"));
        Assert.Equal([new ImportDuplicate(10, entries[0].Id)], result.DuplicateLines);
        Assert.Equal([H1, H4, H2], entries.Select(e => e.Hash.ToString()));
        Assert.Null(entries[0].Quality);
        Assert.Equal(90, entries[1].Quality);
        Assert.Equal("/in/ok one.jpg", entries[1].Source);
    }

    [Theory]
    [InlineData(30, 2)]
    [InlineData(41, 1)]
    [InlineData(null, 3)]
    public async Task QualityGate_IsConfigurableAndCanBeDisabled(int? gate, int imported)
    {
        string input = $"{H1}\t0\n{H2}\t40\n{H3}\t100\n";
        (ImportResult result, _) = await ImportAsync(input, new ImportOptions { MinQuality = gate });
        Assert.Equal(imported, result.Imported);
        Assert.Equal(3 - imported, result.Rejected);
    }

    [Fact]
    public async Task Csv_HeaderByName_ImportsEveryColumn()
    {
        string input =
            "Quality,PDQ,Label,path,SHA256,campaign,tags,extra\r\n" +
            $"95,{H1},\"bridge, original\",/in/a.jpg,abc123,op-1,a;b|c,ignored\r\n" +
            $"80,{H2},\"say \"\"hi\"\"\nsecond line\",,,,,\r\n" +
            $",{H3},,,,,\" x \",\r\n";
        (ImportResult result, List<BankEntry> entries) = await ImportAsync(input);

        Assert.Equal(ImportFormat.Csv, result.Format);
        Assert.Equal((3, 0, 0), (result.Imported, result.Duplicates, result.Rejected));
        Assert.Equal(["extra"], result.IgnoredColumns);
        BankEntry a = entries[0];
        Assert.Equal((H1, 95, "bridge, original", "/in/a.jpg", "abc123", "op-1"),
            (a.Hash.ToString(), a.Quality, a.Label, a.Source, a.ContentId, a.Campaign));
        Assert.Equal(["a", "b", "c"], a.Tags);
        Assert.Equal("say \"hi\"\nsecond line", entries[1].Label);
        Assert.Null(entries[1].Source);
        Assert.Null(entries[2].Quality);
        Assert.Equal(["x"], entries[2].Tags);
    }

    [Fact]
    public async Task Csv_MalformedLines_AreRejectedWithLineNumbers_AndTheRestImported()
    {
        string input = string.Join('\n',
            "hash,quality,label",                  // 1
            $"{H1},90,good",                       // 2
            $"{H2},90,bad\"quote",                 // 3 quote inside an unquoted field
            $"{H2},90,\"closed\"x",                // 4 text after the closing quote
            $"{H2},90",                            // 5 too few fields
            $"{H2},90,a,b",                        // 6 too many fields
            $"{H2},ninety,x",                      // 7 bad quality
            $"{H3},90,\"never closed",             // 8 unterminated: lines after it are read on their own
            $"{H4},90,after the stray quote",      // 9
            ",,",                                  // 10 empty row: skipped
            $"{H2},90,\"spans",                    // 11 a quoted field over two lines is fine
            "two lines\"");                        // 12
        (ImportResult result, List<BankEntry> entries) = await ImportAsync(input);

        AssertErrors(result,
            (3, "malformed CSV quoting: a quote inside the unquoted field 3"),
            (4, "malformed CSV quoting: 'x' after the closing quote of field 3"),
            (5, "expected 3 fields as in the header, got 2"),
            (6, "expected 3 fields as in the header, got 4"),
            (7, "quality 'ninety' is not an integer 0..100"),
            (8, "malformed CSV quoting: the quoted field 3 opened at character 69 is not closed"));
        Assert.Equal([H1, H4, H2], entries.Select(e => e.Hash.ToString()));
        Assert.Equal("spans\ntwo lines", entries[2].Label);
        Assert.Equal(12, result.LinesRead);
    }

    [Fact]
    public async Task Csv_HeaderWithoutHashColumn_Throws_AndImportsNothing()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("b", null, s_none);
        BankImportException ex = await Assert.ThrowsAsync<BankImportException>(() => BankImporter.ImportAsync(store, "b",
            new StringReader($"quality,label,hsh\n90,x,{H1}\n"), new ImportOptions { Format = ImportFormat.Csv }, s_none));
        Assert.Equal(1, ex.Line);
        Assert.Contains("has no 'hash' or 'pdq' column; its columns are: quality, label, hsh", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.GetCurrentSequenceAsync(s_none) - 1);
    }

    [Fact]
    public async Task PdqPhotoHasher_PlainAndDetailedOutput_Imports()
    {
        string input = string.Join('\n',
            $"{H1},100,pdq/data/bridge-mods/aaa-orig.jpg",
            $"{H2},49,low.jpg",
            $"{H3},73,dir/with, commas,in.jpg",
            $"hash={H4},norm=128,delta=0,quality=88,filename=x,y.png",
            "not a hash line",
            $"{s_zeros},0,tiny.png");
        (ImportResult result, List<BankEntry> entries) = await ImportAsync(input);

        Assert.Equal(ImportFormat.PdqPhotoHasher, result.Format);
        AssertErrors(result,
            (2, "quality 49 is below the gate of 50"),
            (5, "expected hash,quality,path (pdq-photo-hasher output)"),
            (6, "hash is all zeros"));
        Assert.Equal([(H1, 100, "pdq/data/bridge-mods/aaa-orig.jpg"), (H3, 73, "dir/with, commas,in.jpg"), (H4, 88, "x,y.png")],
            entries.Select(e => (e.Hash.ToString(), e.Quality!.Value, e.Source!)));
    }

    [Fact]
    public async Task Jsonl_OurHashRecordsAndFullRecords_ImportWithBadLinesReported()
    {
        string input = string.Join('\n',
            $$"""{"path":"/in/a.jpg","sha256":"aa11","pdq":"{{H1}}","quality":97,"width":640,"height":480}""",
            """{"path":"/in/broken.jpg","error":"not an image (starts with 0x00 0x01)"}""",
            """{"pdq": "abc",}""",
            "[1,2,3]",
            $$"""{"hash":"{{H2}}","quality":"88","label":true}""",
            $$"""{"hash_type":"pdq","hash":"{{H3}}","quality":70,"tags":["t1","t2"],"campaign":"c","added_utc":"2024-02-03T04:05:06.789012Z","regions":[{"name":"panel-0","x":1,"y":2,"width":3,"height":4,"quality":66,"hash":"{{H4}}"}]}""",
            $$"""{"hashType":"vpdq","frames":[{"frame":0,"timestamp":0,"quality":90,"hash":"{{H1}}"},{"frame":15,"timestamp":0.5,"quality":91,"hash":"{{H2}}"}],"contentId":"video-1"}""",
            $$"""{"hash_type":"vpdq","frames":[{"frame":2,"timestamp":0,"quality":90,"hash":"{{H1}}"},{"frame":1,"timestamp":1,"quality":90,"hash":"{{H1}}"}]}""",
            $$"""{"hash":"{{H4}}","quality":60,"tags":"x|y"}""");
        (ImportResult result, List<BankEntry> entries) = await ImportAsync(input);

        Assert.Equal(ImportFormat.Jsonl, result.Format);
        AssertErrors(result,
            (2, "the record reports an error: not an image (starts with 0x00 0x01)"),
            (3, "bad JSON at byte 15: "),
            (4, "bad JSON: expected an object, got Array"),
            (5, "field 'label' must be a string or a number, not True"),
            (8, "frame numbers must increase strictly; 1 follows 2"));
        Assert.Equal(["width", "height"], result.IgnoredColumns);
        Assert.Equal(4, entries.Count);
        Assert.Equal(("aa11", "/in/a.jpg", 97), (entries[0].ContentId, entries[0].Source, entries[0].Quality));
        BankEntry full = entries[1];
        Assert.Equal(["t1", "t2"], full.Tags);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(7890120), full.AddedUtc);
        Assert.Equal([new EntryRegion("panel-0", 1, 2, 3, 4, Hash256.Parse(H4), 66)], full.Regions);
        BankEntry video = entries[2];
        Assert.Equal(BankHashType.Vpdq, video.Hash.Type);
        Assert.Equal([new EntryFrame(0, 0, 90, Hash256.Parse(H1)), new EntryFrame(15, 0.5, 91, Hash256.Parse(H2))], video.Frames);
        Assert.Equal(["x", "y"], entries[3].Tags);
    }

    [Fact]
    public async Task ExternalIdAndClassicHashes_AreImported()
    {
        string csv = $"id,hash,quality\nTE-1,{H1},90\nTE-2,{H2},91\n";
        (_, List<BankEntry> fromCsv) = await ImportAsync(csv);
        Assert.Equal(["TE-1", "TE-2"], fromCsv.Select(e => e.ContentId));

        string jsonl = $$"""{"id":12345,"sha256":"ff00","pdq":"{{H3}}"}""" + "\n" + $$"""{"id":"TE-9","pdq":"{{H4}}"}""";
        (_, List<BankEntry> fromJson) = await ImportAsync(jsonl);
        Assert.Equal(["ff00", "TE-9"], fromJson.Select(e => e.ContentId));   // content id / sha256 win over an external id

        (ImportResult classic, List<BankEntry> dhashes) = await ImportAsync(
            "0123456789abcdef\nffffffffffffffff\n0123456789abcde\n", new ImportOptions { DefaultHashType = BankHashType.DHash });
        Assert.Equal([BankHash.Classic(BankHashType.DHash, new Hash64(0x0123456789abcdefUL))], dhashes.Select(e => e.Hash));
        AssertErrors(classic, (2, "hash is all ones"), (3, "hash: a 64-bit hash is 16 hex digits; got 15 characters"));
    }

    [Fact]
    public async Task Detect_UnrecognisedFirstLine_Throws_ButAForcedFormatRejectsLinesInstead()
    {
        const string Input = "hello world\nthis is not a bank\n";
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("b", null, s_none);
        BankImportException ex = await Assert.ThrowsAsync<BankImportException>(
            () => BankImporter.ImportAsync(store, "b", new StringReader(Input), null, s_none));
        Assert.Contains("Cannot detect the input format from line 1 ('hello world')", ex.Message, StringComparison.Ordinal);

        ImportResult forced = await BankImporter.ImportAsync(store, "b", new StringReader(Input), new ImportOptions { Format = ImportFormat.HexLines }, s_none);
        Assert.Equal(2, forced.Rejected);
        Assert.Equal("hash: a 256-bit hash is 64 hex digits; got 11 characters", forced.Errors[0].Reason);
    }

    [Fact]
    public async Task OverlongLine_IsRejectedWithoutBufferingIt()
    {
        string input = $"{H1}\n{new string('a', 100_000)}\n{H2}\n";
        (ImportResult result, List<BankEntry> entries) = await ImportAsync(input, new ImportOptions { MaxLineLength = 1024 });
        AssertErrors(result, (2, "line longer than 1024 characters"));
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public async Task ByteOrderMarkAndCrLf_AreHandled()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"hash,label\r\n{H1},é\r\n{H2},x\r\n")];
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("b", null, s_none);
        ImportResult result = await BankImporter.ImportAsync(store, "b", new MemoryStream(bytes), null, s_none);
        Assert.Equal(ImportFormat.Csv, result.Format);
        Assert.Equal(2, result.Imported);
        Assert.Equal("é", (await SqliteBankStoreTests.ToListAsync(store.StreamEntriesAsync("b", s_none)))[0].Label);
    }

    [Fact]
    public async Task UnknownBank_ThrowsBankNotFound()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await Assert.ThrowsAsync<BankNotFoundException>(() => BankImporter.ImportAsync(store, "none", new StringReader(H1), null, s_none));
    }

    [Fact]
    public async Task ReaderFailsMidway_NothingIsImported()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("b", null, s_none);
        long before = await store.GetCurrentSequenceAsync(s_none);
        using var reader = new GeneratedHexReader(count: 50_000, seed: 5, failAfterLines: 20_000);
        await Assert.ThrowsAsync<IOException>(() => BankImporter.ImportAsync(store, "b", reader, null, s_none));
        Assert.Equal(0, (await store.GetStatsAsync("b", s_none)).LiveEntries);
        Assert.Equal(before, await store.GetCurrentSequenceAsync(s_none));
    }

    [Fact]
    public async Task CancelledMidway_NothingIsImported()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("b", null, s_none);
        using var cts = new CancellationTokenSource();
        using var reader = new GeneratedHexReader(count: 50_000, seed: 6, onLine: n => { if (n == 10_000) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BankImporter.ImportAsync(store, "b", reader, null, cts.Token));
        Assert.Equal(0, (await store.GetStatsAsync("b", s_none)).LiveEntries);
    }

    private static async Task<(ImportResult Result, List<BankEntry> Entries)> ImportAsync(string input, ImportOptions? options = null)
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("b", null, s_none);
        ImportResult result = await BankImporter.ImportAsync(store, "b", new StringReader(input), options, s_none);
        Assert.Equal(result.Imported, (await store.GetStatsAsync("b", s_none)).LiveEntries);
        return (result, await SqliteBankStoreTests.ToListAsync(store.StreamEntriesAsync("b", s_none)));
    }

    private static void AssertErrors(ImportResult result, params (long Line, string Reason)[] expected)
    {
        Assert.Equal(expected.Length, result.Rejected);
        Assert.Equal(expected.Select(e => e.Line), result.Errors.Select(e => e.Line));
        for (int i = 0; i < expected.Length; i++)
            Assert.StartsWith(expected[i].Reason, result.Errors[i].Reason, StringComparison.Ordinal);
    }
}
