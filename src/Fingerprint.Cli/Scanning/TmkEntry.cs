using Fingerprint.Video.Tmk;

namespace Fingerprint.Cli.Scanning;

/// <summary>
/// A video entry's TMK features as a scan keeps them: only the parameters and the pure average (level 1, about 1 KB);
/// the full features (about 260 KB) are read from the store for the entries whose level 1 passes.
/// </summary>
internal sealed record TmkEntry(long EntryId, string Bank, TmkParameters Parameters, float[] PureAverage);
