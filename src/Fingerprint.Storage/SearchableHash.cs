using Fingerprint.Hashing;

namespace Fingerprint.Storage;

/// <summary>One PDQ hash an index should hold, with what it belongs to.</summary>
/// <param name="EntryId">The entry's id.</param>
/// <param name="BankId">The entry's bank id.</param>
/// <param name="Bank">The entry's bank name (one string instance per bank within a stream).</param>
/// <param name="Hash">The PDQ hash.</param>
/// <param name="Quality">Quality 0..100, or null when unknown (entry-level hashes imported without quality).</param>
/// <param name="Kind">Entry, region or frame.</param>
/// <param name="Region">Region name when <paramref name="Kind"/> is <see cref="SearchableHashKind.Region"/>.</param>
/// <param name="Frame">Frame number when <paramref name="Kind"/> is <see cref="SearchableHashKind.Frame"/>.</param>
/// <param name="TimestampSeconds">Frame timestamp when <paramref name="Kind"/> is <see cref="SearchableHashKind.Frame"/>.</param>
public readonly record struct SearchableHash(
    long EntryId,
    long BankId,
    string Bank,
    Hash256 Hash,
    int? Quality,
    SearchableHashKind Kind,
    string? Region = null,
    int? Frame = null,
    double? TimestampSeconds = null);
