namespace Fingerprint.Imaging.Regions;

/// <summary>
/// A region worth hashing on its own: <c>"full"</c>, <c>"trimmed"</c>, <c>"content"</c>, or <c>"panel-0"</c>,
/// <c>"panel-1"</c>, ... in reading order (top to bottom, then left to right within a row of panels; a column of panels
/// is read top to bottom before the next column).
/// </summary>
public readonly record struct ImageRegion(string Name, RegionKind Kind, RegionRect Rect);
