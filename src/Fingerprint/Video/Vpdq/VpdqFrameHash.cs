// Source: facebook/ThreatExchange vpdq/cpp/vpdq/cpp/hashing/vpdqHashType.h (vpdqFeature),
// vpdq/cpp/vpdq/cpp/hashing/hasher.h (hashFrame: timestamp), vpdq/README.md (frame record). SPEC.md §4.2.

using Fingerprint.Hashing;

namespace Fingerprint.Video.Vpdq;

/// <summary>
/// One hashed frame of a vPDQ video fingerprint: its 0-based frame number in the decoded stream, the PDQ quality
/// (0..100), the PDQ hash, and its timestamp in seconds (frame number / average frame rate).
/// </summary>
public readonly record struct VpdqFrameHash(int FrameNumber, int Quality, Hash256 Hash, double TimestampSeconds)
{
    /// <summary>
    /// The timestamp the reference hasher records: <c>(float)frameNumber / (float)frameRate</c>, evaluated in float
    /// (hasher.h hashFrame divides a float frame number by the float frame rate of VideoMetadata) and widened to double.
    /// Written with 3 decimals this is what <c>vpdq-hash-video</c> prints.
    /// </summary>
    public static double ReferenceTimestamp(long frameNumber, double frameRate)
    {
        if (!(frameRate > 0) || double.IsInfinity(frameRate))
            throw new ArgumentOutOfRangeException(nameof(frameRate), frameRate, "The frame rate must be positive and finite.");
        return (float)frameNumber / (float)frameRate;
    }
}
