using Fingerprint.Cli.Scanning;
using Fingerprint.Cli.Tests.TestSupport;

namespace Fingerprint.Cli.Tests.Scanning;

/// <summary>
/// The resume journal's contract (ScanJournal.cs): an entry reaches the file only at <see cref="ScanJournal.Flush"/>,
/// which the scan calls right after flushing its output, so no path is ever journaled before its record is out; a
/// reopened journal knows every flushed path; a line torn by a kill is ignored and does not swallow the next entry.
/// </summary>
public sealed class ScanJournalTests : IDisposable
{
    private readonly TempDirectory _dir = new("fp-cli-journal-");

    public void Dispose() => _dir.Dispose();

    private static string LongPath(int i) =>
        $"/srv/uploads/incoming-from-the-public-upload-endpoint/2026/11/27/user-{i:D6}/IMG_20261127_{i:D6}_with_a_long_name.jpg";

    [Fact]
    public void MarkDone_ManyLongPathsBeforeFlush_NothingReachesTheFileUntilFlush()
    {
        string path = _dir.File("j.journal");
        using (ScanJournal journal = ScanJournal.Open(path))
        {
            for (int i = 0; i < 500; i++)     // ~60 KB of entries: far past any stream buffer
                journal.MarkDone(LongPath(i));
            Assert.Equal(["# fingerprint journal v1"], ReadLines(path));
            journal.Flush();
            Assert.Equal(501, ReadLines(path).Length);
            journal.MarkDone(LongPath(1000));
        }   // disposed without a flush: the last entry's record may not be out, so it is not journaled
        using ScanJournal reopened = ScanJournal.Open(path);
        Assert.Equal(500, reopened.PreviouslyDone);
        Assert.True(reopened.IsDone(LongPath(0)) && reopened.IsDone(LongPath(499)));
        Assert.False(reopened.IsDone(LongPath(1000)));
    }

    [Fact]
    public void Open_TornLastLine_IsIgnoredAndTheNextEntryStartsOnItsOwnLine()
    {
        string path = _dir.File("torn.journal");
        using (ScanJournal journal = ScanJournal.Open(path))
        {
            journal.MarkDone("a.jpg");
            journal.MarkDone("b \"quoted\".jpg");
            journal.Flush();
        }
        File.AppendAllText(path, "\"c.jp");   // a kill in the middle of a write
        using (ScanJournal journal = ScanJournal.Open(path))
        {
            Assert.Equal(2, journal.PreviouslyDone);
            Assert.True(journal.IsDone("b \"quoted\".jpg"));
            Assert.False(journal.IsDone("c.jp"));
            journal.MarkDone("d.jpg");
            journal.Flush();
        }
        using ScanJournal again = ScanJournal.Open(path);
        Assert.Equal(3, again.PreviouslyDone);
        Assert.True(again.IsDone("d.jpg"));
    }

    [Fact]
    public async Task Scan_JournalThatIsNotAJournal_IsAUsageErrorAndLeftUntouched()
    {
        string path = _dir.File("results.jsonl");
        await File.WriteAllTextAsync(path, "{\"path\":\"x\"}\n");
        string db = _dir.File("j.db");
        Assert.Equal(0, (await FingerprintCli.RunAsync("bank", "create", "--db", db, "b")).ExitCode);

        CliResult r = await FingerprintCli.RunAsync("scan", "--db", db, "--journal", path, "--progress", "none", _dir.Path);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains($"cannot use journal '{path}'", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("{\"path\":\"x\"}\n", await File.ReadAllTextAsync(path));
    }

    private static string[] ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
