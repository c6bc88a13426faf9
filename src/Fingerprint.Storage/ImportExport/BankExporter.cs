using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fingerprint.Storage.ImportExport;

/// <summary>
/// Writes a bank's live entries as CSV (with a header) or JSONL, one entry per line ("\n"), streaming. Both hold
/// every field, so importing an export into a new bank reproduces the entries exactly (only the entry ids, which a
/// bank assigns, differ). Column and field names are those <see cref="BankImporter"/> reads; nested values use the
/// compact CSV forms (regions <c>name:x:y:width:height:quality:hash</c>, frames <c>frame:timestamp:quality:hash</c>,
/// ';' between items) or JSON arrays of objects.
/// </summary>
public static class BankExporter
{
    /// <summary>CSV columns, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
        ["entry_id", "hash_type", "hash", "quality", "content_id", "label", "tags", "source", "campaign", "added_utc", "regions", "frames", "payload"];

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the live entries of <paramref name="bank"/> as CSV; returns how many.</summary>
    public static async Task<long> ExportCsvAsync(IBankStore store, string bank, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(string.Join(',', CsvColumns) + "\n");
        var line = new StringBuilder(256);
        long count = 0;
        await foreach (BankEntry e in store.StreamEntriesAsync(bank, cancellationToken))
        {
            line.Clear();
            line.Append(e.Id.ToString(CultureInfo.InvariantCulture)).Append(',');
            line.Append(e.Hash.Type.ToName()).Append(',');
            line.Append(e.Hash.ToString()).Append(',');
            line.Append(e.Quality?.ToString(CultureInfo.InvariantCulture)).Append(',');
            Csv.AppendField(line, e.ContentId);
            line.Append(',');
            Csv.AppendField(line, e.Label);
            line.Append(',');
            Csv.AppendField(line, string.Join(';', e.Tags));
            line.Append(',');
            Csv.AppendField(line, e.Source);
            line.Append(',');
            Csv.AppendField(line, e.Campaign);
            line.Append(',');
            line.Append(CompactText.FormatTime(e.AddedUtc)).Append(',');
            line.Append(CompactText.FormatRegions(e.Regions)).Append(',');
            line.Append(CompactText.FormatFrames(e.Frames)).Append(',');
            if (e.Payload is not null)
                line.Append(Convert.ToBase64String(e.Payload));
            line.Append('\n');
            await writer.WriteAsync(line, cancellationToken);
            count++;
        }
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Writes the live entries of <paramref name="bank"/> as JSONL (absent values omitted); returns how many.</summary>
    public static async Task<long> ExportJsonlAsync(IBankStore store, string bank, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new ArrayBufferWriter<byte>(1024);
        long count = 0;
        await foreach (BankEntry e in store.StreamEntriesAsync(bank, cancellationToken))
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, s_json))
                WriteEntry(json, e);
            await writer.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n");
            count++;
        }
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private static void WriteEntry(Utf8JsonWriter json, BankEntry e)
    {
        json.WriteStartObject();
        json.WriteNumber("entry_id", e.Id);
        json.WriteString("hash_type", e.Hash.Type.ToName());
        if (!e.Hash.IsEmpty)
            json.WriteString("hash", e.Hash.ToString());
        if (e.Quality is int quality)
            json.WriteNumber("quality", quality);
        WriteOptional(json, "content_id", e.ContentId);
        WriteOptional(json, "label", e.Label);
        if (e.Tags.Count > 0)
        {
            json.WriteStartArray("tags");
            foreach (string tag in e.Tags)
                json.WriteStringValue(tag);
            json.WriteEndArray();
        }
        WriteOptional(json, "source", e.Source);
        WriteOptional(json, "campaign", e.Campaign);
        json.WriteString("added_utc", CompactText.FormatTime(e.AddedUtc));
        if (e.Regions.Count > 0)
        {
            json.WriteStartArray("regions");
            foreach (EntryRegion r in e.Regions)
            {
                json.WriteStartObject();
                json.WriteString("name", r.Name);
                json.WriteNumber("x", r.X);
                json.WriteNumber("y", r.Y);
                json.WriteNumber("width", r.Width);
                json.WriteNumber("height", r.Height);
                json.WriteNumber("quality", r.Quality);
                json.WriteString("hash", r.Hash.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (e.Frames.Count > 0)
        {
            json.WriteStartArray("frames");
            foreach (EntryFrame f in e.Frames)
            {
                json.WriteStartObject();
                json.WriteNumber("frame", f.FrameNumber);
                json.WriteNumber("timestamp", f.TimestampSeconds);
                json.WriteNumber("quality", f.Quality);
                json.WriteString("hash", f.Hash.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (e.Payload is not null)
            json.WriteString("payload", Convert.ToBase64String(e.Payload));
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }
}
