using System.Diagnostics;

namespace Fingerprint.Harness;

/// <summary>
/// The djpeg peer (libjpeg-turbo-progs, the same libjpeg-turbo our decoder calls): the work list (iterations x files)
/// is dealt round-robin to W workers, each one bash process running djpeg over its list in a loop
/// (<c>djpeg [ARGS] -outfile /dev/null FILE</c>); the wall time from starting the first worker to the last exit is the
/// measurement. A process start per image is part of this peer's cost, so the same loop over a tiny 16x16 JPEG gives
/// the start-up share, and <see cref="Result.NetImagesPerSecond"/> takes it out (the fairer floor).
/// </summary>
internal sealed class DjpegPeer(string workDir)
{
    private const string Loop = "while IFS= read -r f; do djpeg \"$@\" -outfile /dev/null \"$f\" || exit 1; done < \"$LIST\"";
    private string? _tiny;

    internal readonly record struct Result(double ImagesPerSecond, double NetImagesPerSecond);

    public static bool Available => ProcessRunner.OnPath("djpeg") && ProcessRunner.OnPath("bash");

    public Result Measure(IReadOnlyList<string> files, string[] djpegArgs, int threads, int iterations)
    {
        int total = files.Count * iterations;
        double wall = TimeLoop(i => files[i % files.Count], total, djpegArgs, threads);
        string? tiny = TinyJpeg();
        double overhead = tiny is null ? 0 : TimeLoop(_ => tiny, total, djpegArgs, threads);
        double net = wall - overhead;
        return new Result(total / wall, net > 0 ? total / net : double.NaN);
    }

    private double TimeLoop(Func<int, string> item, int total, string[] djpegArgs, int threads)
    {
        var lists = new List<string>();
        for (int w = 0; w < threads; w++)
        {
            string list = Path.Combine(workDir, $"djpeg-list-{w}.txt");
            using (var sw = new StreamWriter(list))
            {
                for (int i = w; i < total; i += threads)
                    sw.WriteLine(item(i));
            }
            lists.Add(list);
        }

        var procs = new List<Process>();
        long t0 = Stopwatch.GetTimestamp();
        foreach (string list in lists)
        {
            var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true };
            psi.Environment["LIST"] = list;
            foreach (string a in (string[])["-c", Loop, "djpeg-loop", .. djpegArgs])
                psi.ArgumentList.Add(a);
            procs.Add(Process.Start(psi) ?? throw new InvalidOperationException("could not start bash"));
        }
        var errors = procs.Select(p => p.StandardError.ReadToEndAsync()).ToArray();
        foreach (Process p in procs)
            p.WaitForExit();
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        foreach ((Process p, Task<string> err) in procs.Zip(errors))
        {
            if (p.ExitCode != 0)
                throw new InvalidOperationException($"djpeg loop failed ({p.ExitCode}): {ProcessRunner.Tail(err.Result)}");
            p.Dispose();
        }
        foreach (string list in lists)
            File.Delete(list);
        return seconds;
    }

    /// <summary>A 16x16 JPEG made once with ImageMagick (null when convert is missing: no start-up correction).</summary>
    private string? TinyJpeg()
    {
        if (_tiny is not null)
            return _tiny;
        if (!ProcessRunner.OnPath("convert"))
            return null;
        string path = Path.Combine(workDir, "tiny16.jpg");
        ProcessRunner.Run("convert", ["-size", "16x16", "gradient:red-blue", "-quality", "90", path]);
        return _tiny = path;
    }
}
