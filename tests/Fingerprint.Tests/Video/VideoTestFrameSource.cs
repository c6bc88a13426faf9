using System.Runtime.CompilerServices;
using Fingerprint.Imaging;
using Fingerprint.Video;

namespace Fingerprint.Tests.Video;

/// <summary>
/// An in-memory <see cref="IFrameSource"/> for hasher tests: delivers copies of the given images as frames with the
/// given indices and timestamps, records the sampling it was asked for and how many delivered frames were disposed.
/// </summary>
internal sealed class VideoTestFrameSource(double frameRate, IReadOnlyList<(long Index, double Timestamp, TestImage Image)> frames) : IFrameSource
{
    private readonly List<VideoFrame> _delivered = [];

    public double FrameRate => frameRate;

    public FrameSampling? RequestedSampling { get; private set; }

    public int DeliveredCount => _delivered.Count;

    /// <summary>Delivered frames whose pixels were released (the consumer disposed them).</summary>
    public int DisposedCount => _delivered.Count(f => IsDisposed(f.Pixels));

    public async IAsyncEnumerable<VideoFrame> ReadFramesAsync(FrameSampling sampling, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RequestedSampling = sampling;
        foreach ((long index, double timestamp, TestImage image) in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            var buffer = new PixelBuffer(image.Width, image.Height, image.Format);
            for (int y = 0; y < image.Height; y++)
                image.Pixels.AsSpan(y * image.Stride, image.Width * image.BytesPerPixel).CopyTo(buffer.GetRow(y));
            var frame = new VideoFrame(index, timestamp, buffer);
            _delivered.Add(frame);
            yield return frame;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool IsDisposed(PixelBuffer buffer)
    {
        try
        {
            _ = buffer.Array;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
