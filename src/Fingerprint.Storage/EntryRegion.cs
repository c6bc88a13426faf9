using Fingerprint.Hashing;

namespace Fingerprint.Storage;

/// <summary>
/// A PDQ hash of one region of an entry's image (the whole image as <c>full</c>, a comic panel as <c>panel-0</c>...).
/// Region hashes are searchable like entry-level PDQ hashes; a match names the region.
/// </summary>
/// <param name="Name">1 to 64 characters: ASCII letters, digits, '.', '_', '-'; unique within the entry.</param>
/// <param name="X">Left edge in source pixels (&gt;= 0).</param>
/// <param name="Y">Top edge in source pixels (&gt;= 0).</param>
/// <param name="Width">Width in source pixels (&gt; 0).</param>
/// <param name="Height">Height in source pixels (&gt; 0).</param>
/// <param name="Hash">PDQ hash of the region.</param>
/// <param name="Quality">PDQ quality 0..100.</param>
public readonly record struct EntryRegion(string Name, int X, int Y, int Width, int Height, Hash256 Hash, int Quality);
