namespace Fingerprint.Video;

/// <summary>A rectangle of a frame, in pixels: left, top, width and height.</summary>
public readonly record struct FrameRegion(int X, int Y, int Width, int Height);
