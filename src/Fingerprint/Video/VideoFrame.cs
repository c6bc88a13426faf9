using Fingerprint.Imaging;

namespace Fingerprint.Video;

/// <summary>
/// One decoded frame: its 0-based index in the source's native frame sequence (vPDQ's frameNumber), its presentation
/// time in seconds, and owned pixels the consumer disposes (or lets the source reuse; see <see cref="IFrameSource"/>).
/// </summary>
public sealed class VideoFrame : IDisposable
{
    public VideoFrame(long index, double timestampSeconds, PixelBuffer pixels)
    {
        Index = index;
        TimestampSeconds = timestampSeconds;
        Pixels = pixels;
    }

    public long Index { get; }
    public double TimestampSeconds { get; }
    public PixelBuffer Pixels { get; }

    public void Dispose() => Pixels.Dispose();
}
