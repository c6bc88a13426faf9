using Fingerprint.Internal;

namespace Fingerprint.Index;

/// <summary>
/// Snapshot files (format: <see cref="SnapshotLayout"/>). Writing is crash-safe: the image goes to a temporary file
/// in the target's directory, is flushed to disk (FileStream.Flush(true)), then renamed over the target
/// (File.Move with overwrite, atomic on one file system), so readers see the old snapshot or the new one, never half
/// of one; on any failure the temporary file is deleted. Opening maps the file read-only (rows are not copied) after
/// validating the header; <c>verify: true</c> also checks every section's CRC-32, a full read of the file.
/// </summary>
public sealed unsafe partial class HammingIndex
{
    /// <summary>
    /// Writes the index to <paramref name="path"/> atomically (temporary file, flush, rename). The directory must exist.
    /// </summary>
    public void WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes the snapshot bytes (header with CRCs, then the sections) to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _image.AddRef();
        try
        {
            byte* image = _image.Pointer;
            var crcs = new uint[_layout.Sections.Length];
            for (int s = 0; s < crcs.Length; s++)
                crcs[s] = SnapshotLayout.Crc(image + _layout.Sections[s].Offset, _layout.Sections[s].Length);
            byte[] header = new byte[SnapshotLayout.HeaderSize];
            _layout.WriteHeader(header, Checkpoint, crcs);
            stream.Write(header);
            const int Step = 1 << 30;
            for (long position = SnapshotLayout.HeaderSize; position < _layout.FileLength; position += Step)
                stream.Write(new ReadOnlySpan<byte>(image + position, (int)Math.Min(Step, _layout.FileLength - position)));
        }
        finally
        {
            _image.Release();
        }
    }

    /// <summary>
    /// Opens a snapshot written by <see cref="WriteTo(string)"/> by mapping it read-only. The header (magic, version,
    /// header CRC, hash type, counts, section table, file length) is always validated; with <paramref name="verify"/>
    /// every section's CRC-32 is checked too (reads the whole file). A truncated, corrupt or foreign file throws
    /// <see cref="InvalidDataException"/> saying what is wrong; nothing is half-read. <paramref name="options"/> supplies
    /// the run-time settings (strategy, parallelism); the chunking is the file's.
    /// </summary>
    public static HammingIndex Open(string path, bool verify = false, HammingIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= HammingIndexOptions.Default;
        ValidateOptions(options);
        EnsureHostFormat();
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.RandomAccess);
        SnapshotLayout layout;
        long checkpoint;
        uint[] crcs;
        IndexImage image;
        try
        {
            long length = stream.Length;
            byte[] header = new byte[SnapshotLayout.HeaderSize];
            int read = stream.ReadAtLeast(header, (int)Math.Min(length, SnapshotLayout.HeaderSize), throwOnEndOfStream: false);
            layout = SnapshotLayout.ReadHeader(header.AsSpan(0, read), length, path, out checkpoint, out crcs);
            image = IndexImage.Map(stream, length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        try
        {
            if (verify)
                VerifySections(image, layout, crcs, path);
            return new HammingIndex(image, layout, checkpoint, options);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static void VerifySections(IndexImage image, SnapshotLayout layout, uint[] crcs, string path)
    {
        for (int s = 0; s < layout.Sections.Length; s++)
        {
            SnapshotSection section = layout.Sections[s];
            uint actual = SnapshotLayout.Crc(image.Pointer + section.Offset, section.Length);
            if (actual != crcs[s])
                throw SnapshotLayout.Refuse(path, $"{section.Name} checksum mismatch (stored 0x{crcs[s]:x8}, computed 0x{actual:x8}): the data is corrupt");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is what the caller needs to see.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
