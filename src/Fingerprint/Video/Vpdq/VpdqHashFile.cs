// Source: facebook/ThreatExchange vpdq/cpp/vpdq/cpp/io/vpdqio.cpp (loadHashesFromFileOrDie, outputVPDQFeatureToFile).
// Format: conformance/video/README.md "vPDQ .txt".

using System.Globalization;
using System.Text;
using Fingerprint.Hashing;

namespace Fingerprint.Video.Vpdq;

/// <summary>
/// The reference's vPDQ text format: one line per hashed frame, <c>frameNumber,quality,hash,timestamp</c>, the hash
/// as 64 lower-case hex digits and the timestamp in seconds with exactly 3 decimals (<c>std::fixed</c>,
/// <c>setprecision(3)</c>; .NET's "F3" rounds the exact binary value half-to-even, as glibc's printf does), each line
/// ended by <c>\n</c>. Reading is stricter than the reference (which keeps any line with at least 4 comma-separated
/// fields and parses numbers with stoi/stod): exactly 4 fields, decimal integers, a 64-digit hex hash, quality 0..100, a
/// non-negative frame number and a finite non-negative timestamp; a <c>\r</c> before the line end is accepted.
/// An empty input is an empty fingerprint (the reference refuses an empty file).
/// </summary>
public static class VpdqHashFile
{
    /// <summary>Parses a whole file.</summary>
    /// <exception cref="FormatException">A line is not a vPDQ frame record; the message names the line.</exception>
    public static VpdqFrameHash[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader);
    }

    /// <summary>Reads records until the end of <paramref name="reader"/>.</summary>
    /// <exception cref="FormatException">A line is not a vPDQ frame record; the message names the line.</exception>
    public static VpdqFrameHash[] Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var frames = new List<VpdqFrameHash>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!TryParseLine(line, out VpdqFrameHash frame, out string? error))
                throw new FormatException($"vPDQ line {lineNumber}: {error}: \"{Truncate(line)}\".");
            frames.Add(frame);
        }
        return frames.ToArray();
    }

    /// <summary>Parses one line, <c>frameNumber,quality,hash,timestamp</c>.</summary>
    public static bool TryParseLine(ReadOnlySpan<char> line, out VpdqFrameHash frame, out string? error)
    {
        frame = default;
        if (line.EndsWith("\r"))
            line = line[..^1];
        Span<Range> fields = stackalloc Range[5];
        int count = line.Split(fields, ',');
        if (count != 4)
        {
            error = $"expected 4 comma-separated fields (frame,quality,hash,timestamp), found {(count == 5 ? "more than 4" : count.ToString(CultureInfo.InvariantCulture))}";
            return false;
        }
        if (!int.TryParse(line[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out int frameNumber))
        {
            error = "the frame number is not a non-negative integer";
            return false;
        }
        if (!int.TryParse(line[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out int quality) || quality > 100)
        {
            error = "the quality is not an integer in 0..100";
            return false;
        }
        if (!Hash256.TryParse(line[fields[2]], out Hash256 hash, out string? hashError))
        {
            error = $"bad hash ({hashError})";
            return false;
        }
        if (!double.TryParse(line[fields[3]], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double timestamp)
            || !double.IsFinite(timestamp))
        {
            error = "the timestamp is not a non-negative decimal number";
            return false;
        }
        frame = new VpdqFrameHash(frameNumber, quality, hash, timestamp);
        error = null;
        return true;
    }

    /// <summary>One record as the reference writes it, without the line end.</summary>
    public static string FormatLine(in VpdqFrameHash frame)
    {
        if (frame.FrameNumber < 0)
            throw new ArgumentOutOfRangeException(nameof(frame), frame.FrameNumber, "The frame number must not be negative.");
        if ((uint)frame.Quality > 100)
            throw new ArgumentOutOfRangeException(nameof(frame), frame.Quality, "The quality must be in 0..100.");
        if (!double.IsFinite(frame.TimestampSeconds) || frame.TimestampSeconds < 0)
            throw new ArgumentOutOfRangeException(nameof(frame), frame.TimestampSeconds, "The timestamp must be finite and non-negative.");
        return string.Create(CultureInfo.InvariantCulture,
            $"{frame.FrameNumber},{frame.Quality},{frame.Hash},{frame.TimestampSeconds:F3}");
    }

    /// <summary>Writes every record, each followed by <c>\n</c> (vpdqio.cpp outputVPDQFeatureToFile).</summary>
    public static void Write(TextWriter writer, IEnumerable<VpdqFrameHash> frames)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frames);
        foreach (VpdqFrameHash frame in frames)
        {
            writer.Write(FormatLine(frame));
            writer.Write('\n');
        }
    }

    /// <summary>The whole file as a string.</summary>
    public static string Format(IEnumerable<VpdqFrameHash> frames)
    {
        var sb = new StringBuilder();
        using var writer = new StringWriter(sb, CultureInfo.InvariantCulture);
        Write(writer, frames);
        return sb.ToString();
    }

    private static string Truncate(string line) => line.Length <= 120 ? line : string.Concat(line.AsSpan(0, 120), "...");
}
