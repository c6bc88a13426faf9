namespace Fingerprint.Storage.ImportExport;

/// <summary>One input record's values before validation, whatever the format.</summary>
internal sealed class RawRecord
{
    private readonly string?[] _text = new string?[Enum.GetValues<ImportField>().Length];

    public List<string>? TagList { get; set; }

    public List<EntryRegion>? Regions { get; set; }

    public List<EntryFrame>? Frames { get; set; }

    /// <summary>A problem found while decoding a structured value (regions, frames, a JSON type mismatch).</summary>
    public string? Error { get; set; }

    public string? this[ImportField field]
    {
        get => _text[(int)field];
        set => _text[(int)field] = value;
    }

    public void Clear()
    {
        Array.Clear(_text);
        TagList = null;
        Regions = null;
        Frames = null;
        Error = null;
    }
}
