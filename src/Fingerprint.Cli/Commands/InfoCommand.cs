using System.CommandLine;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Fingerprint.Media;
using Fingerprint.Media.Ffmpeg;

namespace Fingerprint.Cli.Commands;

/// <summary>
/// `fingerprint info`: version, runtime, ISA acceleration, and whether each native library (with the version it reports)
/// and ffmpeg/ffprobe (with their versions) were found. Exit code 4 when any of them is missing, so `fingerprint info`
/// doubles as a dependency check; the message names the Debian package to install.
/// </summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var ffmpeg = new Option<string?>("--ffmpeg")
        {
            Description = "ffmpeg binary or folder to check (default: $FINGERPRINT_FFMPEG, then PATH), as scan looks for it.",
            HelpName = "PATH",
        };
        var command = new Command("info",
            "Show version, runtime, SIMD acceleration in use, which native libraries (and their versions) and which ffmpeg and " +
            "ffprobe were found. Exit code 0 when every dependency is present, 4 when one is missing (the line names the " +
            "Debian package).\n" +
            "Examples:\n" +
            "  fingerprint info\n" +
            "  fingerprint info --ffmpeg /opt/ffmpeg/bin")
        {
            ffmpeg,
        };
        command.SetAction(async (parse, ct) =>
        {
            TextWriter o = context.Stdout;
            string version = typeof(InfoCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
            await o.WriteLineAsync($"fingerprint {version}");
            await o.WriteLineAsync($"runtime      {RuntimeInformation.FrameworkDescription} {RuntimeInformation.RuntimeIdentifier}, {Environment.ProcessorCount} cores");
            await o.WriteLineAsync($"simd         Vector128={Vector128.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} " +
                                   $"Vector512={Vector512.IsHardwareAccelerated} Vector<T>={Vector<byte>.Count * 8}-bit " +
                                   $"AVX2={Avx2.IsSupported} AVX-512F={Avx512F.IsSupported} POPCNT={Popcnt.X64.IsSupported}");

            bool missing = false;
            await o.WriteLineAsync("native libraries:");
            foreach (NativeLibraryInfo lib in NativeLibraries.Probe())
            {
                if (lib.Found)
                {
                    string detail = lib.Version ?? (lib.Error is null ? "loaded" : $"loaded, but: {lib.Error}");
                    await o.WriteLineAsync($"  {lib.Name,-10} found    {lib.Soname,-20} {detail}");
                }
                else
                {
                    missing = true;
                    await o.WriteLineAsync($"  {lib.Name,-10} MISSING  {lib.Soname,-20} install the Debian package: apt-get install {lib.DebianPackage}");
                }
            }

            try
            {
                FfmpegTools tools = FfmpegLocator.Locate(parse.GetValue(ffmpeg));
                FfmpegVersions versions = await tools.GetVersionsAsync(FfmpegOptions.Default, ct);
                await o.WriteLineAsync($"ffmpeg       found    {tools.FfmpegPath} (version {versions.Ffmpeg})");
                await o.WriteLineAsync($"ffprobe      found    {tools.FfprobePath} (version {versions.Ffprobe})");
            }
            catch (FfmpegException ex)
            {
                // Not found, not executable, or it failed to report a version: videos cannot be hashed.
                missing = true;
                await o.WriteLineAsync($"ffmpeg       MISSING  {ex.Message}");
            }

            if (missing)
            {
                await context.Stderr.WriteLineAsync("fingerprint: a dependency is missing (see above); images or videos of that kind will fail with 'dependency-missing'");
                return (int)ExitCode.DependencyMissing;
            }
            return (int)ExitCode.Success;
        });
        return command;
    }
}
