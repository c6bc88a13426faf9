namespace Fingerprint.Media.Ffmpeg;

/// <summary>Runs a tool to completion and collects its (bounded) stdout: ffprobe and <c>-version</c>.</summary>
internal static class FfmpegRunner
{
    /// <summary>Runs the tool; returns its stdout when it exits with 0.</summary>
    /// <exception cref="FfmpegException">Non-zero exit (with stderr's tail) or output over the bound.</exception>
    public static async Task<byte[]> RunToEndAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout,
        TimeSpan stallTimeout, int maxOutputBytes, CancellationToken cancellationToken)
    {
        FfmpegRunResult result = await RunAsync(tool, arguments, timeout, stallTimeout, maxOutputBytes, cancellationToken);
        if (result.ExitCode != 0)
            throw new FfmpegException($"{Path.GetFileName(tool)} exited with code {result.ExitCode}.", result.ExitCode, result.StandardErrorTail);
        return result.Output;
    }

    /// <summary>Runs the tool and returns its exit code, stdout and stderr's tail, whatever the exit code.</summary>
    /// <exception cref="FfmpegTimeoutException">The tool stalled or ran too long (it was killed).</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled (the tool was killed).</exception>
    public static async Task<FfmpegRunResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout,
        TimeSpan stallTimeout, int maxOutputBytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using FfmpegProcess process = FfmpegProcess.Start(tool, arguments);
        using var watchdog = new FfmpegWatchdog(process, timeout, stallTimeout, cancellationToken);
        var output = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                watchdog.ArmStall();
                int read = await process.StandardOutput.ReadAsync(buffer, watchdog.Token);
                if (read == 0)
                    break;
                if (output.Length + read > maxOutputBytes)
                {
                    process.KillTree();
                    throw new FfmpegException($"{Path.GetFileName(tool)} wrote more than {maxOutputBytes} bytes; stopped.",
                        exitCode: null, process.StandardErrorTail);
                }
                output.Write(buffer, 0, read);
            }
            int exitCode = await process.WaitForExitAsync(watchdog.Token);
            watchdog.ThrowIfFired(process.StandardErrorTail);
            return new FfmpegRunResult(exitCode, output.ToArray(), process.StandardErrorTail);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && watchdog.Fired)
        {
            watchdog.ThrowIfFired(process.StandardErrorTail, ex);
            throw;
        }
    }
}

internal readonly record struct FfmpegRunResult(int ExitCode, byte[] Output, string StandardErrorTail);
