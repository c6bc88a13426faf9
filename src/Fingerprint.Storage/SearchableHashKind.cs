namespace Fingerprint.Storage;

/// <summary>Where a searchable PDQ hash comes from.</summary>
public enum SearchableHashKind
{
    /// <summary>The entry-level hash of a <see cref="BankHashType.Pdq"/> entry.</summary>
    Entry = 0,

    /// <summary>A region hash (<see cref="EntryRegion"/>).</summary>
    Region = 1,

    /// <summary>A video frame hash (<see cref="EntryFrame"/>).</summary>
    Frame = 2,
}
