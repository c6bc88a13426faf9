using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Processing;

/// <summary>
/// hash --tmk-out / --vpdq-out: writes each video's reference-format files, named after the input as the reference tools
/// name theirs (<c>tmk-hash-video -d DIR</c>: DIR/&lt;name without extension&gt;.tmk; vPDQ: DIR/&lt;name&gt;.txt). Files
/// from earlier runs are replaced; two inputs of one run that would write the same file are an error for the second
/// (its record says so), never a silent overwrite. Called in input order on one thread.
/// </summary>
internal sealed class VideoHashFiles(string? tmkDirectory, string? vpdqDirectory)
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public bool WritesVpdq => vpdqDirectory is not null;

    /// <summary>Writes the files <paramref name="m"/> calls for and records their paths on it; a failure becomes its error.</summary>
    public void Write(ProcessedMedia m)
    {
        if (m.Failed)
            return;
        try
        {
            if (tmkDirectory is not null && m.Tmk is { } features)
                m.TmkFile = WriteFile(tmkDirectory, m.Path, ".tmk", features.ToBytes());
            if (vpdqDirectory is not null && m.Frames is { } frames && m.Kind is MediaKind.Video or MediaKind.Animation)
                m.VpdqFile = WriteFile(vpdqDirectory, m.Path, ".txt", System.Text.Encoding.ASCII.GetBytes(VpdqHashFile.Format(frames)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            m.Error = new ProcessingError("output", ex.Message);
        }
    }

    private string WriteFile(string directory, string input, string extension, byte[] content)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, Path.GetFileNameWithoutExtension(input) + extension);
        if (!_written.Add(Path.GetFullPath(path)))
            throw new IOException($"'{path}' was already written for another input of this run (same file name); not overwritten");
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
