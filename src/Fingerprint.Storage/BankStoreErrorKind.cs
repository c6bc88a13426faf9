namespace Fingerprint.Storage;

/// <summary>Why a <see cref="BankStoreException"/> was raised.</summary>
public enum BankStoreErrorKind
{
    /// <summary>An SQLite error with no more specific kind; the message carries SQLite's text.</summary>
    Unknown = 0,

    /// <summary>Another connection or process holds the write lock longer than the busy timeout.</summary>
    Locked,

    /// <summary>The file is not an SQLite database (or is encrypted).</summary>
    NotADatabase,

    /// <summary>The file is an SQLite database belonging to another application.</summary>
    NotAFingerprintDatabase,

    /// <summary>The database was written by a newer build with a schema this build does not know.</summary>
    NewerSchema,

    /// <summary>The disk (or the configured size limit) is full; the transaction was rolled back.</summary>
    DiskFull,

    /// <summary>The database or its folder is read-only.</summary>
    ReadOnly,

    /// <summary>The file cannot be opened or created (missing folder, permissions).</summary>
    CannotOpen,

    /// <summary>The database is damaged or holds values this build cannot read.</summary>
    Corrupt,

    /// <summary>An I/O error from the operating system.</summary>
    IoError,

    /// <summary>The named bank does not exist (<see cref="BankNotFoundException"/>).</summary>
    BankNotFound,

    /// <summary>A live bank with that name already exists (<see cref="BankAlreadyExistsException"/>).</summary>
    BankExists,
}
