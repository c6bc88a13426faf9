using BenchmarkDotNet.Running;
using Fingerprint.Benchmarks.Config;

namespace Fingerprint.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry point (ImageSharp.Benchmarks style). Examples:
///   dotnet run -c Release --project benchmarks/Fingerprint.Benchmarks -- --filter '*Pdq*'
///   dotnet run -c Release --project benchmarks/Fingerprint.Benchmarks -- --filter '*' --isa   (Scalar/V128/Default jobs)
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        bool isa = args.Contains("--isa");
        string[] rest = args.Where(a => a != "--isa").ToArray();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, BenchConfig.Create(isa));
    }
}
