using Fingerprint.Hashing;
using Fingerprint.TestUtilities;

namespace Fingerprint.Storage.Tests;

/// <summary>A temporary folder holding a bank database file, deleted (with its -wal and -shm files) on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "fp-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path_ = Path.Combine(Folder, "banks.db");
    }

    public string Folder { get; }

    /// <summary>The database file path (not created until a store opens it).</summary>
    public string Path_ { get; }

    public Task<SqliteBankStore> OpenAsync(SqliteBankStoreOptions? options = null) =>
        SqliteBankStore.OpenAsync(Path_, options ?? new SqliteBankStoreOptions(), CancellationToken.None);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A valid PDQ entry with a seeded random hash.</summary>
    public static NewEntry Pdq(SplitMix64 rng, int quality = 90, string? contentId = null, string? label = null) =>
        new(BankHash.Pdq(SyntheticHashes.Random(rng))) { Quality = quality, ContentId = contentId, Label = label };

    public static NewEntry Pdq(Hash256 hash, int? quality = 90) => new(BankHash.Pdq(hash)) { Quality = quality };
}
