namespace Fingerprint.Storage;

/// <summary>Settings of a <see cref="SqliteBankStore"/>.</summary>
public sealed record SqliteBankStoreOptions
{
    /// <summary>
    /// How long a write waits for another process's write transaction before failing with
    /// <see cref="BankStoreErrorKind.Locked"/> (SQLite's busy timeout; Microsoft.Data.Sqlite's retry loop rounds it up
    /// to whole seconds, at least 1). Readers never wait for writers (WAL).
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True (the default): every commit is flushed to disk before it returns (<c>PRAGMA synchronous = FULL</c>), so a
    /// power loss never loses a committed change. False: <c>NORMAL</c>, still safe against a process crash, faster for
    /// many small commits.
    /// </summary>
    public bool DurableCommits { get; init; } = true;

    /// <summary>Page cache of the write connection in MiB (bounds the memory of any import).</summary>
    public int WriteCacheMiB { get; init; } = 32;

    /// <summary>Tests only: extra per-connection pragmas (for example <c>PRAGMA max_page_count</c> to simulate a full disk).</summary>
    internal string? ExtraConnectionSql { get; init; }
}
