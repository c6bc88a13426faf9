using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Fingerprint.Hashing;

namespace Fingerprint.Storage.ImportExport;

/// <summary>The state of one <see cref="BankImporter"/> call: line reader, format reader, counters and reports.</summary>
internal sealed class ImportRun
{
    private const int MaxIgnoredColumns = 64;

    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly JsonDocumentOptions s_json = new() { MaxDepth = 16 };

    private readonly ImportOptions _options;
    private readonly LineReader _lines;
    private readonly RecordMapper _mapper;
    private readonly RawRecord _record = new();
    private readonly List<ImportLineError> _errors = [];
    private readonly List<ImportDuplicate> _duplicates = [];
    private readonly List<string> _ignored = [];
    private int _rejected, _duplicateCount;
    private long _currentLine;

    public ImportRun(ImportOptions options, TextReader reader)
    {
        _options = options;
        _lines = new LineReader(reader, options.MaxLineLength);
        _mapper = new RecordMapper(options);
    }

    public async Task<ImportResult> RunAsync(IBankStore store, string bank, CancellationToken cancellationToken)
    {
        if (await store.GetBankAsync(bank, cancellationToken) is null)
            throw new BankNotFoundException(bank);
        ImportFormat format = _options.Format == ImportFormat.Auto ? await DetectAsync(cancellationToken) : _options.Format;
        IAsyncEnumerable<long> records = format switch
        {
            ImportFormat.HexLines => ReadHexLinesAsync(cancellationToken),
            ImportFormat.Csv => ReadCsvAsync(cancellationToken),
            ImportFormat.PdqPhotoHasher => ReadPhotoHasherAsync(cancellationToken),
            _ => ReadJsonlAsync(cancellationToken),
        };
        AddResult added = await store.AddEntriesAsync(bank, EntriesAsync(records, cancellationToken), OnEntry, cancellationToken);
        return new ImportResult
        {
            Format = format,
            LinesRead = _lines.LinesRead,
            Imported = added.Added,
            Duplicates = _duplicateCount,
            Rejected = _rejected,
            Errors = _errors,
            DuplicateLines = _duplicates,
            IgnoredColumns = _ignored,
            FirstSequence = added.FirstSequence,
            LastSequence = added.LastSequence,
        };
    }

    /// <summary>Maps each record the format reader filled in; rejects bad ones, yields good ones to the store.</summary>
    private async IAsyncEnumerable<NewEntry> EntriesAsync(IAsyncEnumerable<long> records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (long line in records.WithCancellation(cancellationToken))
        {
            string? error = _mapper.Map(_record, out NewEntry? entry);
            if (error is not null)
            {
                Reject(line, error);
                continue;
            }
            _currentLine = line;   // OnEntry runs for this entry before the next one is read
            yield return entry!;
        }
    }

    private void OnEntry(EntryOutcome outcome)
    {
        if (!outcome.AlreadyPresent)
            return;
        _duplicateCount++;
        if (_duplicates.Count < _options.MaxReportedLines)
            _duplicates.Add(new ImportDuplicate(_currentLine, outcome.EntryId));
    }

    private void Reject(long line, string reason)
    {
        _rejected++;
        if (_errors.Count < _options.MaxReportedLines)
            _errors.Add(new ImportLineError(line, reason));
    }

    private void Ignore(string column)
    {
        if (_ignored.Count < MaxIgnoredColumns && !_ignored.Contains(column, StringComparer.OrdinalIgnoreCase))
            _ignored.Add(column);
    }

    private string TooLong => $"line longer than {_options.MaxLineLength} characters";

    private static bool IsComment(TextLine line) => line.Text.AsSpan().TrimStart().StartsWith('#');

    // ---------------------------------------------------------------- detection

