using System.Text;

namespace Fingerprint.Storage.ImportExport;

/// <summary>
/// Imports hashes into a bank from text, streaming: the input is read line by line through a fixed buffer, good
/// lines are added in ONE transaction (<see cref="IBankStore.AddEntriesAsync(string, IAsyncEnumerable{NewEntry}, Action{EntryOutcome}?, CancellationToken)"/>),
/// bad lines are rejected with their line number and reason, and the summary counts imported, duplicate and
/// rejected lines. A failure of the input as a whole (<see cref="BankImportException"/>), of the store, or
/// cancellation leaves the bank as it was.
/// </summary>
/// <remarks>
/// <para>Blank lines are skipped everywhere, and so are '#' comment lines before the first record (and anywhere in
/// hex and pdq-photo-hasher input). Formats (<see cref="ImportFormat"/>), detected from the first other line:
/// a JSON object (<c>{</c>) means JSONL; <c>hash=</c> or <c>hex,integer,...</c> means pdq-photo-hasher output
/// (plain or <c>--details</c>); a comma-separated line naming a <c>hash</c> or <c>pdq</c> column means CSV with a
/// header; hex digits (optionally followed by a TAB) mean hex lines. Anything else is a
/// <see cref="BankImportException"/>: set <see cref="ImportOptions.Format"/> to force a format.</para>
/// <para>CSV columns and JSONL fields, matched ignoring case, '_', '-' and spaces: <c>hash</c> (or <c>pdq</c>),
/// <c>hash_type</c>, <c>quality</c>, <c>label</c>, <c>source</c> (or <c>path</c>), <c>content_id</c> (or
/// <c>sha256</c>, or <c>id</c> for an exchange's external id), <c>campaign</c>, <c>tags</c> (separated by ';' or '|',
/// or a JSON array), <c>added_utc</c> (ISO 8601), <c>regions</c>, <c>frames</c>, <c>payload</c> (base64) and
/// <c>entry_id</c> (written by our exports, not imported: a bank assigns its own ids). Other columns are listed in
/// <see cref="ImportResult.IgnoredColumns"/>. A JSONL record with an <c>error</c> field (a failed file in our
/// scan/hash output) is rejected with that error.</para>
/// <para>Validation per line: hash length and hex digits, all-zero and all-one hashes, quality 0..100 and the
/// quality gate (<see cref="ImportOptions.MinQuality"/>), CSV quoting and field counts, JSON syntax, and every rule of
/// <see cref="EntryRules"/>.</para>
/// </remarks>
public static class BankImporter
{
    /// <summary>Imports from <paramref name="reader"/> into <paramref name="bank"/>, which must exist.</summary>
    public static Task<ImportResult> ImportAsync(
        IBankStore store, string bank, TextReader reader, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new ImportOptions();
        ValidateOptions(options);
        return new ImportRun(options, reader).RunAsync(store, bank, cancellationToken);
    }

    /// <summary>Imports UTF-8 (or BOM-marked UTF-16/32) text from <paramref name="stream"/>, which is left open.</summary>
    public static async Task<ImportResult> ImportAsync(
        IBankStore store, string bank, Stream stream, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), true, 64 * 1024, leaveOpen: true);
        return await ImportAsync(store, bank, reader, options, cancellationToken);
    }

    private static void ValidateOptions(ImportOptions options)
    {
        if (!Enum.IsDefined(options.Format))
            throw new ArgumentException($"Unknown import format {(int)options.Format}.", nameof(options));
        if (options.MinQuality is < 0 or > 100)
            throw new ArgumentException($"The quality gate is 0..100 (or null to disable it); got {options.MinQuality}.", nameof(options));
        if (options.MaxLineLength < 1024)
            throw new ArgumentException("MaxLineLength must be at least 1024 characters.", nameof(options));
        if (options.MaxReportedLines < 0)
            throw new ArgumentException("MaxReportedLines must not be negative.", nameof(options));
        foreach (string tag in options.Tags)
        {
            string? error = EntryRules.ValidateTag(tag);
            if (error is not null)
                throw new ArgumentException($"Invalid tag in the import options: {error}.", nameof(options));
        }
        string? campaign = EntryRules.ValidateCampaign(options.Campaign);
        if (campaign is not null)
            throw new ArgumentException($"Invalid campaign in the import options: {campaign}.", nameof(options));
    }
}
