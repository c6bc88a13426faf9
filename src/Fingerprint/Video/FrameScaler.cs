namespace Fingerprint.Video;

/// <summary>
/// The resampling filter used when a <see cref="FrameSampling"/> asks for a size other than the native one (libswscale's
/// algorithms, as ffmpeg names them).
/// </summary>
public enum FrameScaler
{
    /// <summary>ffmpeg's default scaler: what TMK's reference command line (<c>-s 64:64</c>) uses.</summary>
    Bicubic = 0,

    /// <summary>SWS_AREA: what vPDQ's reference decoder uses (vpdq ffmpegwrapper.h DOWNSAMPLE_METHOD).</summary>
    Area = 1,
}
