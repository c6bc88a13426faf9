using System.CommandLine;
using Fingerprint.Storage;
using Fingerprint.Storage.ImportExport;

namespace Fingerprint.Cli.Commands;

/// <summary>
/// `fingerprint bank create|list|stats|remove|export|import|add`: banks of known imagery in the embedded database.
/// Hashing subcommands (add) live in <see cref="BankAddCommand"/>.
/// </summary>
internal static class BankCommands
{
    public static Command Create(CliContext context)
    {
        var bank = new Command("bank",
            "Manage banks of known imagery in the embedded database (no server needed; the file is created on first use).\n" +
            "Examples:\n" +
            "  fingerprint bank create --db banks.db hk2019 --description \"2019 campaign memes\"\n" +
            "  fingerprint bank add --db banks.db --bank hk2019 --campaign hk2019 known/\n" +
            "  fingerprint bank import --db banks.db hk2019 shared-hashes.csv\n" +
            "  fingerprint bank stats --db banks.db hk2019");
        bank.Add(CreateCommand(context));
        bank.Add(ListCommand(context));
        bank.Add(StatsCommand(context));
        bank.Add(RemoveCommand(context));
        bank.Add(ExportCommand(context));
        bank.Add(ImportCommand(context));
        bank.Add(BankAddCommand.Create(context));
        return bank;
    }

    private static Argument<string> BankName()
    {
        var name = new Argument<string>("NAME") { Description = "Bank name (letters, digits, '-', '_', '.'; case-insensitive)." };
        // A name that can never exist is a usage error (exit 2), not a missing bank (exit 5).
        name.Validators.Add(result =>
        {
            string value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (BankNames.Validate(value) is string error)
                result.AddError($"Invalid bank name '{value}': {error}.");
        });
        return name;
    }

