using Fingerprint.Hashing;

namespace Fingerprint.Storage;

/// <summary>One sampled video frame's PDQ hash (vPDQ's per-frame record: frame number, timestamp, quality, hash).</summary>
/// <param name="FrameNumber">Frame index in the sampled stream (&gt;= 0); strictly increasing within an entry.</param>
/// <param name="TimestampSeconds">Presentation time in seconds (finite, &gt;= 0).</param>
/// <param name="Quality">PDQ quality 0..100.</param>
/// <param name="Hash">PDQ hash of the frame.</param>
public readonly record struct EntryFrame(int FrameNumber, double TimestampSeconds, int Quality, Hash256 Hash);