    /// <summary>Skips leading blank and comment lines, detects the format from the next line and pushes it back.</summary>
    private async ValueTask<ImportFormat> DetectAsync(CancellationToken cancellationToken)
    {
        while (await _lines.ReadAsync(cancellationToken) is TextLine line)
        {
            if (line.TooLong)
                throw new BankImportException(line.Number, $"Cannot detect the input format: line {line.Number} is longer than {_options.MaxLineLength} characters.");
            if (line.IsBlank || IsComment(line))
                continue;
            _lines.Unread(line);
            return Detect(line);
        }
        return ImportFormat.HexLines;   // empty input: nothing to import in any format
    }

    private static ImportFormat Detect(TextLine line)
    {
        ReadOnlySpan<char> t = line.Text.AsSpan().Trim();
        if (t.StartsWith('{'))
            return ImportFormat.Jsonl;
        if (t.StartsWith("hash=", StringComparison.OrdinalIgnoreCase))
            return ImportFormat.PdqPhotoHasher;
        int comma = t.IndexOf(',');
        if (comma >= 0)
        {
            ReadOnlySpan<char> rest = t[(comma + 1)..];
            int second = rest.IndexOf(',');
            ReadOnlySpan<char> quality = (second < 0 ? rest : rest[..second]).Trim();
            if (IsHex(t[..comma].Trim()) && int.TryParse(quality, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                return ImportFormat.PdqPhotoHasher;
            var fields = new List<string>();
            if (Csv.Parse(line.Text, fields, out _) == Csv.Status.Ok &&
                fields.Exists(f => ImportFields.TryMap(f, out ImportField mapped) && mapped is ImportField.Hash or ImportField.Pdq))
                return ImportFormat.Csv;
        }
        else
        {
            int tab = t.IndexOf('\t');
            if (IsHex((tab < 0 ? t : t[..tab]).Trim()))
                return ImportFormat.HexLines;
        }
        string excerpt = line.Text.Length > 80 ? line.Text[..80] + "..." : line.Text;
        throw new BankImportException(line.Number,
            $"Cannot detect the input format from line {line.Number} ('{excerpt}'): expected hex digits (one hash per line), " +
            "a CSV header with a 'hash' or 'pdq' column, pdq-photo-hasher output (hash,quality,path), or a JSON object. " +
            "Force the format if the file is one of these.");
    }

    private static bool IsHex(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(s_hexDigits);

    // ---------------------------------------------------------------- hex lines

    private async IAsyncEnumerable<long> ReadHexLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _lines.ReadAsync(cancellationToken) is TextLine line)
        {
            if (line.IsBlank || IsComment(line))
                continue;
            _record.Clear();
            if (line.TooLong)
            {
                _record.Error = TooLong;
                yield return line.Number;
                continue;
            }
            string[] parts = line.Text.Split('\t', 3);
            _record[ImportField.Hash] = parts[0].Trim();
            if (parts.Length > 1)
                _record[ImportField.Quality] = parts[1];
            if (parts.Length > 2)
                _record[ImportField.Path] = parts[2];
            yield return line.Number;
        }
    }

    // ---------------------------------------------------------------- pdq-photo-hasher

    private async IAsyncEnumerable<long> ReadPhotoHasherAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _lines.ReadAsync(cancellationToken) is TextLine line)
        {
            if (line.IsBlank || IsComment(line))
                continue;
            _record.Clear();
            string text = line.Text;
            if (line.TooLong)
            {
                _record.Error = TooLong;
            }
            else if (text.StartsWith("hash=", StringComparison.OrdinalIgnoreCase))
            {
                // --details: hash=...,norm=...,delta=...,quality=...,filename=... (the file name is last and may hold commas)
                int name = text.IndexOf(",filename=", StringComparison.OrdinalIgnoreCase);
                string head = name < 0 ? text : text[..name];
                if (name >= 0)
                    _record[ImportField.Path] = text[(name + ",filename=".Length)..];
                foreach (string pair in head.Split(','))
                {
                    int eq = pair.IndexOf('=', StringComparison.Ordinal);
                    string key = eq < 0 ? pair : pair[..eq];
                    string value = eq < 0 ? string.Empty : pair[(eq + 1)..];
                    if (key.Equals("hash", StringComparison.OrdinalIgnoreCase))
                        _record[ImportField.Hash] = value;
                    else if (key.Equals("quality", StringComparison.OrdinalIgnoreCase))
                        _record[ImportField.Quality] = value;
                }
            }
            else
            {
                int first = text.IndexOf(',', StringComparison.Ordinal);
                int second = first < 0 ? -1 : text.IndexOf(',', first + 1);
                if (second < 0)
                {
                    _record.Error = "expected hash,quality,path (pdq-photo-hasher output)";
                }
                else
                {
                    _record[ImportField.Hash] = text[..first];
                    _record[ImportField.Quality] = text[(first + 1)..second];
                    _record[ImportField.Path] = text[(second + 1)..];
                }
            }
            yield return line.Number;
        }
    }

    // ---------------------------------------------------------------- CSV

    private async IAsyncEnumerable<long> ReadCsvAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // '#' comment lines may precede the header.
        while (await _lines.ReadAsync(cancellationToken) is TextLine line)
        {
            if (line.IsBlank || IsComment(line))
                continue;
            _lines.Unread(line);
            break;
        }
        var csv = new CsvRecordReader(_lines);
        var fields = new List<string>();
        if (await csv.ReadAsync(fields, cancellationToken) is not { } header)
            yield break;
        (long headerLine, bool ok, string? headerError) = header;
        if (!ok)
            throw new BankImportException(headerLine, $"The CSV header (line {headerLine}) cannot be read: {headerError}.");
        ImportField?[] columns = MapHeader(headerLine, fields);

        while (await csv.ReadAsync(fields, cancellationToken) is { } row)
        {
            (long line, bool rowOk, string? error) = row;
            _record.Clear();
            if (!rowOk)
            {
                _record.Error = error;
            }
            else if (fields.TrueForAll(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            else if (fields.Count != columns.Length)
            {
                _record.Error = $"expected {columns.Length} fields as in the header, got {fields.Count}";
            }
            else
            {
                for (int i = 0; i < columns.Length; i++)
                {
                    if (columns[i] is ImportField field)
                        _record[field] = fields[i];
                }
            }
            yield return line;
        }
    }

    private ImportField?[] MapHeader(long line, List<string> names)
    {
        var columns = new ImportField?[names.Count];
        var seen = new Dictionary<ImportField, string>();
        for (int i = 0; i < names.Count; i++)
        {
            if (!ImportFields.TryMap(names[i], out ImportField field))
            {
                Ignore(names[i].Trim());
                continue;
            }
            if (seen.TryGetValue(field, out string? earlier))
                throw new BankImportException(line, $"The CSV header (line {line}) names one column twice: '{earlier}' and '{names[i]}'.");
            seen[field] = names[i];
            columns[i] = field is ImportField.EntryId ? null : field;
        }
        if (!seen.ContainsKey(ImportField.Hash) && !seen.ContainsKey(ImportField.Pdq))
            throw new BankImportException(line,
                $"The CSV header (line {line}) has no 'hash' or 'pdq' column; its columns are: {string.Join(", ", names)}.");
        return columns;
    }

    // ---------------------------------------------------------------- JSONL

    private async IAsyncEnumerable<long> ReadJsonlAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _lines.ReadAsync(cancellationToken) is TextLine line)
        {
            if (line.IsBlank)
                continue;
            _record.Clear();
            if (line.TooLong)
                _record.Error = TooLong;
            else
                ParseJson(line.Text);
            yield return line.Number;
        }
    }

    private void ParseJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, s_json);
        }
        catch (JsonException ex)
        {
            string message = ex.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            _record.Error = $"bad JSON at byte {(ex.BytePositionInLine ?? 0) + 1}: {(cut > 0 ? message[..cut] : message)}";
            return;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                _record.Error = $"bad JSON: expected an object, got {document.RootElement.ValueKind}";
                return;
            }
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!ImportFields.TryMap(property.Name, out ImportField field))
                {
                    Ignore(property.Name);
                    continue;
                }
                JsonElement value = property.Value;
                if (value.ValueKind == JsonValueKind.Null || field == ImportField.EntryId)
                    continue;
                string? error = field switch
                {
                    ImportField.Tags when value.ValueKind == JsonValueKind.Array => ReadTags(value),
                    ImportField.Regions when value.ValueKind == JsonValueKind.Array => ReadRegions(value),
                    ImportField.Frames when value.ValueKind == JsonValueKind.Array => ReadFrames(value),
                    _ => ReadScalar(field, property.Name, value),
                };
                if (error is not null)
                {
                    _record.Error = error;
                    return;
                }
            }
        }
    }

    private string? ReadScalar(ImportField field, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                _record[field] = value.GetString();
                return null;
            case JsonValueKind.Number:
                _record[field] = value.GetRawText();
                return null;
            default:
                return $"field '{name}' must be a string or a number, not {value.ValueKind}";
        }
    }

    private string? ReadTags(JsonElement array)
    {
        var tags = new List<string>(array.GetArrayLength());
        foreach (JsonElement tag in array.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.String)
                return $"tags must be strings, not {tag.ValueKind}";
            tags.Add(tag.GetString()!);
        }
        _record.TagList = tags;
        return null;
    }

    private string? ReadRegions(JsonElement array)
    {
        var regions = new List<EntryRegion>(array.GetArrayLength());
        int n = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            n++;
            if (item.ValueKind != JsonValueKind.Object)
                return $"region {n} is not an object";
            string? name = null, hashText = null;
            int? x = null, y = null, w = null, h = null, quality = null;
            foreach (JsonProperty p in item.EnumerateObject())
            {
                switch (Normalize(p.Name))
                {
                    case "name": name = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null; break;
                    case "hash" or "pdq": hashText = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null; break;
                    case "x": x = Int(p.Value); break;
                    case "y": y = Int(p.Value); break;
                    case "width" or "w": w = Int(p.Value); break;
                    case "height" or "h": h = Int(p.Value); break;
                    case "quality": quality = Int(p.Value); break;
                }
            }
            if (name is null || hashText is null || x is null || y is null || w is null || h is null || quality is null)
                return $"region {n} needs name, x, y, width, height, quality (integers) and hash";
            if (!Hash256.TryParse(hashText, out Hash256 hash, out string? error))
                return $"regions: region {n} hash: {error}";
            regions.Add(new EntryRegion(name, x.Value, y.Value, w.Value, h.Value, hash, quality.Value));
        }
        _record.Regions = regions;
        return null;
    }

    private string? ReadFrames(JsonElement array)
    {
        var frames = new List<EntryFrame>(array.GetArrayLength());
        int n = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            n++;
            if (item.ValueKind != JsonValueKind.Object)
                return $"frame {n} is not an object";
            string? hashText = null;
            int? number = null, quality = null;
            double? timestamp = null;
            foreach (JsonProperty p in item.EnumerateObject())
            {
                switch (Normalize(p.Name))
                {
                    case "hash" or "pdq": hashText = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null; break;
                    case "frame" or "framenumber" or "number": number = Int(p.Value); break;
                    case "quality": quality = Int(p.Value); break;
                    case "timestamp" or "ts" or "timestampsec" or "timestampseconds" or "seconds":
                        timestamp = p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetDouble(out double d) ? d : null;
                        break;
                }
            }
            if (hashText is null || number is null || quality is null || timestamp is null)
                return $"frame {n} needs frame, timestamp, quality (numbers) and hash";
            if (!Hash256.TryParse(hashText, out Hash256 hash, out string? error))
                return $"frames: frame {n} hash: {error}";
            frames.Add(new EntryFrame(number.Value, timestamp.Value, quality.Value, hash));
        }
        _record.Frames = frames;
        return null;
    }

    private static int? Int(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int i) ? i : null;

    private static string Normalize(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-' or ' '))).ToLowerInvariant();
}
