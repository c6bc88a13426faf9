using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage.Sqlite;

/// <summary>
/// Identifies, creates and migrates a Fingerprint bank database. The file is ours when <c>PRAGMA application_id</c> is
/// <see cref="ApplicationId"/>; <c>PRAGMA user_version</c> is the schema version, and the embedded scripts
/// <c>Sqlite/Migrations/NNNN_*.sql</c> take it from NNNN-1 to NNNN, in order, in one transaction. Nothing is written to
/// a file that is not SQLite, belongs to another application or has a newer schema.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>ASCII "FPBK" (FingerPrint BanK), big-endian, in the SQLite header's application id field.</summary>
    public const int ApplicationId = 0x4650424B;

    private static readonly byte[] s_sqliteMagic = "SQLite format 3\0"u8.ToArray();
    private static readonly Lazy<string[]> s_migrations = new(LoadMigrations);

    /// <summary>Migration scripts; script i takes the schema to version i + 1.</summary>
    public static IReadOnlyList<string> Migrations => s_migrations.Value;

    public static int LatestVersion => Migrations.Count;

    /// <summary>
    /// Refuses (without opening it through SQLite) a non-empty file that does not start with the SQLite magic. An empty
    /// or missing file is fine: it becomes a new database.
    /// </summary>
    public static void ThrowIfNotSqliteFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
            return;
        Span<byte> header = stackalloc byte[16];
        int read;
        try
        {
            using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BankStoreException(BankStoreErrorKind.CannotOpen, $"Cannot read the bank database '{path}': {ex.Message}", ex);
        }
        if (read < header.Length || !header.SequenceEqual(s_sqliteMagic))
        {
            string detail = read < header.Length
                ? $"only {info.Length} bytes"
                : $"it starts with {Convert.ToHexString(header[..8])}, not the SQLite header";
            throw SqliteErrors.NotADatabase(path, detail);
        }
    }

    /// <summary>
    /// Checks the database on <paramref name="connection"/> is empty or ours and not newer than this build, switches
    /// it to WAL, and applies pending migrations.
    /// </summary>
    public static void ValidateAndMigrate(SqliteConnection connection, string path)
    {
        (long applicationId, long version, List<string> objects) = Inspect(connection, path);
        bool fresh = applicationId == 0 && version == 0 && objects.Count == 0;
        if (!fresh && applicationId != ApplicationId)
        {
            string what = objects.Count == 0
                ? "no tables"
                : $"tables {string.Join(", ", objects.Take(6))}{(objects.Count > 6 ? ", ..." : "")}";
            throw new BankStoreException(BankStoreErrorKind.NotAFingerprintDatabase,
                $"'{path}' is an SQLite database of another application (application_id 0x{applicationId:x8}, " +
                $"user_version {version}, {what}); it was left untouched.");
        }
        ThrowIfNewer(version, path);

        string mode = Scalar<string>(connection, "PRAGMA journal_mode = WAL");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new BankStoreException(BankStoreErrorKind.CannotOpen,
                $"The bank database '{path}' cannot use write-ahead logging (journal mode stays '{mode}'); " +
                "put it on a local file system.");

        if (version == LatestVersion)
            return;
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            // Another process may have migrated (or initialised) the file between the checks above and the lock.
            version = Scalar<long>(connection, "PRAGMA user_version");
            ThrowIfNewer(version, path);
            for (int v = (int)version + 1; v <= LatestVersion; v++)
                Execute(connection, Migrations[v - 1]);
            Execute(connection, $"PRAGMA application_id = {ApplicationId.ToString(CultureInfo.InvariantCulture)}");
            Execute(connection, $"PRAGMA user_version = {LatestVersion.ToString(CultureInfo.InvariantCulture)}");
            Execute(connection, "COMMIT");
        }
        catch
        {
            TryRollback(connection);
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    public static void TryRollback(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite already rolled back (it does so itself after SQLITE_FULL and some I/O errors).
        }
    }

    private static (long ApplicationId, long Version, List<string> Objects) Inspect(SqliteConnection connection, string path)
    {
        try
        {
            long applicationId = Scalar<long>(connection, "PRAGMA application_id");
            long version = Scalar<long>(connection, "PRAGMA user_version");
            var objects = new List<string>();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
                objects.Add(reader.GetString(0));
            return (applicationId, version, objects);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 26)
        {
            throw SqliteErrors.NotADatabase(path, "SQLite cannot read it, it may be encrypted or damaged", ex);
        }
    }

    private static void ThrowIfNewer(long version, string path)
    {
        if (version > LatestVersion)
            throw new BankStoreException(BankStoreErrorKind.NewerSchema,
                $"The bank database '{path}' has schema version {version}, newer than this build supports ({LatestVersion}); " +
                "it was left untouched. Use a newer Fingerprint build.");
    }

    private static string[] LoadMigrations()
    {
        const string Prefix = "Fingerprint.Storage.Migrations.";
        Assembly assembly = typeof(SqliteSchema).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n.AsSpan(Prefix.Length, 4), CultureInfo.InvariantCulture), Name: n))
            .OrderBy(s => s.Version)
            .ToList();
        for (int i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
                throw new InvalidOperationException($"Migration scripts must be numbered 0001.. without gaps; found {scripts[i].Name}.");
        }
        return scripts.Select(s =>
        {
            using Stream stream = assembly.GetManifestResourceStream(s.Name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }).ToArray();
    }
}
