namespace Fingerprint.Cli.Processing;

/// <summary>What an input turned out to be.</summary>
internal enum MediaKind
{
    Unknown,
    Image,
    /// <summary>Animated GIF or WebP: hashed frame by frame like a video, and its first frame as a still.</summary>
    Animation,
    Video,
}
