namespace Fingerprint.Media;

/// <summary>Why a decode failed: one code per kind of failure a caller handles differently.</summary>
public enum MediaErrorCode
{
    /// <summary>The input has no bytes.</summary>
    Empty = 0,
    /// <summary>The input ends before the image does.</summary>
    Truncated,
    /// <summary>The input is damaged or not what its signature says.</summary>
    Corrupt,
    /// <summary>A format (or a feature of one) that is recognised but not decoded, or not recognised at all.</summary>
    UnsupportedFormat,
    /// <summary>A <see cref="MediaLimits"/> bound would be exceeded.</summary>
    LimitExceeded,
    /// <summary>A native library is not installed (<see cref="NativeDependencyException"/>).</summary>
    DependencyMissing,
    /// <summary>Reading the input failed.</summary>
    Io,
}
