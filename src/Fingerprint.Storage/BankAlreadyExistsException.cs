namespace Fingerprint.Storage;

/// <summary>A live bank with the requested name (ignoring ASCII case) already exists.</summary>
public sealed class BankAlreadyExistsException : BankStoreException
{
    public BankAlreadyExistsException()
        : this(string.Empty)
    {
    }

    public BankAlreadyExistsException(string bankName)
        : base(BankStoreErrorKind.BankExists, $"Bank '{bankName}' already exists.") => BankName = bankName;

    public BankAlreadyExistsException(string bankName, Exception innerException)
        : base(BankStoreErrorKind.BankExists, $"Bank '{bankName}' already exists.", innerException) => BankName = bankName;

    public string BankName { get; }
}
