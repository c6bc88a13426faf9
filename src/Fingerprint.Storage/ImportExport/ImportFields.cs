namespace Fingerprint.Storage.ImportExport;

/// <summary>Maps column / field names to <see cref="ImportField"/>.</summary>
internal static class ImportFields
{
    public static bool TryMap(string name, out ImportField field)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 64)];
        int n = 0;
        foreach (char c in name.AsSpan().Trim())
        {
            if (c is '_' or '-' or ' ')
                continue;
            if (n == buffer.Length)
            {
                field = default;
                return false;
            }
            buffer[n++] = char.ToLowerInvariant(c);
        }
        ImportField? mapped = buffer[..n] switch
        {
            "hash" => ImportField.Hash,
            "pdq" => ImportField.Pdq,
            "hashtype" => ImportField.HashType,
            "quality" => ImportField.Quality,
            "label" => ImportField.Label,
            "source" => ImportField.Source,
            "path" => ImportField.Path,
            "contentid" => ImportField.ContentId,
            "sha256" => ImportField.Sha256,
            "id" => ImportField.Id,
            "entryid" => ImportField.EntryId,
            "campaign" => ImportField.Campaign,
            "tags" => ImportField.Tags,
            "addedutc" or "added" => ImportField.AddedUtc,
            "regions" => ImportField.Regions,
            "frames" => ImportField.Frames,
            "payload" => ImportField.Payload,
            "error" => ImportField.Error,
            _ => null,
        };
        field = mapped.GetValueOrDefault();
        return mapped.HasValue;
    }
}
