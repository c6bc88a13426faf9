using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// One running ffmpeg/ffprobe process (DESIGN.md §5, STYLE.md §3.7): arguments through
/// <see cref="ProcessStartInfo.ArgumentList"/> (never a command string, so no quoting and no shell), stdin closed at
/// once, stdout left to the caller as a raw stream, stderr drained concurrently into a bounded tail so a chatty or
/// stuck tool can neither block on a full pipe nor fill our memory. <see cref="DisposeAsync"/> kills the whole process
/// tree if it is still running and always waits for it, so no zombie is left behind.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    private const int TailMaxChars = 8 * 1024;
    private const int TailMaxLines = 40;

    private readonly Process _process;
    private readonly Task _stderrPump;
    private readonly Queue<string> _tail = new();
    private int _tailChars;
    private bool _disposed;

    private FfmpegProcess(Process process)
    {
        _process = process;
        _stderrPump = Task.Run(PumpStandardErrorAsync);
    }

    public int ProcessId { get; private set; }

    /// <summary>The raw stdout of the tool.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, each passed as one argv entry.</summary>
    /// <exception cref="FfmpegNotFoundException">The executable could not be started.</exception>
    public static FfmpegProcess Start(string fileName, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
            startInfo.ArgumentList.Add(argument);

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new FfmpegNotFoundException($"{fileName} could not be started ({ex.Message}). Install the Debian package " +
                "'ffmpeg' (apt-get install ffmpeg), or point --ffmpeg / FINGERPRINT_FFMPEG at the executable.", ex);
        }
        // ffmpeg gets -nostdin as well; closing our end means nothing can ever wait on it.
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool already exited; its exit code tells the rest.
        }
        return new FfmpegProcess(process) { ProcessId = process.Id };
    }

    /// <summary>The last lines written to stderr so far (at most 40 lines / 8 KiB).</summary>
    public string StandardErrorTail
    {
        get
        {
            lock (_tail)
                return string.Join('\n', _tail);
        }
    }

    /// <summary>Waits for exit and for stderr to be drained; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await _stderrPump.WaitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Kills the process and all its descendants (no-op when it already exited).</summary>
    public void KillTree()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // Exiting while we kill it; WaitForExit below reaps it either way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        KillTree();
        // Always reap the child: after SIGKILL the exit is immediate; the bound only guards against a process stuck in
        // uninterruptible I/O.
        _process.WaitForExit(TimeSpan.FromSeconds(30));
        try
        {
            await _stderrPump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A grandchild holding stderr open past the kill: leave the pump; disposing the process closes the pipe.
        }
        _process.Dispose();
    }

    private async Task PumpStandardErrorAsync()
    {
        // Reads in blocks and splits lines itself, so one endless line cannot grow without bound.
        char[] buffer = new char[4096];
        var line = new StringBuilder();
        try
        {
            StreamReader reader = _process.StandardError;
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    char c = buffer[i];
                    if (c is '\n' or '\r')
                    {
                        AddLine(line);
                    }
                    else if (line.Length < TailMaxChars)
                    {
                        line.Append(c);
                    }
                }
            }
            AddLine(line);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The pipe closed under us (process killed and disposed): the tail so far is what we have.
        }
    }

    private void AddLine(StringBuilder line)
    {
        if (line.Length == 0)
            return;
        string text = line.ToString();
        line.Clear();
        lock (_tail)
        {
            _tail.Enqueue(text);
            _tailChars += text.Length;
            while (_tail.Count > TailMaxLines || (_tailChars > TailMaxChars && _tail.Count > 1))
                _tailChars -= _tail.Dequeue().Length;
        }
    }
}
