using System.Security.Cryptography;
using Fingerprint.TestUtilities;
using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage.Tests;

public partial class SqliteBankStoreTests
{
    [Fact]
    public async Task Open_NewFile_CreatesWalDatabaseWithOurIdAndSchemaVersion()
    {
        using var db = new TempDatabase();
        string nested = Path.Combine(db.Folder, "sub", "dir", "banks.db");
        await (await SqliteBankStore.OpenAsync(nested, s_none)).DisposeAsync();

        using var raw = new SqliteConnection($"Data Source={nested};Pooling=False");
        raw.Open();
        Assert.Equal("wal", Scalar(raw, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteBankStore.SchemaVersion, Scalar(raw, "PRAGMA user_version"));
        Assert.Equal(0x4650424BL, Scalar(raw, "PRAGMA application_id"));   // "FPBK"
        Assert.Equal(1L, SqliteBankStore.SchemaVersion);
    }

    [Fact]
    public async Task Open_Twice_KeepsDataAndSequence()
    {
        using var db = new TempDatabase();
        long sequence;
        await using (SqliteBankStore store = await db.OpenAsync())
        {
            await store.CreateBankAsync("keep", "d", s_none);
            await store.AddEntriesAsync("keep", [TempDatabase.Pdq(new SplitMix64(1))], s_none);
            sequence = await store.GetCurrentSequenceAsync(s_none);
        }
        await using (SqliteBankStore store = await db.OpenAsync())
        {
            Assert.Equal(1, (await store.GetStatsAsync("keep", s_none)).LiveEntries);
            Assert.Equal(sequence, await store.GetCurrentSequenceAsync(s_none));
            Assert.Equal(2, sequence);
        }
    }

    [Theory]
    [InlineData("plain text, not a database at all. plain text, not a database at all.", "not the SQLite header")]
    [InlineData("SQLite", "only 6 bytes")]
    public async Task Open_NotSqlite_RefusesAndLeavesFileUntouched(string content, string detail)
    {
        using var db = new TempDatabase();
        await File.WriteAllTextAsync(db.Path_, content);
        byte[] before = await File.ReadAllBytesAsync(db.Path_);

        BankStoreException ex = await Assert.ThrowsAsync<BankStoreException>(() => db.OpenAsync());
        Assert.Equal(BankStoreErrorKind.NotADatabase, ex.Kind);
        Assert.Contains("is not an SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.Contains(detail, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(db.Path_));
        Assert.Equal(["banks.db"], Directory.GetFiles(db.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Open_RandomBytesWithSqliteMagic_RefusesAsNotADatabase()
    {
        using var db = new TempDatabase();
        byte[] junk = new byte[8192];
        new SplitMix64(99).NextBytes(junk);
        "SQLite format 3\0"u8.CopyTo(junk);
        await File.WriteAllBytesAsync(db.Path_, junk);

        BankStoreException ex = await Assert.ThrowsAsync<BankStoreException>(() => db.OpenAsync());
        Assert.True(ex.Kind is BankStoreErrorKind.NotADatabase or BankStoreErrorKind.Corrupt, ex.Kind + ": " + ex.Message);
        Assert.Equal(junk, await File.ReadAllBytesAsync(db.Path_));
    }

    [Fact]
    public async Task Open_AnotherApplicationsDatabase_RefusesAndLeavesItUntouched()
    {
        using var db = new TempDatabase();
        using (var raw = new SqliteConnection($"Data Source={db.Path_};Pooling=False"))
        {
            raw.Open();
            Execute(raw, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello');");
        }
        byte[] before = SHA256.HashData(await File.ReadAllBytesAsync(db.Path_));

        BankStoreException ex = await Assert.ThrowsAsync<BankStoreException>(() => db.OpenAsync());
        Assert.Equal(BankStoreErrorKind.NotAFingerprintDatabase, ex.Kind);
        Assert.Contains("another application", ex.Message, StringComparison.Ordinal);
        Assert.Contains("notes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(db.Path_)));
        using (var raw = new SqliteConnection($"Data Source={db.Path_};Pooling=False"))
        {
            raw.Open();
            Assert.Equal("delete", Scalar(raw, "PRAGMA journal_mode"));   // not switched to WAL
        }
    }

    [Fact]
    public async Task Open_ForeignEmptyDatabaseWithUserVersion_Refuses()
    {
        using var db = new TempDatabase();
        using (var raw = new SqliteConnection($"Data Source={db.Path_};Pooling=False"))
        {
            raw.Open();
            Execute(raw, "PRAGMA user_version = 7");
        }
        BankStoreException ex = await Assert.ThrowsAsync<BankStoreException>(() => db.OpenAsync());
        Assert.Equal(BankStoreErrorKind.NotAFingerprintDatabase, ex.Kind);
        Assert.Contains("user_version 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_EmptyFile_BecomesANewDatabase()
    {
        using var db = new TempDatabase();
        await File.WriteAllBytesAsync(db.Path_, []);
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("fresh", null, s_none);
        Assert.Single(await store.ListBanksAsync(s_none));
    }

    [Fact]
    public async Task Open_NewerSchemaVersion_RefusesAndLeavesFileUntouched()
    {
        using var db = new TempDatabase();
        await (await db.OpenAsync()).DisposeAsync();
        using (var raw = new SqliteConnection($"Data Source={db.Path_};Pooling=False"))
        {
            raw.Open();
            Execute(raw, $"PRAGMA user_version = {SqliteBankStore.SchemaVersion + 1}");
        }
        byte[] before = SHA256.HashData(await File.ReadAllBytesAsync(db.Path_));

        BankStoreException ex = await Assert.ThrowsAsync<BankStoreException>(() => db.OpenAsync());
        Assert.Equal(BankStoreErrorKind.NewerSchema, ex.Kind);
        Assert.Contains($"schema version {SqliteBankStore.SchemaVersion + 1}, newer than this build supports ({SqliteBankStore.SchemaVersion})",
            ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(db.Path_)));
    }

    [Fact]
    public async Task Open_Folder_ThrowsCannotOpen()
    {
        using var db = new TempDatabase();
        BankStoreException ex = await Assert.ThrowsAsync<BankStoreException>(() => SqliteBankStore.OpenAsync(db.Folder, s_none));
        Assert.Equal(BankStoreErrorKind.CannotOpen, ex.Kind);
    }

    [Fact]
    public async Task Write_WhileAnotherConnectionHoldsTheWriteLock_ThrowsLockedAndReadsStillWork()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync(new SqliteBankStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(300) });
        await store.CreateBankAsync("l", null, s_none);
        using var other = new SqliteConnection($"Data Source={db.Path_};Pooling=False;Default Timeout=1");
        other.Open();
        Execute(other, "BEGIN IMMEDIATE");

        BankStoreException ex = await Assert.ThrowsAsync<BankStoreException>(
            () => store.AddEntriesAsync("l", [TempDatabase.Pdq(new SplitMix64(1))], s_none));
        Assert.Equal(BankStoreErrorKind.Locked, ex.Kind);
        Assert.Contains("is locked by another connection or process", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.GetStatsAsync("l", s_none)).LiveEntries);   // WAL: readers never wait

        Execute(other, "ROLLBACK");
        Assert.Equal(1, (await store.AddEntriesAsync("l", [TempDatabase.Pdq(new SplitMix64(1))], s_none)).Added);
    }

    [Fact]
    public async Task Write_DiskFull_ThrowsDiskFullAndLeavesBankAsBefore()
    {
        using var db = new TempDatabase();
        long pages;
        await using (SqliteBankStore store = await db.OpenAsync())
        {
            await store.CreateBankAsync("f", null, s_none);
            await store.AddEntriesAsync("f", [TempDatabase.Pdq(new SplitMix64(2))], s_none);
        }
        using (var raw = new SqliteConnection($"Data Source={db.Path_};Pooling=False"))
        {
            raw.Open();
            pages = (long)Scalar(raw, "PRAGMA page_count");
        }

        // A size limit a few pages above the current size makes SQLite report SQLITE_FULL, as a full disk does.
        var limited = new SqliteBankStoreOptions { ExtraConnectionSql = $"PRAGMA max_page_count = {pages + 3};" };
        await using (SqliteBankStore store = await db.OpenAsync(limited))
        {
            long sequence = await store.GetCurrentSequenceAsync(s_none);
            var rng = new SplitMix64(3);
            BankStoreException ex = await Assert.ThrowsAsync<BankStoreException>(
                () => store.AddEntriesAsync("f", Enumerable.Range(0, 5000).Select(_ => TempDatabase.Pdq(rng)), s_none));
            Assert.Equal(BankStoreErrorKind.DiskFull, ex.Kind);
            Assert.Contains("is full", ex.Message, StringComparison.Ordinal);
            Assert.Equal(1, (await store.GetStatsAsync("f", s_none)).LiveEntries);
            Assert.Equal(sequence, await store.GetCurrentSequenceAsync(s_none));
        }
        await using (SqliteBankStore store = await db.OpenAsync())
            Assert.Equal(1, (await store.AddEntriesAsync("f", [TempDatabase.Pdq(new SplitMix64(4))], s_none)).Added);
    }

    [Fact]
    public async Task TwoStoresOnOneFile_SeeEachOthersCommits()
    {
        using var db = new TempDatabase();
        await using SqliteBankStore a = await db.OpenAsync();
        await using SqliteBankStore b = await db.OpenAsync();
        await a.CreateBankAsync("shared", null, s_none);
        var rng = new SplitMix64(8);
        Task<AddResult> fromA = a.AddEntriesAsync("shared", Enumerable.Range(0, 2000).Select(_ => TempDatabase.Pdq(rng)).ToList(), s_none);
        Task<AddResult> fromB = b.AddEntriesAsync("shared", Enumerable.Range(0, 2000).Select(_ => TempDatabase.Pdq(rng)).ToList(), s_none);
        await Task.WhenAll(fromA, fromB);
        Assert.Equal(4000, (await a.GetStatsAsync("shared", s_none)).LiveEntries);
        Assert.Equal(4001, await b.GetCurrentSequenceAsync(s_none));
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        using var db = new TempDatabase();
        SqliteBankStore store = await db.OpenAsync();
        await store.DisposeAsync();
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ListBanksAsync(s_none));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CreateBankAsync("x", null, s_none));
    }

    private static object Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
