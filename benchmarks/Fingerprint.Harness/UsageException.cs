namespace Fingerprint.Harness;

/// <summary>A bad command line: printed without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
