using System.Runtime.CompilerServices;
using Fingerprint.Video;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Matching;

/// <summary>
/// A pass-through <see cref="IFrameSource"/> that hashes the meme-aware regions of every frame it delivers
/// (<see cref="RegionHasher"/>) before handing the frame on, so a consumer such as <see cref="VpdqHasher"/> hashes the
/// whole frames while the regions are collected here: a meme scaled into a video frame with bars around it matches
/// through the frame's trimmed region. Frames are numbered and timed as <see cref="VpdqHasher"/> numbers and times them
/// (<see cref="VpdqHasher.Timestamp"/>: an animation frame after frames of other delays keeps its own time).
/// </summary>
/// <remarks>
/// Does not own <paramref name="inner"/>: disposing this source does nothing; dispose the inner source yourself. Not
/// thread-safe (the region hasher is not); read the frames once.
/// </remarks>
public sealed class RegionHashingFrameSource(IFrameSource inner, RegionHasher hasher, RegionScope scope) : IFrameSource
{
    private readonly IFrameSource _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly RegionHasher _hasher = hasher ?? throw new ArgumentNullException(nameof(hasher));
    private readonly List<HashedRegion> _scratch = [];
    private readonly List<FrameRegion> _regions = [];

    public double FrameRate => _inner.FrameRate;

    /// <summary>The regions of every frame delivered so far, in frame order.</summary>
    public IReadOnlyList<FrameRegion> Regions => _regions;

    public async IAsyncEnumerable<VideoFrame> ReadFramesAsync(FrameSampling sampling, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        double rate = _inner.FrameRate;
        await foreach (VideoFrame frame in _inner.ReadFramesAsync(sampling, cancellationToken).ConfigureAwait(false))
        {
            _scratch.Clear();
            _hasher.HashRegions(frame.Pixels.AsView(), scope, _scratch);
            if (_scratch.Count > 0)
            {
                double time = VpdqHasher.Timestamp(frame, rate);
                int number = checked((int)frame.Index);
                foreach (HashedRegion r in _scratch)
                    _regions.Add(new FrameRegion(number, time, r));
            }
            yield return frame;
        }
    }

    /// <summary>Does nothing: the inner source belongs to the caller.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
