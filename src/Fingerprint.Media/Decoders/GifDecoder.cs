using System.Buffers;
using Fingerprint.Imaging;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// A GIF as a still, the way ImageMagick 6.9.11 writes <c>convert FILE pnm:-</c> for its first image: the first image
/// descriptor at its own size (its page offset on the logical screen is ignored), every index looked up in the local
/// palette, else the global one, with transparency ignored (the transparent index shows its palette colour; alpha is
/// dropped, not composited) and out-of-range indices taking entry 0 (ImageMagick's ConstrainColormapIndex). Animated
/// GIFs play through <see cref="GifFrameSource"/>, which composites frames properly.
/// </summary>
internal static class GifDecoder
{
    public static unsafe RawImage Decode(ReadOnlySpan<byte> data, DecodeOptions options)
    {
        fixed (byte* src = data)
        {
            using var reader = new GifReader(src, data.Length);
            if (!reader.NextFrame(out GifReader.Frame frame))
                MediaThrow.Corrupt(GifReader.FormatName, "the file holds no image");
            MediaThrow.CheckDimensions(options.Limits, GifReader.FormatName, frame.Width, frame.Height, 3);
            if (frame.Colors == null || frame.ColorCount == 0)
                MediaThrow.Corrupt(GifReader.FormatName, "no colour table (neither global nor local)");

            int w = frame.Width, h = frame.Height;
            byte[] indices = ArrayPool<byte>.Shared.Rent(w * h);
            var pixels = new PixelBuffer(w, h, PixelFormat.Rgb24);
            try
            {
                reader.ReadPixels(frame, indices);
                Span<byte> rgb = pixels.Span;
                for (int i = 0, d = 0; i < w * h; i++, d += 3)
                {
                    int index = indices[i];
                    if (index >= frame.ColorCount)
                        index = 0;
                    Interop.Gif.GifColorType c = frame.Colors[index];
                    rgb[d] = c.Red;
                    rgb[d + 1] = c.Green;
                    rgb[d + 2] = c.Blue;
                }
            }
            catch
            {
                pixels.Dispose();
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(indices);
            }
            return new RawImage(pixels, w, h, 1);
        }
    }
}
