using System.CommandLine;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fingerprint.Cli.Commands;

/// <summary>`fingerprint info`: version, runtime, ISA acceleration, native libraries and ffmpeg found.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("info",
            "Show version, runtime, SIMD acceleration in use, and which native libraries and ffmpeg were found.\n" +
            "Example: fingerprint info");
        command.SetAction(_ =>
        {
            TextWriter o = context.Stdout;
            string version = typeof(InfoCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
            o.WriteLine($"fingerprint {version}");
            o.WriteLine($"runtime      {RuntimeInformation.FrameworkDescription} {RuntimeInformation.RuntimeIdentifier}, {Environment.ProcessorCount} cores");
            o.WriteLine($"simd         Vector128={Vector128.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} " +
                        $"Vector512={Vector512.IsHardwareAccelerated} Vector<T>={Vector<byte>.Count * 8}-bit " +
                        $"AVX2={Avx2.IsSupported} AVX-512F={Avx512F.IsSupported} POPCNT={Popcnt.X64.IsSupported}");
            return (int)ExitCode.Success;
        });
        return command;
    }
}
