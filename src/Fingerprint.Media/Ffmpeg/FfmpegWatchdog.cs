namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// The timeouts of one ffmpeg/ffprobe run: the caller's token, an overall deadline, and a stall timer re-armed before
/// each read and disarmed while the consumer holds a frame. When any of them fires the process tree is killed at once
/// (which also ends a pending pipe read, whether or not the stream honours the token); <see cref="ThrowIfFired"/> then
/// turns the cause into <see cref="OperationCanceledException"/> (caller) or <see cref="FfmpegTimeoutException"/>.
/// </summary>
internal sealed class FfmpegWatchdog : IDisposable
{
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _overall;
    private readonly CancellationTokenSource _stall = new();
    private readonly CancellationTokenSource _linked;
    private readonly CancellationTokenRegistration _killOnFire;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _stallTimeout;

    public FfmpegWatchdog(FfmpegProcess process, TimeSpan timeout, TimeSpan stallTimeout, CancellationToken callerToken)
    {
        _callerToken = callerToken;
        _timeout = timeout;
        _stallTimeout = stallTimeout;
        _overall = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _overall.CancelAfter(timeout);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_overall.Token, _stall.Token);
        _killOnFire = _linked.Token.Register(static p => ((FfmpegProcess)p!).KillTree(), process);
    }

    public CancellationToken Token => _linked.Token;

    public bool Fired => _linked.IsCancellationRequested;

    /// <summary>Starts (or restarts) the no-progress timer: call before waiting on the tool.</summary>
    public void ArmStall() => _stall.CancelAfter(_stallTimeout);

    /// <summary>Stops the no-progress timer: call while the consumer, not the tool, has the turn.</summary>
    public void DisarmStall() => _stall.CancelAfter(Timeout.InfiniteTimeSpan);

    /// <summary>If a timer or the caller fired, throws the matching exception (the process is already killed).</summary>
    public void ThrowIfFired(string standardErrorTail, Exception? inner = null)
    {
        if (!_linked.IsCancellationRequested)
            return;
        _callerToken.ThrowIfCancellationRequested();
        bool stalled = _stall.IsCancellationRequested && !_overall.IsCancellationRequested;
        throw new FfmpegTimeoutException(stalled, stalled ? _stallTimeout : _timeout, standardErrorTail, inner);
    }

    public void Dispose()
    {
        _killOnFire.Dispose();
        _linked.Dispose();
        _stall.Dispose();
        _overall.Dispose();
    }
}