    private static Command CreateCommand(CliContext context)
    {
        Option<string> db = CommonOptions.Db();
        Argument<string> name = BankName();
        var description = new Option<string?>("--description", "-d") { Description = "Free text describing the bank." };
        var existOk = new Option<bool>("--exist-ok") { Description = "Succeed quietly when the bank already exists." };
        var command = new Command("create", "Create a bank.\nExample: fingerprint bank create --db banks.db hk2019 -d \"2019 campaign\"")
        {
            db, name, description, existOk,
        };
        command.SetAction((parse, ct) => StoreAccess.RunAsync(parse.GetValue(db)!, mustExist: false, ct: ct, action: async store =>
        {
            string n = parse.GetValue(name)!;
            if (parse.GetValue(existOk) && await store.GetBankAsync(n, ct) is not null)
            {
                await context.Stderr.WriteLineAsync($"bank '{n}' already exists");
                return (int)ExitCode.Success;
            }
            try
            {
                Bank b = await store.CreateBankAsync(n, parse.GetValue(description), ct);
                await context.Stderr.WriteLineAsync($"created bank '{b.Name}' in {parse.GetValue(db)}");
                return (int)ExitCode.Success;
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ExitCode.UsageError, ex.Message, ex);
            }
        }));
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        Option<string> db = CommonOptions.Db();
        var command = new Command("list", "List the banks with their entry counts.\nExample: fingerprint bank list --db banks.db") { db };
        command.SetAction((parse, ct) => StoreAccess.RunAsync(parse.GetValue(db)!, mustExist: true, ct: ct, action: async store =>
        {
            IReadOnlyList<Bank> banks = await store.ListBanksAsync(ct);
            TextWriter o = context.Stdout;
            await o.WriteLineAsync($"{"bank",-24} {"entries",10} {"searchable",10}  created (UTC)         description");
            foreach (Bank b in banks)
            {
                BankStats s = await store.GetStatsAsync(b.Name, ct);
                await o.WriteLineAsync(
                    $"{b.Name,-24} {s.LiveEntries,10:N0} {s.SearchablePdqHashes,10:N0}  {b.CreatedUtc:yyyy-MM-dd HH:mm:ss}  {b.Description}");
            }
            if (banks.Count == 0)
                await context.Stderr.WriteLineAsync("no banks yet: fingerprint bank create --db FILE NAME");
            return (int)ExitCode.Success;
        }));
        return command;
    }

    private static Command StatsCommand(CliContext context)
    {
        Option<string> db = CommonOptions.Db();
        Argument<string> name = BankName();
        var command = new Command("stats", "Counts for one bank: entries by hash type, removed, regions, frames, quality histogram.\n" +
                                           "Example: fingerprint bank stats --db banks.db hk2019") { db, name };
        command.SetAction((parse, ct) => StoreAccess.RunAsync(parse.GetValue(db)!, mustExist: true, ct: ct, action: async store =>
        {
            BankStats s = await store.GetStatsAsync(parse.GetValue(name)!, ct);
            TextWriter o = context.Stdout;
            await o.WriteLineAsync($"bank              {s.Bank.Name}");
            if (!string.IsNullOrEmpty(s.Bank.Description))
                await o.WriteLineAsync($"description       {s.Bank.Description}");
            await o.WriteLineAsync($"created           {s.Bank.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC");
            await o.WriteLineAsync($"live entries      {s.LiveEntries:N0}");
            foreach ((BankHashType type, long count) in s.LiveEntriesByType.OrderBy(kv => kv.Key))
                await o.WriteLineAsync($"  {type.ToName(),-15} {count:N0}");
            await o.WriteLineAsync($"removed entries   {s.RemovedEntries:N0}");
            await o.WriteLineAsync($"region hashes     {s.LiveRegions:N0}");
            await o.WriteLineAsync($"frame hashes      {s.LiveFrames:N0}");
            await o.WriteLineAsync($"searchable PDQ    {s.SearchablePdqHashes:N0}");
            await o.WriteLineAsync($"last change seq   {s.LastSequence}");
            await o.WriteLineAsync("quality           " + string.Join("  ",
                s.QualityHistogram.Select((c, i) => $"{i * BankStats.QualityBucketWidth}-{(i == 9 ? 100 : i * 10 + 9)}:{c}")) +
                $"  unknown:{s.UnknownQuality}");
            return (int)ExitCode.Success;
        }));
        return command;
    }

    private static Command RemoveCommand(CliContext context)
    {
        Option<string> db = CommonOptions.Db();
        Argument<string> name = BankName();
        var entry = new Option<long[]>("--entry")
        {
            Description = "Remove only these entry ids (tombstoned and logged) instead of the whole bank.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("remove",
            "Remove a bank (its entries are tombstoned and the removal logged; the name becomes free), or single entries.\n" +
            "Examples: fingerprint bank remove --db banks.db old-bank\n" +
            "          fingerprint bank remove --db banks.db hk2019 --entry 42 --entry 43") { db, name, entry };
        command.SetAction((parse, ct) => StoreAccess.RunAsync(parse.GetValue(db)!, mustExist: true, ct: ct, action: async store =>
        {
            string n = parse.GetValue(name)!;
            long[] ids = parse.GetValue(entry) ?? [];
            if (ids.Length == 0)
            {
                if (!await store.RemoveBankAsync(n, ct))
                    throw new BankNotFoundException(n);
                await context.Stderr.WriteLineAsync($"removed bank '{n}'");
                return (int)ExitCode.Success;
            }
            Bank b = await store.GetBankAsync(n, ct) ?? throw new BankNotFoundException(n);
            int removed = 0, failed = 0;
            foreach (long id in ids)
            {
                BankEntry? e = await store.GetEntryAsync(id, ct);
                if (e is null || e.BankId != b.Id || !await store.RemoveEntryAsync(id, ct))
                {
                    await context.Stderr.WriteLineAsync($"entry {id}: not a live entry of bank '{b.Name}'");
                    failed++;
                    continue;
                }
                removed++;
            }
            await context.Stderr.WriteLineAsync($"removed {removed} entr{(removed == 1 ? "y" : "ies")} from '{b.Name}'");
            return failed == 0 ? (int)ExitCode.Success : (int)ExitCode.InputError;
        }));
        return command;
    }

    private static Command ExportCommand(CliContext context)
    {
        Option<string> db = CommonOptions.Db();
        Argument<string> name = BankName();
        var format = new Option<string>("--format", "-f")
        {
            Description = "csv (with a header row) or jsonl.",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE (atomically: a temporary file renamed at the end) instead of stdout.", HelpName = "FILE" };
        var command = new Command("export",
            "Export a bank's live entries (every field; import reads them back exactly).\n" +
            "Example: fingerprint bank export --db banks.db hk2019 -f jsonl -o hk2019.jsonl") { db, name, format, output };
        command.SetAction((parse, ct) => StoreAccess.RunAsync(parse.GetValue(db)!, mustExist: true, ct: ct, action: async store =>
        {
            string n = parse.GetValue(name)!;
            string? path = parse.GetValue(output);
            bool jsonl = parse.GetValue(format) == "jsonl";
            if (await store.GetBankAsync(n, ct) is null)
                throw new BankNotFoundException(n);   // before the CSV header goes out
            long count;
            if (path is null)
            {
                count = jsonl ? await BankExporter.ExportJsonlAsync(store, n, context.Stdout, ct)
                              : await BankExporter.ExportCsvAsync(store, n, context.Stdout, ct);
            }
            else
            {
                string temp = path + ".tmp-" + Environment.ProcessId;
                try
                {
                    await using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)))
                    {
                        count = jsonl ? await BankExporter.ExportJsonlAsync(store, n, writer, ct)
                                      : await BankExporter.ExportCsvAsync(store, n, writer, ct);
                    }
                    File.Move(temp, path, overwrite: true);
                }
                finally
                {
                    if (File.Exists(temp))
                        File.Delete(temp);
                }
            }
            await context.Stderr.WriteLineAsync($"exported {count:N0} entries of '{n}'{(path is null ? "" : $" to {path}")}");
            return (int)ExitCode.Success;
        }));
        return command;
    }

    private static Command ImportCommand(CliContext context)
    {
        Option<string> db = CommonOptions.Db();
        Argument<string> name = BankName();
        var file = new Argument<string>("FILE") { Description = "Hash list to import ('-' = stdin)." };
        var format = new Option<ImportFormat>("--format", "-f")
        {
            Description = "Input format: Auto (detect), HexLines (one hex hash per line), Csv (with a header: hash/pdq, quality, label, " +
                          "source, content_id, campaign, tags), PdqPhotoHasher (hash,quality,path), Jsonl.",
            DefaultValueFactory = _ => ImportFormat.Auto,
        };
        var minQuality = new Option<int>("--min-quality")
        {
            Description = "Reject lines whose quality is below this gate (lines without a quality pass).",
            DefaultValueFactory = _ => ImportOptions.DefaultMinQuality,
        };
        var noGate = new Option<bool>("--no-quality-gate") { Description = "Import regardless of quality." };
        var campaign = new Option<string?>("--campaign") { Description = "Campaign recorded on entries that carry none." };
        var tags = new Option<string[]>("--tag") { Description = "Tag added to every imported entry (repeatable).", AllowMultipleArgumentsPerToken = false };
        var create = new Option<bool>("--create") { Description = "Create the bank if it does not exist." };
        var command = new Command("import",
            "Import hashes into a bank in ONE transaction: good lines are imported, bad lines reported with line numbers " +
            "(wrong length, non-hex, all-zero/all-one hash, quality below the gate), and an interrupted import leaves the bank as before.\n" +
            "Examples: fingerprint bank import --db banks.db hk2019 shared.csv\n" +
            "          pdq-photo-hasher *.jpg | fingerprint bank import --db banks.db hk2019 - --create")
        {
            db, name, file, format, minQuality, noGate, campaign, tags, create,
        };
        command.SetAction((parse, ct) => StoreAccess.RunAsync(parse.GetValue(db)!, mustExist: false, ct: ct, action: async store =>
        {
            string n = parse.GetValue(name)!;
            string f = parse.GetValue(file)!;
            if (await store.GetBankAsync(n, ct) is null)
            {
                if (!parse.GetValue(create))
                    throw new CliException(ExitCode.DataError, $"bank '{n}' does not exist (add --create, or: fingerprint bank create {n})");
                await store.CreateBankAsync(n, null, ct);
            }
            var options = new ImportOptions
            {
                Format = parse.GetValue(format),
                MinQuality = parse.GetValue(noGate) ? null : parse.GetValue(minQuality),
                Campaign = parse.GetValue(campaign),
                Tags = parse.GetValue(tags) ?? [],
            };
            ImportResult result;
            try
            {
                if (f == "-")
                {
                    result = await BankImporter.ImportAsync(store, n, context.Stdin, options, ct);
                }
                else
                {
                    if (!File.Exists(f))
                        throw new CliException(ExitCode.InputError, $"'{f}' does not exist");
                    using var reader = new StreamReader(f, detectEncodingFromByteOrderMarks: true);
                    result = await BankImporter.ImportAsync(store, n, reader, options, ct);
                }
            }
            catch (BankImportException ex)
            {
                throw new CliException(ExitCode.InputError, $"cannot import '{f}': {ex.Message}", ex);
            }
            foreach (ImportLineError e in result.Errors)
                await context.Stderr.WriteLineAsync($"{f}: {e}");
            if (result.Rejected > result.Errors.Count)
                await context.Stderr.WriteLineAsync($"{f}: ... and {result.Rejected - result.Errors.Count} more rejected lines");
            if (result.IgnoredColumns.Count > 0)
                await context.Stderr.WriteLineAsync($"{f}: ignored columns: {string.Join(", ", result.IgnoredColumns)}");
            await context.Stderr.WriteLineAsync(
                $"imported {result.Imported:N0} into '{n}' ({result.Format}; {result.LinesRead:N0} lines, " +
                $"{result.Duplicates:N0} already present, {result.Rejected:N0} rejected)");
            return result.Rejected > 0 ? (int)ExitCode.InputError : (int)ExitCode.Success;
        }));
        return command;
    }
}
