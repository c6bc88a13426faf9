using System.Diagnostics;
using Spectre.Console;

namespace Fingerprint.Cli.Progress;

/// <summary>
/// Progress on stderr for long runs: a Spectre.Console bar with rate and ETA when stderr is an interactive terminal,
/// plain periodic lines otherwise (CI, redirected, `--progress plain`), nothing with `--progress none`.
/// Thread-safe: workers call <see cref="Completed"/> concurrently.
/// </summary>
internal sealed class ProgressReporter
{
    private readonly TextWriter _stderr;
    private readonly ProgressMode _mode;
    private readonly string _noun;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _done, _failed, _matched, _total = -1, _lastPlainTicks;

    public ProgressReporter(TextWriter stderr, ProgressMode mode, string noun)
    {
        _stderr = stderr;
        _mode = mode == ProgressMode.Auto ? DetectMode(stderr) : mode;
        _noun = noun;
    }

    public ProgressMode Mode => _mode;
    public long Done => Interlocked.Read(ref _done);
    public long Failed => Interlocked.Read(ref _failed);
    public long Matched => Interlocked.Read(ref _matched);
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Sets the total once known (enumeration finished); -1 = unknown.</summary>
    public void SetTotal(long total) => Interlocked.Exchange(ref _total, total);

    public void Completed(bool failed, bool matched)
    {
        Interlocked.Increment(ref _done);
        if (failed) Interlocked.Increment(ref _failed);
        if (matched) Interlocked.Increment(ref _matched);
        if (_mode == ProgressMode.Plain)
            MaybeWritePlainLine();
    }

    public double Rate
    {
        get
        {
            double s = _clock.Elapsed.TotalSeconds;
            return s > 0 ? Done / s : 0;
        }
    }

    /// <summary>Runs <paramref name="work"/> with the progress display around it.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (_mode != ProgressMode.Bar)
            return await work();

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_stderr),
            Interactive = InteractionSupport.Yes,
            Ansi = AnsiSupport.Detect,
        });
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask task = ctx.AddTask(_noun, autoStart: true, maxValue: 1);
                Task<T> running = work();
                while (!running.IsCompleted)
                {
                    Update(task);
                    await Task.WhenAny(running, Task.Delay(200));
                }
                Update(task);
                task.StopTask();
                result = await running;
            });
        return result;
    }

    private void Update(ProgressTask task)
    {
        long total = Interlocked.Read(ref _total);
        long done = Done;
        task.MaxValue = total > 0 ? total : Math.Max(done + 1, 1);
        task.Value = done;
        task.Description = $"{_noun} {done:N0}{(total > 0 ? $"/{total:N0}" : "")} " +
                           $"[grey]{Rate:F1}/s, {Matched:N0} matched, {Failed:N0} failed[/]";
    }

    private void MaybeWritePlainLine()
    {
        long now = _clock.ElapsedTicks;
        long last = Interlocked.Read(ref _lastPlainTicks);
        if (now - last < Stopwatch.Frequency * 5)   // one line every 5 seconds at most
            return;
        if (Interlocked.CompareExchange(ref _lastPlainTicks, now, last) != last)
            return;
        WritePlainLine();
    }

    /// <summary>A one-line status: count, rate, ETA when the total is known.</summary>
    public void WritePlainLine()
    {
        long total = Interlocked.Read(ref _total);
        long done = Done;
        string eta = "";
        if (total > 0 && Rate > 0 && done < total)
            eta = $", ETA {TimeSpan.FromSeconds(Math.Round((total - done) / Rate)):c}";
        lock (_stderr)
        {
            _stderr.WriteLine(
                $"progress: {done:N0}{(total > 0 ? $"/{total:N0}" : "")} {_noun}, {Matched:N0} matched, {Failed:N0} failed, " +
                $"{Rate:F1}/s, elapsed {TimeSpan.FromSeconds(Math.Round(Elapsed.TotalSeconds)):c}{eta}");
        }
    }

    private static ProgressMode DetectMode(TextWriter stderr)
    {
        bool isConsoleStderr = ReferenceEquals(stderr, Console.Error);
        if (isConsoleStderr && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null &&
            Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"))
            return ProgressMode.Bar;
        return ProgressMode.Plain;
    }
}

/// <summary>How progress is shown on stderr.</summary>
internal enum ProgressMode
{
    Auto,
    Bar,
    Plain,
    None,
}
