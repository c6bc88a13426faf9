using Microsoft.Data.Sqlite;

namespace Fingerprint.Storage.Sqlite;

/// <summary>
/// One read transaction on a pooled connection: every query in it sees the same committed state (WAL snapshot).
/// Disposing ends the transaction and returns the connection, or closes it if anything went wrong.
/// </summary>
internal sealed class ReadSession : IDisposable
{
    private readonly SqliteBankStore _store;
    private bool _disposed;

    public ReadSession(SqliteBankStore store, SqliteConnection connection)
    {
        _store = store;
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Runs <paramref name="body"/>, translating SQLite errors.</summary>
    public T Run<T>(Func<SqliteConnection, T> body)
    {
        try
        {
            return body(Connection);
        }
        catch (SqliteException ex)
        {
            throw _store.Translate(ex);
        }
    }

    /// <summary>Advances <paramref name="reader"/>, translating SQLite errors.</summary>
    public bool Read(SqliteDataReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (SqliteException ex)
        {
            throw _store.Translate(ex);
        }
    }

    public SqliteDataReader ExecuteReader(SqliteCommand command)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (SqliteException ex)
        {
            throw _store.Translate(ex);
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        bool healthy = true;
        try
        {
            SqliteSchema.Execute(Connection, "COMMIT");
        }
        catch (SqliteException)
        {
            healthy = false;
        }
        _store.ReturnReader(Connection, healthy);
    }
}
