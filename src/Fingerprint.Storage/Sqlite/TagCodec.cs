using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fingerprint.Storage.Sqlite;

/// <summary>Tags are stored as a JSON array of strings in <c>entries.tags</c> (NULL when there are none), order kept.</summary>
internal static class TagCodec
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Encode(IReadOnlyList<string> tags)
    {
        if (tags.Count == 0)
            return null;
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartArray();
            foreach (string tag in tags)
                writer.WriteStringValue(tag);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<string> Decode(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            var tags = new List<string>();
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw new JsonException("not an array");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                    throw new JsonException("not a string");
                tags.Add(reader.GetString()!);
            }
            return tags;
        }
        catch (JsonException ex)
        {
            throw new BankStoreException(BankStoreErrorKind.Corrupt, $"Stored tags are not a JSON array of strings: {ex.Message}", ex);
        }
    }
}
