namespace Fingerprint.Media;

/// <summary>
/// A decode failed. <see cref="Exception.Message"/> is clear human text and includes the native library's own error
/// text when there is one (also in <see cref="NativeMessage"/>).
/// </summary>
public class MediaException : Exception
{
    public MediaException()
        : this(MediaErrorCode.Corrupt, "The media could not be decoded.")
    {
    }

    public MediaException(string message)
        : this(MediaErrorCode.Corrupt, message)
    {
    }

    public MediaException(string message, Exception innerException)
        : this(MediaErrorCode.Corrupt, message, null, innerException)
    {
    }

    public MediaException(MediaErrorCode code, string message, string? nativeMessage = null, Exception? innerException = null)
        : base(nativeMessage is null ? message : $"{message}: {nativeMessage}", innerException)
    {
        Code = code;
        NativeMessage = nativeMessage;
    }

    public MediaErrorCode Code { get; }

    /// <summary>The native library's error text, verbatim, or null.</summary>
    public string? NativeMessage { get; }
}
