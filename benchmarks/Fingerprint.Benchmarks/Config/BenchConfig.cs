using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Validators;

namespace Fingerprint.Benchmarks.Config;

/// <summary>
/// dotnet/performance RecommendedConfig sized for a 2-core host (STYLE.md §3.10): 1 warmup, 250 ms iterations,
/// 15-20 iterations, MemoryDiagnoser, full JSON, Median/Min/Max. With isa = true, three jobs compare the ISA paths:
/// Scalar (DOTNET_EnableHWIntrinsic=0, the baseline), V128 (DOTNET_EnableAVX2=0) and Default.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create(bool isaJobs)
    {
        Job baseJob = Job.Default
            .WithWarmupCount(1)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithMinIterationCount(15)
            .WithMaxIterationCount(20);

        ManualConfig config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .AddValidator(JitOptimizationsValidator.FailOnError, ExecutionValidator.FailOnError)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40))
            .WithOption(ConfigOptions.JoinSummary, false);

        if (isaJobs)
        {
            config.AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("Scalar").AsBaseline());
            config.AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableAVX2", "0").WithId("V128"));
            config.AddJob(baseJob.WithId("Default"));
        }
        else
        {
            config.AddJob(baseJob.WithId("Default"));
        }
        return config;
    }
}
