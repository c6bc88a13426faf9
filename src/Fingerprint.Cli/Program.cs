using System.CommandLine;
using Fingerprint.Cli.Commands;

namespace Fingerprint.Cli;

/// <summary>
/// The `fingerprint` console host (DESIGN.md §6): hash | compare | bank | scan | bench | info.
/// Results go to stdout, progress and diagnostics to stderr; every outcome has an <see cref="ExitCode"/>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cts.IsCancellationRequested)
                return;     // a second Ctrl-C kills the process the default way
            e.Cancel = true;
            Console.Error.WriteLine("fingerprint: stopping (finishing what is in flight; Ctrl-C again to abort)...");
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                cts.Cancel();
            });
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        try
        {
            return await RunAsync(args, stdout, Console.Error, Console.In, cts.Token);
        }
        finally
        {
            await stdout.FlushAsync(CancellationToken.None);
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Testable entry point: parses, runs, maps failures to exit codes. Never throws for user errors.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, CancellationToken ct)
    {
        var context = new CliContext(stdout, stderr, stdin);
        RootCommand root = BuildRoot(context);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError e in parsed.Errors)
                await stderr.WriteLineAsync($"fingerprint: {e.Message}");
            await stderr.WriteLineAsync("Run 'fingerprint --help' (or 'fingerprint <command> --help') for usage.");
            return (int)ExitCode.UsageError;
        }
        try
        {
            // ProcessTerminationTimeout = null: Main owns Ctrl-C/SIGTERM (first: finish what is in flight, write the summary,
            // exit 130; second: abort). System.CommandLine's default handler would instead take SIGINT over, skip Main's,
            // and return 130 two seconds later whether or not the records in flight were written and journaled.
            var config = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parsed.InvokeAsync(config, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("fingerprint: canceled.");
            return (int)ExitCode.Canceled;
        }
        catch (CliException ex)
        {
            await stderr.WriteLineAsync($"fingerprint: {ex.Message}");
            return (int)ex.ExitCode;
        }
        catch (Exception ex) when (ex is Media.NativeDependencyException or Media.Ffmpeg.FfmpegNotFoundException)
        {
            await stderr.WriteLineAsync($"fingerprint: {ex.Message}");
            return (int)ExitCode.DependencyMissing;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Per-input failures never get here (they become error records); this is a bug, reported as one.
            await stderr.WriteLineAsync($"fingerprint: internal error: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("FINGERPRINT_DEBUG") is "1" or "true")
                await stderr.WriteLineAsync(ex.ToString());
            else
                await stderr.WriteLineAsync("(set FINGERPRINT_DEBUG=1 for the stack trace; please report it)");
            return (int)ExitCode.InternalError;
        }
        finally
        {
            await stdout.FlushAsync(CancellationToken.None);
        }
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "Fingerprint: perceptual image and video fingerprints (PDQ, vPDQ, TMK+PDQF) and bulk matching against banks of known imagery.\n" +
            "Results go to stdout, progress and diagnostics to stderr. Exit codes: 0 success/match found, 1 no match, " +
            "2 usage error, 3 some inputs failed, 4 dependency missing, 5 database/bank error, 70 internal error, 130 canceled.\n" +
            "Examples:\n" +
            "  fingerprint hash photo.jpg\n" +
            "  fingerprint bank add --db banks.db --bank known known-images/\n" +
            "  fingerprint scan --db banks.db uploads/ > results.jsonl\n" +
            "  fingerprint info");
        root.Add(HashCommand.Create(context));
        root.Add(CompareCommand.Create(context));
        root.Add(ScanCommand.Create(context));
        root.Add(BankCommands.Create(context));
        root.Add(BenchCommand.Create(context));
        root.Add(InfoCommand.Create(context));
        return root;
    }
}
