// Source: facebook/ThreatExchange vpdq/cpp/vpdq/cpp/hashing/filehasher.cpp (frame sampling: frameMod) and
// pdqbufferhasher.cpp (per-frame PDQ at the frame's own resolution, no 512 pre-resize), hasher.h (hashFrame: the
// timestamp); SPEC.md §4.1-4.2.

using Fingerprint.Hashing;

namespace Fingerprint.Video.Vpdq;

/// <summary>
/// vPDQ: one PDQ hash per sampled frame of a frame source. Which frames are sampled is the source's job
/// (<see cref="FrameSampling"/>: every frame, or vPDQ's frameMod rule); each delivered frame is hashed by the PDQ core
/// at its own resolution (use a <see cref="PdqPipeline.FullRes"/> hasher to reproduce the reference). No
/// de-duplication: as the reference hasher, every sampled frame is kept.
/// <para>Timestamps: a frame at the source's constant rate (its time is index / <see cref="IFrameSource.FrameRate"/>,
/// as every frame from ffmpeg) gets the reference's <c>(float)frameNumber / (float)frameRate</c>
/// (<see cref="VpdqFrameHash.ReferenceTimestamp"/>); a frame whose time differs from that (an animation frame after
/// frames of other delays) or from a source with no known rate keeps its own presentation time.</para>
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
                frames.Add(HashFrame(frame, rate, hasher));
        }
        return frames;
    }

    /// <summary>The vPDQ record of one frame of a source whose average rate is <paramref name="frameRate"/> (0: unknown).</summary>
    /// <exception cref="OverflowException">The frame index does not fit the format's 32-bit frame number.</exception>
    public static VpdqFrameHash HashFrame(VideoFrame frame, double frameRate, PdqHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(hasher);
        HashResult h = hasher.Hash(frame.Pixels.AsView());
        return new VpdqFrameHash(checked((int)frame.Index), h.Quality, h.Hash, Timestamp(frame, frameRate));
    }

    /// <summary>The timestamp rule of the class remarks.</summary>
    public static double Timestamp(VideoFrame frame, double frameRate)
    {
        ArgumentNullException.ThrowIfNull(frame);
        double own = frame.TimestampSeconds;
        if (!(frameRate > 0) || double.IsInfinity(frameRate))
            return own;
        double constantRate = frame.Index / frameRate;
        return Math.Abs(own - constantRate) <= 1e-9 * Math.Max(1.0, constantRate)
            ? VpdqFrameHash.ReferenceTimestamp(frame.Index, frameRate)
            : own;
    }
}
