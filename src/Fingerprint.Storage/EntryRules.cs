namespace Fingerprint.Storage;

/// <summary>
/// What the store accepts in a <see cref="NewEntry"/>. The importer checks the same rules per line, so a bad line
/// is rejected with its reason instead of failing the whole import.
/// </summary>
public static class EntryRules
{
    public const int MaxContentIdLength = 512;
    public const int MaxLabelLength = 4096;
    public const int MaxSourceLength = 4096;
    public const int MaxCampaignLength = 256;
    public const int MaxTags = 64;
    public const int MaxTagLength = 128;
    public const int MaxRegions = 256;
    public const int MaxRegionNameLength = 64;
    public const int MaxFrames = 1_000_000;
    public const int MaxPayloadBytes = 64 * 1024 * 1024;

    /// <summary>Null when <paramref name="entry"/> can be stored, else the reason.</summary>
    public static string? Validate(NewEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        BankHashType type = entry.Hash.Type;
        if (!Enum.IsDefined(type))
            return $"unknown hash type {(int)type}";
        if (entry.Hash.IsDegenerate)
            return $"hash is all {(entry.Hash.ToString()[0] == '0' ? "zeros" : "ones")} (a flat image's hash, never a useful entry)";
        if (entry.Quality is int q && (uint)q > 100)
            return $"quality {q} is outside 0..100";
        string? error = CheckText("content id", entry.ContentId, MaxContentIdLength, allowControl: false)
            ?? CheckText("label", entry.Label, MaxLabelLength, allowControl: true)
            ?? CheckText("source", entry.Source, MaxSourceLength, allowControl: true)
            ?? CheckText("campaign", entry.Campaign, MaxCampaignLength, allowControl: false)
            ?? CheckTags(entry.Tags)
            ?? CheckRegions(type, entry.Regions)
            ?? CheckFrames(type, entry.Frames);
        if (error is not null)
            return error;
        if (type == BankHashType.Tmk && (entry.Payload is null || entry.Payload.Length == 0))
            return "a tmk entry needs a payload (the .tmk file's bytes)";
        if (entry.Payload is { Length: > MaxPayloadBytes })
            return $"payload is {entry.Payload.Length} bytes; at most {MaxPayloadBytes}";
        return null;
    }

    /// <summary>Null when <paramref name="tag"/> is a valid tag, else the reason.</summary>
    public static string? ValidateTag(string? tag)
    {
        if (string.IsNullOrEmpty(tag))
            return "a tag is empty";
        if (tag.Length > MaxTagLength)
            return $"tag '{tag[..16]}...' has {tag.Length} characters; at most {MaxTagLength}";
        if (char.IsWhiteSpace(tag[0]) || char.IsWhiteSpace(tag[^1]))
            return $"tag '{tag}' has surrounding spaces";
        foreach (char c in tag)
        {
            if (c is ';' or '|' || char.IsControl(c))
                return $"tag '{Printable(tag)}' contains '{Printable(c.ToString())}' (';', '|' and control characters separate tags)";
        }
        return null;
    }

    /// <summary>Null when <paramref name="campaign"/> (null allowed) is a valid campaign, else the reason.</summary>
    public static string? ValidateCampaign(string? campaign) =>
        CheckText("campaign", campaign, MaxCampaignLength, allowControl: false);

    /// <summary>Null when <paramref name="name"/> is a valid region name, else the reason.</summary>
    public static string? ValidateRegionName(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "a region name is empty";
        if (name.Length > MaxRegionNameLength)
            return $"region name has {name.Length} characters; at most {MaxRegionNameLength}";
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
                return $"region name '{Printable(name)}' may hold only letters, digits, '.', '_', '-'";
        }
        return null;
    }

    internal static void ThrowIfInvalid(NewEntry? entry, int index, string paramName)
    {
        if (entry is null)
            throw new ArgumentException($"Entry {index} is null.", paramName);
        string? error = Validate(entry);
        if (error is not null)
            throw new ArgumentException($"Entry {index} cannot be stored: {error}.", paramName);
    }

    private static string? CheckText(string what, string? value, int maxLength, bool allowControl)
    {
        if (value is null)
            return null;
        if (value.Length > maxLength)
            return $"{what} has {value.Length} characters; at most {maxLength}";
        foreach (char c in value)
        {
            if (c == '\0' || (!allowControl && char.IsControl(c)))
                return $"{what} contains a control character (\\u{(int)c:x4})";
        }
        return null;
    }

    private static string? CheckTags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
            return "tags is null (use an empty list)";
        if (tags.Count > MaxTags)
            return $"{tags.Count} tags; at most {MaxTags}";
        foreach (string tag in tags)
        {
            string? error = ValidateTag(tag);
            if (error is not null)
                return error;
        }
        return null;
    }

    private static string? CheckRegions(BankHashType type, IReadOnlyList<EntryRegion>? regions)
    {
        if (regions is null)
            return "regions is null (use an empty list)";
        if (regions.Count == 0)
            return null;
        if (type != BankHashType.Pdq)
            return $"regions are PDQ hashes of parts of an image; a {type.ToName()} entry cannot hold them";
        if (regions.Count > MaxRegions)
            return $"{regions.Count} regions; at most {MaxRegions}";
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (EntryRegion r in regions)
        {
            string? error = ValidateRegionName(r.Name);
            if (error is not null)
                return error;
            if (!names.Add(r.Name))
                return $"region '{r.Name}' appears twice";
            if (r.X < 0 || r.Y < 0 || r.Width <= 0 || r.Height <= 0)
                return $"region '{r.Name}' has bounds {r.X},{r.Y},{r.Width}x{r.Height}; need x, y >= 0 and width, height > 0";
            if ((uint)r.Quality > 100)
                return $"region '{r.Name}' has quality {r.Quality}, outside 0..100";
            if (r.Hash.IsZero || r.Hash == Fingerprint.Hashing.Hash256.AllOnes)
                return $"region '{r.Name}' hash is all {(r.Hash.IsZero ? "zeros" : "ones")}";
        }
        return null;
    }

    private static string? CheckFrames(BankHashType type, IReadOnlyList<EntryFrame>? frames)
    {
        if (frames is null)
            return "frames is null (use an empty list)";
        if (type == BankHashType.Vpdq && frames.Count == 0)
            return "a vpdq entry needs at least one frame";
        if (frames.Count == 0)
            return null;
        if (type != BankHashType.Vpdq)
            return $"frames belong to vpdq entries; a {type.ToName()} entry cannot hold them";
        if (frames.Count > MaxFrames)
            return $"{frames.Count} frames; at most {MaxFrames}";
        int previous = -1;
        foreach (EntryFrame f in frames)
        {
            if (f.FrameNumber <= previous)
                return $"frame numbers must increase strictly; {f.FrameNumber} follows {previous}";
            previous = f.FrameNumber;
            if (!double.IsFinite(f.TimestampSeconds) || f.TimestampSeconds < 0)
                return $"frame {f.FrameNumber} has timestamp {f.TimestampSeconds}; need a finite value >= 0";
            if ((uint)f.Quality > 100)
                return $"frame {f.FrameNumber} has quality {f.Quality}, outside 0..100";
        }
        return null;
    }

    private static string Printable(string s)
    {
        var chars = new System.Text.StringBuilder(s.Length);
        foreach (char c in s)
            chars.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return chars.ToString();
    }
}
