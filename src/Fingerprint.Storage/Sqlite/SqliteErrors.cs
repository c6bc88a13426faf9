using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage.Sqlite;

/// <summary>Turns SQLite result codes (https://www.sqlite.org/rescode.html) into typed <see cref="BankStoreException"/>s.</summary>
internal static class SqliteErrors
{
    private const int SQLITE_CORRUPT = 11, SQLITE_BUSY = 5, SQLITE_LOCKED = 6, SQLITE_READONLY = 8, SQLITE_IOERR = 10;
    private const int SQLITE_FULL = 13, SQLITE_CANTOPEN = 14, SQLITE_NOTADB = 26;

    public static BankStoreException Translate(SqliteException ex, string path, TimeSpan busyTimeout) => ex.SqliteErrorCode switch
    {
        SQLITE_BUSY or SQLITE_LOCKED => new BankStoreException(BankStoreErrorKind.Locked,
            $"The bank database '{path}' is locked by another connection or process (waited {busyTimeout.TotalSeconds:0.###} s). " +
            $"Nothing was written by this call. SQLite: {ex.Message}", ex),
        SQLITE_FULL => new BankStoreException(BankStoreErrorKind.DiskFull,
            $"The disk holding '{path}' is full (or the database reached its size limit); the transaction was rolled back. " +
            $"SQLite: {ex.Message}", ex),
        SQLITE_NOTADB => NotADatabase(path, ex.Message, ex),
        SQLITE_CORRUPT => new BankStoreException(BankStoreErrorKind.Corrupt,
            $"The bank database '{path}' is damaged. SQLite: {ex.Message}", ex),
        SQLITE_READONLY => new BankStoreException(BankStoreErrorKind.ReadOnly,
            $"The bank database '{path}' (or its folder, which must hold the -wal and -shm files) is read-only. SQLite: {ex.Message}", ex),
        SQLITE_CANTOPEN => new BankStoreException(BankStoreErrorKind.CannotOpen,
            $"Cannot open or create the bank database '{path}' (check the folder exists and is writable). SQLite: {ex.Message}", ex),
        SQLITE_IOERR => new BankStoreException(BankStoreErrorKind.IoError,
            $"I/O error on the bank database '{path}'. SQLite: {ex.Message}", ex),
        _ => new BankStoreException(BankStoreErrorKind.Unknown,
            $"SQLite error {ex.SqliteErrorCode} (extended {ex.SqliteExtendedErrorCode}) on '{path}': {ex.Message}", ex),
    };

    public static BankStoreException NotADatabase(string path, string detail, Exception? inner = null) =>
        new(BankStoreErrorKind.NotADatabase,
            $"'{path}' is not an SQLite database ({detail}); it was left untouched. Give the path of a Fingerprint bank " +
            "database, or a new file name to create one.", inner);
}
