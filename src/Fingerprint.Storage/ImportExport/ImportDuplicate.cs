namespace Fingerprint.Storage.ImportExport;

/// <summary>An input line whose entry was already present in the bank.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="EntryId">The live entry it duplicates.</param>
public readonly record struct ImportDuplicate(long Line, long EntryId);
