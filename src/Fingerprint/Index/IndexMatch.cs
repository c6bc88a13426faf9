using Fingerprint.Hashing;

namespace Fingerprint.Index;

/// <summary>
/// One row of an index within the query radius.
/// </summary>
/// <param name="QueryIndex">Which query of the call matched: 0 for <c>Search</c>/<c>SearchDihedral</c>/<c>Nearest</c>,
/// the query (group) number for <c>SearchBatch</c>.</param>
/// <param name="Id">The id stored beside the row.</param>
/// <param name="RowIndex">The row's position in the index (0-based; in a live index, delta rows follow the snapshot's).</param>
/// <param name="Distance">Hamming distance in bits (0..256) between the row and the matching query hash.</param>
/// <param name="Variant">For dihedral queries, which variant matched best (smallest distance, then lowest variant);
/// <see cref="DihedralVariant.Orig"/> for plain queries.</param>
public readonly record struct IndexMatch(int QueryIndex, long Id, int RowIndex, int Distance, DihedralVariant Variant);
