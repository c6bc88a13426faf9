namespace Fingerprint.Storage;

/// <summary>Kinds of change-log rows. The numeric values are stored.</summary>
public enum ChangeKind
{
    EntryAdded = 1,

    /// <summary>A tombstone: the entry stays readable but is no longer searchable.</summary>
    EntryRemoved = 2,

    BankCreated = 3,

    /// <summary>The bank and every entry it still had are removed (one row, not one per entry).</summary>
    BankRemoved = 4,
}
