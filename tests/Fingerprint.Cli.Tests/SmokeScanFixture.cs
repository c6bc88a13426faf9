using Fingerprint.Cli.Tests.TestSupport;

namespace Fingerprint.Cli.Tests;

/// <summary>
/// Built once for the <see cref="SmokeScanCollection"/>: the smoke tier's scan scenario (testmedia/README.md), a bank
/// database holding <c>scan/bank/</c> (`bank add`), and one `scan` of <c>scan/uploads/</c> in JSONL.
/// </summary>
public sealed class SmokeScanFixture : IAsyncLifetime, IDisposable
{
    public const string BankName = "smoke";

    private readonly TempDirectory _dir = new("fp-cli-scan-");

    /// <summary>The bank database file.</summary>
    public string Db => _dir.File("smoke.db");

    /// <summary>A scratch folder for tests of the collection.</summary>
    internal TempDirectory Scratch => _dir;

    internal CliResult BankAdd { get; private set; } = null!;

    internal CliResult Scan { get; private set; } = null!;

    /// <summary>Bank file (absolute path, as given to bank add) to its entry id, from bank add's "id,hash,quality,path" lines.</summary>
    internal Dictionary<string, long> EntryOf { get; } = new(StringComparer.Ordinal);

    internal List<ScanRecord> Records { get; private set; } = null!;

    internal Dictionary<string, ScanRecord> ByPath { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string bank = SmokeCorpus.ScanBank;
        BankAdd = await FingerprintCli.RunAsync("bank", "add", "--db", Db, "--bank", BankName, "--campaign", "smoke-test",
            "--progress", "none", bank);
        if (BankAdd.ExitCode != 0)
            throw new InvalidOperationException($"bank add failed: {BankAdd}");
        foreach (string line in BankAdd.Lines)
        {
            string[] f = line.Split(',', 4);
            EntryOf.Add(f[3], long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        Scan = await FingerprintCli.RunAsync("scan", "--db", Db, "-f", "jsonl", "--progress", "none", SmokeCorpus.ScanUploads);
        Records = ScanRecord.ParseAll(Scan.Stdout, scan: true);
        ByPath = Records.ToDictionary(r => r.Path, StringComparer.Ordinal);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _dir.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SmokeScanCollection : ICollectionFixture<SmokeScanFixture>
{
    public const string Name = "smoke scan scenario";
}
