namespace Fingerprint.Storage;

/// <summary>A bank store failure with a typed <see cref="Kind"/> and a message a user can act on.</summary>
public class BankStoreException : Exception
{
    public BankStoreException()
        : this(BankStoreErrorKind.Unknown, "Bank store error.")
    {
    }

    public BankStoreException(string message)
        : this(BankStoreErrorKind.Unknown, message)
    {
    }

    public BankStoreException(string message, Exception innerException)
        : this(BankStoreErrorKind.Unknown, message, innerException)
    {
    }

    public BankStoreException(BankStoreErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    public BankStoreErrorKind Kind { get; }
}
