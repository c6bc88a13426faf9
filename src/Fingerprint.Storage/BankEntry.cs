namespace Fingerprint.Storage;

/// <summary>An entry as stored. Removed entries stay readable (with <see cref="RemovedSequence"/> set) so an old match can still explain itself.</summary>
public sealed record BankEntry
{
    /// <summary>Store-assigned id, stable and never reused; the id an index carries.</summary>
    public required long Id { get; init; }

    public required long BankId { get; init; }

    public required string BankName { get; init; }

    public required BankHash Hash { get; init; }

    public int? Quality { get; init; }

    public string? ContentId { get; init; }

    public string? Label { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Source { get; init; }

    public string? Campaign { get; init; }

    /// <summary>UTC, microsecond precision.</summary>
    public required DateTimeOffset AddedUtc { get; init; }

    public IReadOnlyList<EntryRegion> Regions { get; init; } = [];

    public IReadOnlyList<EntryFrame> Frames { get; init; } = [];

    public byte[]? Payload { get; init; }

    /// <summary>Sequence number of the change-log row that added it.</summary>
    public required long AddedSequence { get; init; }

    /// <summary>Sequence number of its removal (tombstone), or null while live.</summary>
    public long? RemovedSequence { get; init; }

    public bool IsRemoved => RemovedSequence.HasValue;

    /// <summary>
    /// The searchable PDQ hashes of this entry, as <see cref="IBankStore.StreamPdqHashesAsync"/> gives them: the
    /// entry-level hash of a <see cref="BankHashType.Pdq"/> entry, then its regions, then its frames. None once removed.
    /// A log tailer turns each <see cref="ChangeKind.EntryAdded"/> into index rows with this.
    /// </summary>
    public IEnumerable<SearchableHash> SearchableHashes()
    {
        if (IsRemoved)
            yield break;
        if (Hash.Type == BankHashType.Pdq)
            yield return new SearchableHash(Id, BankId, BankName, Hash.ToHash256(), Quality, SearchableHashKind.Entry);
        foreach (EntryRegion r in Regions)
            yield return new SearchableHash(Id, BankId, BankName, r.Hash, r.Quality, SearchableHashKind.Region, Region: r.Name);
        foreach (EntryFrame f in Frames)
        {
            yield return new SearchableHash(Id, BankId, BankName, f.Hash, f.Quality, SearchableHashKind.Frame,
                Frame: f.FrameNumber, TimestampSeconds: f.TimestampSeconds);
        }
    }
}
