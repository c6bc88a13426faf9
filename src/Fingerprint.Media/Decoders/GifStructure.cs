using System.Buffers.Binary;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// A managed walk over a GIF's block structure (GIF89a specification §17-27) that decodes nothing: logical screen size,
/// number of images and each image's Graphic Control delay. Used to enforce limits (frame count, canvas size) and to
/// plan frame timestamps before giflib decodes anything, and for <see cref="ImageDecoder.IsAnimated"/>. Stops early at
/// <c>maxFrames + 1</c> images; stops quietly at the first malformed or missing byte (giflib then reports the error).
/// </summary>
internal sealed class GifStructure
{
    private GifStructure(int width, int height, List<int> delays, bool complete)
    {
        ScreenWidth = width;
        ScreenHeight = height;
        DelaysCentiseconds = delays;
        Complete = complete;
    }

    public int ScreenWidth { get; }
    public int ScreenHeight { get; }

    /// <summary>Per image, the delay from its Graphic Control Extension in 1/100 s (0 when absent).</summary>
    public IReadOnlyList<int> DelaysCentiseconds { get; }

    public int FrameCount => DelaysCentiseconds.Count;

    /// <summary>True when the walk reached the trailer (or the frame cap) without running out of data.</summary>
    public bool Complete { get; }

    public static GifStructure Scan(ReadOnlySpan<byte> gif, int maxFrames)
    {
        var delays = new List<int>();
        if (gif.Length < 13)
            return new GifStructure(0, 0, delays, false);
        int width = BinaryPrimitives.ReadUInt16LittleEndian(gif.Slice(6, 2));
        int height = BinaryPrimitives.ReadUInt16LittleEndian(gif.Slice(8, 2));
        int i = 13;
        byte packed = gif[10];
        if ((packed & 0x80) != 0)
            i += 3 << ((packed & 7) + 1);
        int pendingDelay = 0;
        while (i < gif.Length)
        {
            byte introducer = gif[i++];
            if (introducer == 0x3B)
                return new GifStructure(width, height, delays, true);
            if (introducer == 0x21)
            {
                if (i >= gif.Length)
                    break;
                byte label = gif[i++];
                if (label == 0xF9 && i + 5 <= gif.Length && gif[i] >= 4)
                    pendingDelay = BinaryPrimitives.ReadUInt16LittleEndian(gif.Slice(i + 2, 2));
                if (!SkipSubBlocks(gif, ref i))
                    break;
            }
            else if (introducer == 0x2C)
            {
                if (i + 9 > gif.Length)
                    break;
                byte imagePacked = gif[i + 8];
                i += 9;
                if ((imagePacked & 0x80) != 0)
                    i += 3 << ((imagePacked & 7) + 1);
                i++;   // LZW minimum code size
                if (i > gif.Length || !SkipSubBlocks(gif, ref i))
                    break;
                delays.Add(pendingDelay);
                pendingDelay = 0;
                if (delays.Count > maxFrames)
                    return new GifStructure(width, height, delays, true);
            }
            else
            {
                break;   // not a block introducer: corrupt
            }
        }
        return new GifStructure(width, height, delays, false);
    }

    private static bool SkipSubBlocks(ReadOnlySpan<byte> gif, ref int i)
    {
        while (i < gif.Length)
        {
            int size = gif[i++];
            if (size == 0)
                return true;
            i += size;
        }
        return false;
    }
}
