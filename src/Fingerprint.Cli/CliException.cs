namespace Fingerprint.Cli;

/// <summary>A failure that ends a command with a specific exit code and a one-line message on stderr.</summary>
internal sealed class CliException : Exception
{
    public CliException(ExitCode exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public CliException()
    {
    }

    public CliException(string message) : base(message)
    {
    }

    public CliException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ExitCode ExitCode { get; } = ExitCode.UsageError;
}
