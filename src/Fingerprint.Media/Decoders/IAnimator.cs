namespace Fingerprint.Media.Decoders;

/// <summary>Composites an animation one native frame at a time onto an RGBA canvas (internal to the frame sources).</summary>
internal interface IAnimator : IDisposable
{
    int Width { get; }
    int Height { get; }

    /// <summary>Composites the next native frame; false when there are no more.</summary>
    bool Advance();

    /// <summary>The composited canvas, RGBA, width x height x 4 bytes; valid until the next <see cref="Advance"/>.</summary>
    ReadOnlySpan<byte> Canvas { get; }
}
