using System.Diagnostics;
using Fingerprint.Storage.ImportExport;
using Xunit.Abstractions;

namespace Fingerprint.Storage.Tests.ImportExport;

/// <summary>
/// Large imports: counts are asserted, times only printed (tests prove nothing about speed; see README.md for the
/// measured figures). Memory is asserted, because holding per-line state would grow it with the input.
/// </summary>
public class BankImportScaleTests
{
    private readonly ITestOutputHelper _output;

    public BankImportScaleTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Import_200kLines_AllImportedAndStreamedBack()
    {
        const int Lines = 200_000;
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("big", null, CancellationToken.None);

        var watch = Stopwatch.StartNew();
        TimeSpan cpu = Cpu();
        using var reader = new GeneratedHexReader(Lines, seed: 200);
        ImportResult result = await BankImporter.ImportAsync(store, "big", reader, null, CancellationToken.None);
        (TimeSpan importWall, TimeSpan importCpu) = (watch.Elapsed, Cpu() - cpu);
        Assert.Equal((Lines, 0, 0), (result.Imported, result.Duplicates, result.Rejected));

        watch.Restart();
        cpu = Cpu();
        int streamed = 0;
        await foreach (SearchableHash _ in store.StreamPdqHashesAsync(["big"], CancellationToken.None))
            streamed++;
        (TimeSpan streamWall, TimeSpan streamCpu) = (watch.Elapsed, Cpu() - cpu);
        Assert.Equal(Lines, streamed);
        _output.WriteLine($"import {Lines} lines: {importWall.TotalMilliseconds:0} ms wall, {importCpu.TotalMilliseconds:0} ms CPU; " +
            $"stream back: {streamWall.TotalMilliseconds:0} ms wall, {streamCpu.TotalMilliseconds:0} ms CPU; " +
            $"file {new FileInfo(db.Path_).Length / 1024} KiB");
    }

    /// <summary>A million-line import keeps the managed heap flat: sampled every 100k lines after a full collection.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Import_1MLines_ManagedMemoryStaysFlat()
    {
        const int Lines = 1_000_000;
        using var db = new TempDatabase();
        await using SqliteBankStore store = await db.OpenAsync();
        await store.CreateBankAsync("huge", null, CancellationToken.None);
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var watch = Stopwatch.StartNew();
        TimeSpan cpu = Cpu();
        using var reader = new GeneratedHexReader(Lines, seed: 1000, onLine: n =>
        {
            if (n % 100_000 == 0)
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        });
        ImportResult result = await BankImporter.ImportAsync(store, "huge", reader, null, CancellationToken.None);
        Assert.Equal(Lines, result.Imported);
        _output.WriteLine($"import {Lines} lines: {watch.ElapsedMilliseconds} ms wall, {(Cpu() - cpu).TotalMilliseconds:0} ms CPU; peak managed heap growth {peak / 1024} KiB; " +
            $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        // Per-line state (a list of ids, outcomes or entries) would cost 8 MiB or more here; 0.4 MiB was measured.
        Assert.True(peak < 4 * 1024 * 1024, $"managed heap grew by {peak / 1024} KiB during the import");
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
