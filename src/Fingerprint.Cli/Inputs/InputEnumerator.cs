namespace Fingerprint.Cli.Inputs;

/// <summary>
/// Expands command-line inputs into files, in a deterministic order: each argument in the order given; directories
/// recursed (entries sorted ordinally, hidden dot-files skipped, symlinked directories not followed to avoid cycles);
/// `--from-list FILE|-` adds one path per line (blank lines and lines starting with '#' ignored).
/// A path that does not exist is yielded as-is, so it gets its own error record and the run goes on.
/// </summary>
internal static class InputEnumerator
{
    public static IEnumerable<string> Expand(IEnumerable<string> paths, string? fromList, TextReader stdin)
    {
        foreach (string path in paths)
        {
            foreach (string file in ExpandOne(path))
                yield return file;
        }
        if (fromList is null)
            yield break;
        TextReader reader = fromList == "-" ? stdin : new StreamReader(fromList);
        try
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                string trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                    continue;
                foreach (string file in ExpandOne(trimmed))
                    yield return file;
            }
        }
        finally
        {
            if (!ReferenceEquals(reader, stdin))
                reader.Dispose();
        }
    }

    private static IEnumerable<string> ExpandOne(string path)
    {
        if (!Directory.Exists(path))
        {
            yield return path;
            yield break;
        }
        var pending = new Stack<string>();
        pending.Push(path);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            string[] files, dirs;
            try
            {
                files = Directory.GetFiles(dir);
                dirs = Directory.GetDirectories(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable directory becomes one failing input so the run reports it and goes on.
                files = [dir];
                dirs = [];
            }
            Array.Sort(files, StringComparer.Ordinal);
            Array.Sort(dirs, StringComparer.Ordinal);
            foreach (string file in files)
            {
                if (!Path.GetFileName(file).StartsWith('.'))
                    yield return file;
            }
            for (int i = dirs.Length - 1; i >= 0; i--)
            {
                string d = dirs[i];
                if (Path.GetFileName(d).StartsWith('.'))
                    continue;
                if (new DirectoryInfo(d).LinkTarget is not null)
                    continue;
                pending.Push(d);
            }
        }
    }
}
