using System.Diagnostics;

namespace Fingerprint.Harness;

/// <summary>Starts external tools (djpeg through bash, ImageMagick) with an argument list, never a quoted string.</summary>
internal static class ProcessRunner
{
    public static Process Start(string fileName, IEnumerable<string> arguments, bool redirectOutput = false)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = redirectOutput,
        };
        foreach (string a in arguments)
            psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
    }

    /// <summary>Runs to completion; a non-zero exit becomes an exception carrying stderr's tail.</summary>
    public static void Run(string fileName, IEnumerable<string> arguments)
    {
        using Process p = Start(fileName, arguments);
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} exited with {p.ExitCode}: {Tail(err)}");
    }

    /// <summary>Runs to completion and returns stdout's bytes; a non-zero exit becomes an exception carrying stderr's tail.</summary>
    public static byte[] Capture(string fileName, IEnumerable<string> arguments)
    {
        using Process p = Start(fileName, arguments, redirectOutput: true);
        Task<string> err = p.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(output);
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} exited with {p.ExitCode}: {Tail(err.Result)}");
        return output.ToArray();
    }

    public static string Tail(string text) => text.Length <= 600 ? text.Trim() : "..." + text[^600..].Trim();

    /// <summary>True when <paramref name="tool"/> is on PATH.</summary>
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, tool)));
}
