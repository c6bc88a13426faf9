using System.Globalization;
using System.Text;
using Fingerprint.Hashing;

namespace Fingerprint.Storage.ImportExport;

/// <summary>
/// The CSV cell forms of nested values, so a CSV export round-trips exactly:
/// regions <c>name:x:y:width:height:quality:hash</c> and frames <c>frame:timestamp:quality:hash</c>, items separated
/// by ';' (region names cannot hold ':' or ';'); timestamps in the shortest round-trip form; added times as ISO 8601
/// UTC with microseconds; payloads in base64.
/// </summary>
internal static class CompactText
{
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string FormatRegions(IReadOnlyList<EntryRegion> regions)
    {
        var text = new StringBuilder(regions.Count * 90);
        foreach (EntryRegion r in regions)
        {
            if (text.Length > 0)
                text.Append(';');
            text.Append(CultureInfo.InvariantCulture, $"{r.Name}:{r.X}:{r.Y}:{r.Width}:{r.Height}:{r.Quality}:{r.Hash}");
        }
        return text.ToString();
    }

    public static string FormatFrames(IReadOnlyList<EntryFrame> frames)
    {
        var text = new StringBuilder(frames.Count * 90);
        foreach (EntryFrame f in frames)
        {
            if (text.Length > 0)
                text.Append(';');
            text.Append(CultureInfo.InvariantCulture, $"{f.FrameNumber}:{FormatDouble(f.TimestampSeconds)}:{f.Quality}:{f.Hash}");
        }
        return text.ToString();
    }

    public static string? ParseRegions(string text, out List<EntryRegion> regions)
    {
        regions = [];
        int n = 0;
        Span<Range> f = stackalloc Range[8];
        foreach (Range item in text.AsSpan().Split(';'))
        {
            n++;
            ReadOnlySpan<char> part = text.AsSpan()[item].Trim();
            if (part.IsEmpty)
                continue;
            if (part.Split(f, ':') != 7)
                return $"region {n} is not name:x:y:width:height:quality:hash";
            if (!Int(part[f[1]], out int x) || !Int(part[f[2]], out int y) || !Int(part[f[3]], out int w) ||
                !Int(part[f[4]], out int h) || !Int(part[f[5]], out int quality))
                return $"region {n} has a non-integer bound or quality";
            if (!Hash256.TryParse(part[f[6]], out Hash256 hash, out string? error))
                return $"region {n} hash: {error}";
            regions.Add(new EntryRegion(part[f[0]].ToString(), x, y, w, h, hash, quality));
        }
        return null;
    }

    public static string? ParseFrames(string text, out List<EntryFrame> frames)
    {
        frames = [];
        int n = 0;
        Span<Range> f = stackalloc Range[5];
        foreach (Range item in text.AsSpan().Split(';'))
        {
            n++;
            ReadOnlySpan<char> part = text.AsSpan()[item].Trim();
            if (part.IsEmpty)
                continue;
            if (part.Split(f, ':') != 4)
                return $"frame {n} is not frame:timestamp:quality:hash";
            if (!Int(part[f[0]], out int frame) || !Int(part[f[2]], out int quality))
                return $"frame {n} has a non-integer frame number or quality";
            if (!double.TryParse(part[f[1]], NumberStyles.Float, CultureInfo.InvariantCulture, out double ts))
                return $"frame {n} timestamp '{part[f[1]]}' is not a number";
            if (!Hash256.TryParse(part[f[3]], out Hash256 hash, out string? error))
                return $"frame {n} hash: {error}";
            frames.Add(new EntryFrame(frame, ts, quality, hash));
        }
        return null;
    }

    private static bool Int(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
