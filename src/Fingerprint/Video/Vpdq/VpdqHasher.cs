// Source: facebook/ThreatExchange vpdq/cpp/vpdq/cpp/hashing/filehasher.cpp (frame sampling: frameMod) and
// pdqbufferhasher.cpp (per-frame PDQ at the frame's own resolution, no 512 pre-resize); SPEC.md §4.1-4.2.

using Fingerprint.Hashing;

namespace Fingerprint.Video.Vpdq;

/// <summary>
/// vPDQ: one PDQ hash per sampled frame of a frame source. Which frames are sampled is the source's job
/// (<see cref="FrameSampling"/>: every frame, or vPDQ's frameMod rule); each delivered frame is hashed by the PDQ core
/// at its own resolution (use a <see cref="PdqPipeline.FullRes"/> hasher to reproduce the reference). Timestamps are
/// the reference's <c>frameNumber / frameRate</c> in float when the source knows its frame rate (videos), otherwise
/// the frame's own presentation time (animations, whose frames have individual delays). No de-duplication: as the
/// reference hasher, every sampled frame is kept.
/// </summary>
public static class VpdqHasher
{
    public static async Task<IReadOnlyList<VpdqFrameHash>> HashAsync(
        IFrameSource source, FrameSampling sampling, PdqHasher hasher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(hasher);
        var frames = new List<VpdqFrameHash>();
        double rate = source.FrameRate;
        await foreach (VideoFrame frame in source.ReadFramesAsync(sampling, cancellationToken))
        {
            using (frame)
            {
                HashResult h = hasher.Hash(frame.Pixels.AsView());
                double time = rate > 0 && !double.IsInfinity(rate)
                    ? VpdqFrameHash.ReferenceTimestamp(frame.Index, rate)
                    : frame.TimestampSeconds;
                frames.Add(new VpdqFrameHash(checked((int)frame.Index), h.Quality, h.Hash, time));
            }
        }
        return frames;
    }
}
