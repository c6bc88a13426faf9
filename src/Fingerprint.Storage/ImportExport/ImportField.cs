namespace Fingerprint.Storage.ImportExport;

/// <summary>
/// Recognised CSV columns / JSON fields. Names match ignoring case, '_', '-' and spaces, so <c>content_id</c>,
/// <c>contentId</c> and <c>Content ID</c> are one column.
/// </summary>
internal enum ImportField
{
    Hash,
    Pdq,
    HashType,
    Quality,
    Label,
    Source,
    Path,
    ContentId,
    Sha256,
    /// <summary>An external id (an exchange's); used as the content id when the record has no content_id or sha256.</summary>
    Id,

    /// <summary>The id a store gave the entry (our exports write it); a new bank assigns new ids, so it is not imported.</summary>
    EntryId,
    Campaign,
    Tags,
    AddedUtc,
    Regions,
    Frames,
    Payload,
    Error,
}
