using System.Text;
using System.Text.Json;

namespace Fingerprint.Cli.Scanning;

/// <summary>
/// The resume journal (`--journal FILE`): an append-only file with one JSON string per finished input path, written
/// only after that input's record has been written and flushed to the output. After a kill, a rerun with the same
/// journal skips every journaled path, so the union of the outputs equals one uninterrupted run (an input whose
/// record was written but not yet journaled is reported again: never lost, at worst twice). A torn last line from a
/// kill is ignored. Entries are held in memory until <see cref="Flush"/>, so none reaches the file before the output
/// records it follows (a file buffer filling up on its own would otherwise journal records still sitting in the
/// output's buffer, and a kill would lose them).
/// </summary>
internal sealed class ScanJournal : IDisposable
{
    private const string Header = "# fingerprint journal v1";
    private readonly HashSet<string> _done;
    private readonly List<string> _pending = [];
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    private ScanJournal(HashSet<string> done, StreamWriter writer)
    {
        _done = done;
        _writer = writer;
    }

    /// <summary>Paths finished by earlier runs.</summary>
    public int PreviouslyDone => _done.Count;

    public static ScanJournal Open(string path)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        bool exists = File.Exists(path) && new FileInfo(path).Length > 0;
        if (exists)
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            string? first = reader.ReadLine();
            if (first != Header)
                throw new InvalidDataException($"{path} is not a fingerprint journal (first line is not \"{Header}\").");
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Length < 2 || line[0] != '"' || line[^1] != '"')
                    continue;   // torn write from an interrupted run
                try
                {
                    string? p = JsonSerializer.Deserialize(line, CliJsonContext.Default.String);
                    if (p is not null)
                        done.Add(p);
                }
                catch (JsonException)
                {
                    // torn or damaged line: that input is simply redone
                }
            }
        }
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var writer = new StreamWriter(stream, new UTF8Encoding(false));
        if (!exists)
        {
            writer.WriteLine(Header);
            writer.Flush();
        }
        else if (stream.Length > 0)
        {
            // Make sure a torn last line does not swallow the next entry.
            writer.WriteLine();
            writer.Flush();
        }
        return new ScanJournal(done, writer);
    }

    public bool IsDone(string path) => _done.Contains(path);

    /// <summary>
    /// Records <paramref name="path"/> as finished once its output record is written; it reaches the file at the next
    /// <see cref="Flush"/>, which the caller makes after flushing the output.
    /// </summary>
    public void MarkDone(string path)
    {
        string line = JsonSerializer.Serialize(path, CliJsonContext.Default.String);
        lock (_gate)
        {
            _pending.Add(line);
        }
    }

    /// <summary>Writes the entries marked since the last flush to the OS (called in batches, after the output is flushed).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            foreach (string line in _pending)
                _writer.WriteLine(line);
            _pending.Clear();
            _writer.Flush();
        }
    }

    /// <summary>Closes the file. Entries not flushed are dropped: their output may not be out (they are redone on resume).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _pending.Clear();
            _writer.Dispose();
        }
    }
}
