using System.Buffers.Binary;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// A managed walk over a WebP RIFF container (WebP Container Specification: RIFF header, VP8X with the canvas size and
/// the animation flag, ANMF frames with a 24-bit duration in milliseconds at payload offset 12), decoding nothing.
/// Gives the frame count and durations for limits and timestamps, and answers <see cref="ImageDecoder.IsAnimated"/>.
/// Stops early after <c>maxFrames + 1</c> frames and quietly at malformed data (libwebp then reports the error).
/// </summary>
internal sealed class WebPStructure
{
    private WebPStructure(bool animated, List<int> durations, bool hasImage)
    {
        IsAnimation = animated;
        DurationsMs = durations;
        HasStillImage = hasImage;
    }

    /// <summary>The VP8X header says "animation".</summary>
    public bool IsAnimation { get; }

    /// <summary>Per ANMF frame, its duration in milliseconds.</summary>
    public IReadOnlyList<int> DurationsMs { get; }

    /// <summary>A VP8 or VP8L chunk at top level (a still image).</summary>
    public bool HasStillImage { get; }

    public int FrameCount => DurationsMs.Count > 0 ? DurationsMs.Count : HasStillImage ? 1 : 0;

    public static WebPStructure Scan(ReadOnlySpan<byte> webp, int maxFrames)
    {
        var durations = new List<int>();
        bool animated = false, still = false;
        if (webp.Length < 12)
            return new WebPStructure(false, durations, false);
        long riffEnd = Math.Min(webp.Length, 8L + BinaryPrimitives.ReadUInt32LittleEndian(webp.Slice(4, 4)));
        int end = (int)riffEnd;
        int i = 12;
        while (i + 8 <= end)
        {
            ReadOnlySpan<byte> fourcc = webp.Slice(i, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(webp.Slice(i + 4, 4));
            int payload = i + 8;
            bool complete = size <= (uint)(end - payload);
            if (fourcc.SequenceEqual("VP8X"u8) && payload < end)
                animated = (webp[payload] & 0x02) != 0;
            else if (fourcc.SequenceEqual("ANMF"u8) && payload + 16 <= end)
            {
                durations.Add(webp[payload + 12] | (webp[payload + 13] << 8) | (webp[payload + 14] << 16));
                if (durations.Count > maxFrames)
                    break;
            }
            else if (fourcc.SequenceEqual("VP8 "u8) || fourcc.SequenceEqual("VP8L"u8))
                still = true;
            if (!complete)
                break;
            i = payload + (int)size + (int)(size & 1);
        }
        return new WebPStructure(animated, durations, still);
    }
}
