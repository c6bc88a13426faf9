namespace Fingerprint.Storage;

/// <summary>What one <see cref="IBankStore.AddEntriesAsync(string, IEnumerable{NewEntry}, CancellationToken)"/> call committed.</summary>
/// <param name="Added">Entries added.</param>
/// <param name="Duplicates">Entries already present (same bank, hash type, hash and content id as a live entry), not added again.</param>
/// <param name="FirstSequence">Change-log sequence of the first addition, or 0 when nothing was added.</param>
/// <param name="LastSequence">Change-log sequence of the last addition, or 0 when nothing was added.</param>
public readonly record struct AddResult(int Added, int Duplicates, long FirstSequence, long LastSequence);
