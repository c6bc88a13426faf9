namespace Fingerprint.Storage;

/// <summary>The named bank does not exist (or was removed).</summary>
public sealed class BankNotFoundException : BankStoreException
{
    public BankNotFoundException()
        : this(string.Empty)
    {
    }

    public BankNotFoundException(string bankName)
        : base(BankStoreErrorKind.BankNotFound, $"Bank '{bankName}' does not exist.") => BankName = bankName;

    public BankNotFoundException(string bankName, Exception innerException)
        : base(BankStoreErrorKind.BankNotFound, $"Bank '{bankName}' does not exist.", innerException) => BankName = bankName;

    public string BankName { get; }
}
