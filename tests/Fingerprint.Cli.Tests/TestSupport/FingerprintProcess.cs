using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Fingerprint.TestUtilities;

namespace Fingerprint.Cli.Tests.TestSupport;

/// <summary>
/// A real `fingerprint` process (<c>dotnet fingerprint.dll ...</c>), for what only a process can show: SIGKILL, SIGINT
/// and exit codes as the OS reports them. stdout is read by the test on demand, so a test that stops reading holds the
/// process back once the pipe and its own buffer are full (a kill then lands mid-run however fast the machine is);
/// stderr is drained in the background.
/// </summary>
internal sealed partial class FingerprintProcess : IDisposable
{
    private const int Sigint = 2;

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly List<string> _lines = [];
    private readonly List<byte> _partial = [];
    private readonly byte[] _buffer = new byte[4096];
    private bool _eof;

    private FingerprintProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    /// <summary>Complete stdout lines read so far.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Bytes after the last newline once stdout has ended (a record torn by a kill), decoded.</summary>
    public string TornTail => Encoding.UTF8.GetString(_partial.ToArray());

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public static FingerprintProcess Start(IEnumerable<string> args)
    {
        // A child inherits an ignored SIGINT (a test run started in the background by a non-interactive shell: `cmd &`
        // sets SIGINT and SIGQUIT to SIG_IGN), and the .NET runtime then leaves it ignored, so Interrupt() would do
        // nothing. Start the host through `env --default-signal=INT` (GNU coreutils >= 8.31), which resets it and execs
        // in place: the pid stays the host's.
        bool resetSigint = SigintIgnored() && File.Exists(EnvTool);
        var psi = new ProcessStartInfo(resetSigint ? EnvTool : DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (resetSigint)
        {
            psi.ArgumentList.Add("--default-signal=INT");
            psi.ArgumentList.Add(DotnetHost());
        }
        psi.ArgumentList.Add(FingerprintDll.Value);
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        Process process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start dotnet");
        var result = new FingerprintProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (result._stderr)
                result._stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return result;
    }

    /// <summary>Reads stdout until at least <paramref name="count"/> complete lines have arrived (or stdout ends).</summary>
    public async Task ReadLinesAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (_lines.Count < count && !_eof)
                await ReadChunkAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_lines.Count} of {count} lines after {timeout}; stderr:\n{Stderr}");
        }
    }

    /// <summary>Reads stdout to its end (the process exits or is killed).</summary>
    public async Task ReadToEndAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!_eof)
                await ReadChunkAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"stdout did not end within {timeout} ({_lines.Count} lines); stderr:\n{Stderr}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no handler runs, buffers are lost.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGINT, as Ctrl-C in a terminal sends it.</summary>
    public void Interrupt()
    {
        if (SendSignal(_process.Id, Sigint) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private async Task ReadChunkAsync(CancellationToken ct)
    {
        int n = await _process.StandardOutput.BaseStream.ReadAsync(_buffer, ct);
        if (n == 0)
        {
            _eof = true;
            return;
        }
        for (int i = 0; i < n; i++)
        {
            if (_buffer[i] == (byte)'\n')
            {
                _lines.Add(Encoding.UTF8.GetString(_partial.ToArray()));
                _partial.Clear();
            }
            else
            {
                _partial.Add(_buffer[i]);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private const string EnvTool = "/usr/bin/env";

    /// <summary>Is SIGINT ignored in this process (bit 1 of the SigIgn mask in /proc/self/status)?</summary>
    private static bool SigintIgnored()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                    return (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (Sigint - 1))) != 0;
            }
        }
        catch (IOException)
        {
        }
        return false;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    /// <summary>
    /// The built console host. The test project references Fingerprint.Cli, so its fingerprint.dll (with runtimeconfig and
    /// deps) is copied beside the tests; failing that, the CLI project's own output of the same configuration, then any
    /// configuration, then an artifacts/ layout.
    /// </summary>
    private static readonly Lazy<string> FingerprintDll = new(() =>
    {
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "fingerprint.dll") };
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        foreach (string config in new[] { configuration, configuration == "Release" ? "Debug" : "Release" })
        {
            candidates.Add(Path.Combine(RepoPaths.Root, "src", "Fingerprint.Cli", "bin", config, "net10.0", "fingerprint.dll"));
            candidates.Add(Path.Combine(RepoPaths.Root, "artifacts", "bin", "Fingerprint.Cli", config.ToLowerInvariant(), "fingerprint.dll"));
        }
        foreach (string dll in candidates)
        {
            if (File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
                return dll;
        }
        throw new FileNotFoundException("fingerprint.dll (with its runtimeconfig.json) not found; looked at:\n  " + string.Join("\n  ", candidates));
    });

    /// <summary>The dotnet muxer: DOTNET_HOST_PATH (set by `dotnet test`), else the one that runs this process, else PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate))
                return candidate;
        }
        return "dotnet";
    }
}
