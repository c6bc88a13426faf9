using System.Globalization;
using Fingerprint.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage;

/// <summary>
/// The embedded bank store: one SQLite file in WAL mode, created on first use (schema: README.md). Thread-safe. Writes
/// go through one connection, one transaction per call (<c>BEGIN IMMEDIATE</c>, so another process's writer makes us
/// wait up to <see cref="SqliteBankStoreOptions.BusyTimeout"/>); reads use pooled connections and see the last
/// committed state without ever waiting for a writer.
/// </summary>
public sealed partial class SqliteBankStore : IBankStore
{
    private const int MaxIdleReaders = 4;

    private readonly string _connectionString;
    private readonly string _connectionSetup;
    private readonly string _writerSetup;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Stack<SqliteConnection> _idleReaders = new();
    private SqliteConnection? _writer;
    private volatile bool _disposed;

    private SqliteBankStore(string path, SqliteBankStoreOptions options)
    {
        Path = path;
        Options = options;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            // Microsoft.Data.Sqlite retries a busy statement until this many seconds pass, and 0 would mean forever.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        _connectionString = builder.ToString();
        string busyMs = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _connectionSetup =
            $"PRAGMA busy_timeout = {busyMs}; PRAGMA foreign_keys = ON; " +
            $"PRAGMA synchronous = {(options.DurableCommits ? "FULL" : "NORMAL")}; {options.ExtraConnectionSql}";
        // journal_size_limit: after a checkpoint the WAL of a big import shrinks back to 64 MiB instead of staying large.
        _writerSetup = $"PRAGMA cache_size = -{(Math.Max(1, options.WriteCacheMiB) * 1024).ToString(CultureInfo.InvariantCulture)}; " +
            "PRAGMA journal_size_limit = 67108864;";
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public SqliteBankStoreOptions Options { get; }

    /// <summary>Schema version this build writes (<c>PRAGMA user_version</c>).</summary>
    public static int SchemaVersion => SqliteSchema.LatestVersion;

    /// <summary>
    /// Opens the bank database at <paramref name="path"/>, creating the file (and its folder) if missing and migrating
    /// an older schema. A file that is not SQLite, belongs to another application or has a newer schema is refused
    /// with a <see cref="BankStoreException"/> and left untouched.
    /// </summary>
    public static Task<SqliteBankStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(path, new SqliteBankStoreOptions(), cancellationToken);

    /// <inheritdoc cref="OpenAsync(string, CancellationToken)"/>
    public static async Task<SqliteBankStore> OpenAsync(string path, SqliteBankStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BusyTimeout < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "BusyTimeout must not be negative.");
        cancellationToken.ThrowIfCancellationRequested();
        string fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw new BankStoreException(BankStoreErrorKind.CannotOpen, $"'{fullPath}' is a folder, not a bank database file.");
        SqliteSchema.ThrowIfNotSqliteFile(fullPath);
        try
        {
            string? folder = System.IO.Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BankStoreException(BankStoreErrorKind.CannotOpen, $"Cannot create the folder of '{fullPath}': {ex.Message}", ex);
        }

        var store = new SqliteBankStore(fullPath, options);
        try
        {
            SqliteConnection writer = await store.OpenConnectionAsync(writer: true, cancellationToken);
            store._writer = writer;
            try
            {
                SqliteSchema.ValidateAndMigrate(writer, fullPath);
            }
            catch (SqliteException ex)
            {
                throw store.Translate(ex);
            }
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _writeLock.WaitAsync();   // let a running write finish (or roll back) before its connection goes
        try
        {
            _writer?.Dispose();
            _writer = null;
            lock (_idleReaders)
            {
                while (_idleReaders.TryPop(out SqliteConnection? reader))
                    reader.Dispose();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    internal BankStoreException Translate(SqliteException ex) => SqliteErrors.Translate(ex, Path, Options.BusyTimeout);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private async Task<SqliteConnection> OpenConnectionAsync(bool writer, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            SqliteSchema.Execute(connection, writer ? _connectionSetup + _writerSetup : _connectionSetup);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw Translate(ex);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a read transaction on a pooled connection; dispose the session to end it.</summary>
    internal async Task<ReadSession> BeginReadAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        SqliteConnection? connection = null;
        lock (_idleReaders)
            _idleReaders.TryPop(out connection);
        connection ??= await OpenConnectionAsync(writer: false, cancellationToken);
        try
        {
            SqliteSchema.Execute(connection, "BEGIN");
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Translate(ex);
        }
        return new ReadSession(this, connection);
    }

    internal void ReturnReader(SqliteConnection connection, bool healthy)
    {
        if (healthy && !_disposed)
        {
            lock (_idleReaders)
            {
                if (!_disposed && _idleReaders.Count < MaxIdleReaders)
                {
                    _idleReaders.Push(connection);
                    return;
                }
            }
        }
        connection.Dispose();
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> body, CancellationToken cancellationToken)
    {
        using ReadSession session = await BeginReadAsync(cancellationToken);
        return session.Run(body);
    }

    /// <summary>Runs <paramref name="body"/> in one write transaction: committed if it returns, rolled back if it throws.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> body, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            SqliteConnection connection = _writer!;
            bool committed = false;
            try
            {
                SqliteSchema.Execute(connection, "BEGIN IMMEDIATE");
                T result = await body(connection);
                SqliteSchema.Execute(connection, "COMMIT");
                committed = true;
                return result;
            }
            catch (SqliteException ex)
            {
                throw Translate(ex);
            }
            finally
            {
                if (!committed)
                    SqliteSchema.TryRollback(connection);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>The last change-log sequence as seen by a write transaction (AUTOINCREMENT's high-water mark, never reused).</summary>
    private static long LastSequenceForWrite(SqliteConnection connection) => HighWaterMark(connection, "change_log");

    /// <summary>The largest id ever given in an AUTOINCREMENT <paramref name="table"/> (<c>sqlite_sequence</c>), or 0.</summary>
    private static long HighWaterMark(SqliteConnection connection, string table)
    {
        using SqliteCommand command = Command(connection, "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = $table), 0)");
        command.Parameters.AddWithValue("$table", table);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Now, as change-log times are kept: UTC microseconds rounded down to the millisecond (as the log trigger's).</summary>
    private static long LogTimeMicros()
    {
        long now = TimeCodec.NowMicros();
        return now - now % 1000;
    }

    private static void AppendChange(SqliteConnection connection, long sequence, ChangeKind kind, long bankId, long? entryId, long timeMicros)
    {
        using SqliteCommand command = Command(connection,
            "INSERT INTO change_log (seq, kind, bank_id, entry_id, time_us) VALUES ($seq, $kind, $bank, $entry, $time)");
        command.Parameters.AddWithValue("$seq", sequence);
        command.Parameters.AddWithValue("$kind", (int)kind);
        command.Parameters.AddWithValue("$bank", bankId);
        command.Parameters.AddWithValue("$entry", entryId.HasValue ? entryId.Value : DBNull.Value);
        command.Parameters.AddWithValue("$time", timeMicros);
        command.ExecuteNonQuery();
    }
}
