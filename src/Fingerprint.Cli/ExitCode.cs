namespace Fingerprint.Cli;

/// <summary>
/// Every outcome of the console host has a documented exit code (README "Exit codes").
/// grep-style for matching commands: 0 when something matched, 1 when nothing did.
/// </summary>
internal enum ExitCode
{
    /// <summary>Success; for scan and compare: at least one match.</summary>
    Success = 0,

    /// <summary>scan/compare: every input was processed and nothing matched.</summary>
    NoMatch = 1,

    /// <summary>Bad command line, unknown option, missing argument, bad option value.</summary>
    UsageError = 2,

    /// <summary>Some inputs failed (their records carry the error); the rest were processed and written.</summary>
    InputError = 3,

    /// <summary>A native library or ffmpeg is missing; the message names the Debian package.</summary>
    DependencyMissing = 4,

    /// <summary>A database, bank or index problem (cannot open, corrupt, not found).</summary>
    DataError = 5,

    /// <summary>A bug: an unexpected exception (the message and, with FINGERPRINT_DEBUG=1, the stack trace go to stderr).</summary>
    InternalError = 70,

    /// <summary>Interrupted (Ctrl-C / SIGTERM); what was finished is written and journaled.</summary>
    Canceled = 130,
}
