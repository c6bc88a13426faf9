using Fingerprint.Video;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Processing;

/// <summary>
/// The picture inside one sampled frame's borders (<see cref="FrameBorders"/>): its PDQ hash and quality with the
/// frame's number and time (<see cref="Hash"/>), and where it sits in the frame.
/// </summary>
internal sealed record TrimmedFrame(VpdqFrameHash Hash, FrameRegion Region);
