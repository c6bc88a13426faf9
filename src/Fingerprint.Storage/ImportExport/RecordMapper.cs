using System.Globalization;

namespace Fingerprint.Storage.ImportExport;

/// <summary>Validates a <see cref="RawRecord"/> and turns it into a <see cref="NewEntry"/>, or says why not.</summary>
internal sealed class RecordMapper
{
    private static readonly char[] s_tagSeparators = [';', '|'];

    private readonly ImportOptions _options;

    public RecordMapper(ImportOptions options) => _options = options;

    /// <summary>Null on success (with <paramref name="entry"/> set), else the reason the record is rejected.</summary>
    public string? Map(RawRecord record, out NewEntry? entry)
    {
        entry = null;
        if (record[ImportField.Error] is { Length: > 0 } failed)
            return $"the record reports an error: {failed}";
        if (record.Error is not null)
            return record.Error;

        BankHashType type = _options.DefaultHashType;
        if (record[ImportField.HashType] is { } typeText && !string.IsNullOrWhiteSpace(typeText) &&
            !BankHashTypeExtensions.TryParse(typeText, out type))
            return $"unknown hash type '{typeText.Trim()}' (pdq, vpdq, tmk, ahash, dhash, phash)";

        string hashText = (First(record, ImportField.Hash, ImportField.Pdq) ?? string.Empty).Trim();
        if (hashText.Length == 0 && type.HashByteLength() != 0)
            return "missing hash";
        if (!BankHash.TryParse(type, hashText, out BankHash hash, out string? hashError))
            return "hash: " + hashError;
        if (hash.IsDegenerate)
            return $"hash is all {(hashText.Trim('0').Length == 0 ? "zeros" : "ones")} (a flat image's hash, never a useful entry)";

        int? quality = null;
        if (record[ImportField.Quality] is { } qualityText && !string.IsNullOrWhiteSpace(qualityText))
        {
            if (!int.TryParse(qualityText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int q) || (uint)q > 100)
                return $"quality '{qualityText.Trim()}' is not an integer 0..100";
            if (q < _options.MinQuality)
                return $"quality {q} is below the gate of {_options.MinQuality}";
            quality = q;
        }

        List<string> tags = record.TagList ?? SplitTags(record[ImportField.Tags]);
        foreach (string tag in tags)
        {
            string? tagError = EntryRules.ValidateTag(tag);
            if (tagError is not null)
                return tagError;
        }
        foreach (string tag in _options.Tags)
        {
            if (!tags.Contains(tag, StringComparer.Ordinal))
                tags.Add(tag);
        }

        DateTimeOffset? added = _options.AddedUtc;
        if (record[ImportField.AddedUtc] is { } addedText && !string.IsNullOrWhiteSpace(addedText))
        {
            if (!CompactText.TryParseTime(addedText, out DateTimeOffset parsed))
                return $"added_utc '{addedText.Trim()}' is not an ISO 8601 time";
            added = parsed;
        }

        byte[]? payload = null;
        if (record[ImportField.Payload] is { } payloadText && !string.IsNullOrWhiteSpace(payloadText))
        {
            try
            {
                payload = Convert.FromBase64String(payloadText.Trim());
            }
            catch (FormatException)
            {
                return "payload is not base64";
            }
        }

        List<EntryRegion>? regions = record.Regions;
        if (regions is null && record[ImportField.Regions] is { } regionsText && !string.IsNullOrWhiteSpace(regionsText))
        {
            string? error = CompactText.ParseRegions(regionsText, out regions);
            if (error is not null)
                return "regions: " + error;
        }
        List<EntryFrame>? frames = record.Frames;
        if (frames is null && record[ImportField.Frames] is { } framesText && !string.IsNullOrWhiteSpace(framesText))
        {
            string? error = CompactText.ParseFrames(framesText, out frames);
            if (error is not null)
                return "frames: " + error;
        }

        var candidate = new NewEntry(hash)
        {
            Quality = quality,
            ContentId = NullIfEmpty(First(record, ImportField.ContentId, ImportField.Sha256, ImportField.Id)),
            Label = NullIfEmpty(record[ImportField.Label]),
            Tags = tags,
            Source = NullIfEmpty(First(record, ImportField.Source, ImportField.Path)),
            Campaign = NullIfEmpty(record[ImportField.Campaign]) ?? _options.Campaign,
            AddedUtc = added,
            Regions = regions ?? [],
            Frames = frames ?? [],
            Payload = payload,
        };
        string? rule = EntryRules.Validate(candidate);
        if (rule is not null)
            return rule;
        entry = candidate;
        return null;
    }

    private static List<string> SplitTags(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        return text.Split(s_tagSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>The first non-empty of the given fields (so <c>hash</c> wins over <c>pdq</c>, <c>content_id</c> over <c>id</c>).</summary>
    private static string? First(RawRecord record, params ReadOnlySpan<ImportField> fields)
    {
        foreach (ImportField field in fields)
        {
            if (!string.IsNullOrEmpty(record[field]))
                return record[field];
        }
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
