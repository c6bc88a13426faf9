namespace Fingerprint.Storage.ImportExport;

/// <summary>The input as a whole cannot be imported (format not recognised, CSV header without a hash column); nothing was written.</summary>
public sealed class BankImportException : Exception
{
    public BankImportException()
    {
    }

    public BankImportException(string message)
        : base(message)
    {
    }

    public BankImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BankImportException(long line, string message)
        : base(message) => Line = line;

    /// <summary>The line the problem was found on, or 0.</summary>
    public long Line { get; }
}
