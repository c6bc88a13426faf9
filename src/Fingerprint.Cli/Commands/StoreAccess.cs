using Fingerprint.Storage;

namespace Fingerprint.Cli.Commands;

/// <summary>Opens the bank database for a command and turns store failures into exit codes with clear messages.</summary>
internal static class StoreAccess
{
    /// <summary>Opens <paramref name="path"/>; when <paramref name="mustExist"/> and the file is absent, fails with a hint instead of creating it.</summary>
    public static async Task<SqliteBankStore> OpenAsync(string path, bool mustExist, CancellationToken ct)
    {
        if (mustExist && !File.Exists(path))
        {
            throw new CliException(ExitCode.DataError,
                $"bank database '{path}' does not exist. Create a bank first: fingerprint bank create --db {path} NAME");
        }
        try
        {
            return await SqliteBankStore.OpenAsync(path, ct);
        }
        catch (BankStoreException ex)
        {
            throw new CliException(ExitCode.DataError, $"cannot open bank database '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Runs <paramref name="action"/>, mapping store errors to <see cref="ExitCode.DataError"/>.</summary>
    public static async Task<int> RunAsync(string path, bool mustExist, Func<SqliteBankStore, Task<int>> action, CancellationToken ct)
    {
        await using SqliteBankStore store = await OpenAsync(path, mustExist, ct);
        try
        {
            return await action(store);
        }
        catch (BankNotFoundException ex)
        {
            throw new CliException(ExitCode.DataError, ex.Message, ex);
        }
        catch (BankAlreadyExistsException ex)
        {
            throw new CliException(ExitCode.DataError, ex.Message, ex);
        }
        catch (BankStoreException ex)
        {
            throw new CliException(ExitCode.DataError, $"bank database '{path}': {ex.Message}", ex);
        }
    }
}
