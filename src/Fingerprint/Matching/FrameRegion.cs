namespace Fingerprint.Matching;

/// <summary>A meme-aware region of one sampled video or animation frame (vPDQ frame number and timestamp).</summary>
public readonly record struct FrameRegion(int FrameNumber, double TimestampSeconds, HashedRegion Region);
