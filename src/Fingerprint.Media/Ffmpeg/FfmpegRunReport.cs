namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// What one ffmpeg run of <see cref="FfmpegFrameSource.ReadFramesAsync"/> saw: the ffmpeg process id (for logs; the
/// process has been reaped when the report exists), frames delivered, whether the stream
/// ran to its end (false when the consumer stopped early, or on an error or timeout), ffmpeg's exit code (null when it
/// was killed), the tail of its stderr, and the wall-clock time.
/// </summary>
public sealed record FfmpegRunReport(int ProcessId, long FramesDelivered, bool Completed, int? ExitCode, string StandardErrorTail, TimeSpan Elapsed)
{
    /// <summary>ffmpeg runs with <c>-loglevel error</c>, so anything on stderr is an error it reported.</summary>
    public bool HadErrors => !string.IsNullOrWhiteSpace(StandardErrorTail);

    /// <summary>
    /// stderr names a cut-off input: the MP4/MOV demuxer's "partial file", or an "End of file" from any demuxer. A
    /// heuristic over ffmpeg's messages, for reports; decisions should rest on <see cref="HadErrors"/>.
    /// </summary>
    public bool LooksTruncated =>
        StandardErrorTail.Contains("partial file", StringComparison.OrdinalIgnoreCase)
        || StandardErrorTail.Contains("End of file", StringComparison.OrdinalIgnoreCase);
}
