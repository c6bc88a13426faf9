namespace Fingerprint.Media.Ffmpeg;

/// <summary>Why an input is not a usable video.</summary>
public enum VideoInputError
{
    /// <summary>The file has zero bytes.</summary>
    Empty,

    /// <summary>ffprobe could not read it as any container it knows (random bytes, a cut-off header...).</summary>
    Unreadable,

    /// <summary>It holds streams, but none is video, and at least one is audio.</summary>
    AudioOnly,

    /// <summary>It holds no video stream (and no audio either).</summary>
    NoVideoStream,

    /// <summary>The video stream declares no usable size or frame rate.</summary>
    InvalidStream,

    /// <summary>Declared width, height or pixel count exceeds <see cref="FfmpegLimits"/>: refused before decoding.</summary>
    TooLarge,

    /// <summary>Declared duration exceeds <see cref="FfmpegLimits"/>: refused before decoding.</summary>
    TooLong,

    /// <summary>More frames than <see cref="FfmpegLimits.MaxFrames"/> came out of the decoder.</summary>
    TooManyFrames,

    /// <summary>The data ends early: ffmpeg reported a partial file, or the raw stream ended inside a frame.</summary>
    Truncated,

    /// <summary>ffmpeg failed to decode it (non-zero exit, or decode errors when they are not tolerated).</summary>
    DecodeFailed,
}
