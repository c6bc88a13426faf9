namespace Fingerprint.Storage;

/// <summary>
/// What happened to one input of an add call, reported while the transaction is still open (so it holds only if the
/// call then completes).
/// </summary>
/// <param name="Index">Position of the entry in the input (0-based).</param>
/// <param name="EntryId">The new entry's id, or the id of the live entry it duplicates.</param>
/// <param name="AlreadyPresent">True when nothing was added because the entry was already present.</param>
public readonly record struct EntryOutcome(int Index, long EntryId, bool AlreadyPresent);
