namespace Fingerprint.Video;

/// <summary>
/// A stream of decoded frames: a video through ffmpeg, an animated GIF or WebP through its own decoder. Frames are
/// delivered in order; each <see cref="VideoFrame"/> is owned by the consumer, who disposes it.
/// </summary>
public interface IFrameSource : IAsyncDisposable
{
    /// <summary>Average native frame rate (frames per second), when known; 0 when not.</summary>
    double FrameRate { get; }

    IAsyncEnumerable<VideoFrame> ReadFramesAsync(FrameSampling sampling, CancellationToken cancellationToken = default);
}
