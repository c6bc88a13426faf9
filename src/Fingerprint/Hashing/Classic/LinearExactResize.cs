using Fingerprint.Imaging;

namespace Fingerprint.Hashing.Classic;

/// <summary>
/// Stage 1 of the classic hashes: OpenCV's <c>cv::resize(src, dst, size, 0, 0, INTER_LINEAR_EXACT)</c> on 8-bit
/// pixels, bit for bit.
/// </summary>
/// <remarks>
/// Source: OpenCV 4.6 <c>modules/imgproc/src/resize.cpp</c> (<c>cv::resize</c>, <c>hal::resize</c>,
/// <c>resize_bitExact&lt;uchar, interpolationLinear&lt;uchar&gt;&gt;</c>, <c>resizeAreaFast_</c>) and
/// <c>fixedpoint.inl.hpp</c> (<c>ufixedpoint16</c>/<c>ufixedpoint32</c>). What it does, in order:
/// <list type="number">
/// <item>Same size: a copy.</item>
/// <item>Exactly 2x smaller in both directions (source = 2 x destination): <c>hal::resize</c> switches to
/// <c>INTER_AREA</c>, whose fast path averages each 2x2 block as <c>(a + b + c + d + 2) &gt;&gt; 2</c>.</item>
/// <item>Otherwise two-tap linear interpolation in 8.8 fixed point. Per axis, with <c>scale = 1 / (dst / src)</c>
/// in double: <c>f = scale * (d + 0.5) - 0.5</c>, <c>i = floor(f)</c>; the weight of sample <c>i + 1</c> is
/// <c>w = cvRound((f - i) * 256)</c> (half to even) and that of sample <c>i</c> is <c>256 - w</c>. Destination
/// samples with <c>f &lt; 0</c> (or a one-sample source) take the first source sample, those with
/// <c>i &gt;= src - 1</c> the last. Rows are interpolated horizontally to 16-bit values (8 fractional bits);
/// destination rows between two source rows are <c>(l0 * (256 - w) + l1 * w + 32768) &gt;&gt; 16</c>, rows above or
/// below the source take <c>(l + 128) &gt;&gt; 8</c> of the first or last source row.</item>
/// </list>
/// Only the source samples that the two taps touch are read, so the arithmetic depends on the destination size only;
/// on large images the time goes into cache misses on those scattered reads (about 2 x 64 source rows for 32x32),
/// which is why the channels of a pixel are read together. Every channel is resampled independently (OpenCV's
/// multi-channel resize computes each channel with the same formula), so the alpha channel can simply be skipped.
/// No SIMD: per hash there are at most 32 x 32 x 3 two-tap sums; the scalar code is the spec.
/// </remarks>
internal static class LinearExactResize
{
    /// <summary>The most channels <see cref="Resize"/> takes at once.</summary>
    public const int MaxChannels = 3;

    /// <summary>Ints of scratch <see cref="Resize"/> needs for a destination of the given size and channel count.</summary>
    public static int ScratchLength(int dstWidth, int dstHeight, int channels) =>
        2 * dstWidth + 2 * dstWidth * channels + 2 * dstHeight;

    /// <summary>
    /// Resizes the channels at byte offsets <paramref name="channels"/> within each pixel of <paramref name="src"/> to
    /// <paramref name="dstWidth"/> x <paramref name="dstHeight"/>. Channel k goes to plane k of <paramref name="dst"/>
    /// (planes of dstWidth x dstHeight bytes, row-major, one after the other). The channels of a pixel are read
    /// together, so each source cache line is visited once whatever the channel count.
    /// </summary>
    public static void Resize(ImageView src, ReadOnlySpan<int> channels, Span<byte> dst, int dstWidth, int dstHeight, Span<int> scratch)
    {
        int planeLength = dstWidth * dstHeight;
        int channelCount = channels.Length;
        if (channelCount is < 1 or > MaxChannels)
            Internal.ThrowHelper.ThrowArgumentOutOfRange(nameof(channels), $"1 to {MaxChannels} channels, not {channelCount}.");
        if (dst.Length < planeLength * channelCount || scratch.Length < ScratchLength(dstWidth, dstHeight, channelCount))
            Internal.ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(dst));

        int srcWidth = src.Width, srcHeight = src.Height;
        if (srcWidth == dstWidth && srcHeight == dstHeight)
        {
            Copy(src, channels, dst, planeLength);
            return;
        }
        if (IsExactHalf(srcWidth, srcHeight, dstWidth, dstHeight))
        {
            AreaHalf(src, channels, dst, dstWidth, dstHeight);
            return;
        }

        int lineLength = dstWidth * channelCount;
        Span<int> xOffsets = scratch.Slice(0, dstWidth);
        Span<int> xWeights = scratch.Slice(dstWidth, dstWidth);
        Span<int> line0 = scratch.Slice(2 * dstWidth, lineLength);
        Span<int> line1 = scratch.Slice(2 * dstWidth + lineLength, lineLength);
        Span<int> yOffsets = scratch.Slice(2 * dstWidth + 2 * lineLength, dstHeight);
        Span<int> yWeights = scratch.Slice(2 * dstWidth + 2 * lineLength + dstHeight, dstHeight);
        ComputeAxis(srcWidth, dstWidth, xOffsets, xWeights, out int xFirst, out int xEnd);
        ComputeAxis(srcHeight, dstHeight, yOffsets, yWeights, out int yFirst, out int yEnd);

        int bpp = src.BytesPerPixel;
        for (int dy = 0; dy < dstHeight; dy++)
        {
            if (dy < yFirst || dy >= yEnd)
            {
                // vlineSet: the first (or last) source row, horizontally interpolated, rounded from 8.8 fixed point.
                int sy = dy < yFirst ? 0 : srcHeight - 1;
                HorizontalLine(src.GetRow(sy), bpp, channels, xOffsets, xWeights, xFirst, xEnd, line0);
                for (int k = 0; k < channelCount; k++)
                {
                    Span<byte> dstRow = dst.Slice(k * planeLength + dy * dstWidth, dstWidth);
                    ReadOnlySpan<int> l0 = line0.Slice(k * dstWidth, dstWidth);
                    for (int x = 0; x < dstRow.Length; x++)
                        dstRow[x] = (byte)((l0[x] + 128) >> 8);
                }
                continue;
            }

            // vlineResize<uint8_t, ufixedpoint16, 2>: two source rows, weights in 8.8, the product in 16.16.
            int y0 = yOffsets[dy];
            int w1 = yWeights[dy];
            int w0 = 256 - w1;
            HorizontalLine(src.GetRow(y0), bpp, channels, xOffsets, xWeights, xFirst, xEnd, line0);
            HorizontalLine(src.GetRow(y0 + 1), bpp, channels, xOffsets, xWeights, xFirst, xEnd, line1);
            for (int k = 0; k < channelCount; k++)
            {
                Span<byte> dstRow = dst.Slice(k * planeLength + dy * dstWidth, dstWidth);
                ReadOnlySpan<int> l0 = line0.Slice(k * dstWidth, dstWidth);
                ReadOnlySpan<int> l1 = line1.Slice(k * dstWidth, dstWidth);
                for (int x = 0; x < dstRow.Length; x++)
                {
                    // At most (255 * 256) * 256 + 32768 < 256 << 16: never above 255, so no saturation is needed.
                    dstRow[x] = (byte)((l0[x] * w0 + l1[x] * w1 + 32768) >> 16);
                }
            }
        }
    }

    /// <summary>
    /// OpenCV's test in <c>hal::resize</c>: <c>scale = 1 / inv_scale</c>, <c>iscale = saturate_cast&lt;int&gt;(scale)</c>,
    /// area-fast when both scales are within DBL_EPSILON of their integers, and INTER_LINEAR_EXACT becomes INTER_AREA
    /// when both are 2 (only when the source is exactly twice the destination, for sizes this small).
    /// </summary>
    internal static bool IsExactHalf(int srcWidth, int srcHeight, int dstWidth, int dstHeight)
    {
        const double DblEpsilon = 2.220446049250313e-16; // DBL_EPSILON; not double.Epsilon (the smallest subnormal)
        double scaleX = 1.0 / ((double)dstWidth / srcWidth);
        double scaleY = 1.0 / ((double)dstHeight / srcHeight);
        double iscaleX = Math.Round(scaleX, MidpointRounding.ToEven);
        double iscaleY = Math.Round(scaleY, MidpointRounding.ToEven);
        return Math.Abs(scaleX - iscaleX) < DblEpsilon && Math.Abs(scaleY - iscaleY) < DblEpsilon
            && iscaleX == 2 && iscaleY == 2;
    }

    /// <summary>
    /// <c>interpolationLinear&lt;uchar&gt;::getCoeffs</c> for every destination sample of one axis.
    /// <paramref name="first"/> is OpenCV's <c>minofst</c> (samples before it take source sample 0) and
    /// <paramref name="end"/> its <c>maxofst</c> (samples from it on take the last source sample).
    /// </summary>
    internal static void ComputeAxis(int srcSize, int dstSize, Span<int> offsets, Span<int> weights1, out int first, out int end)
    {
        // softdouble arithmetic is IEEE double, rounded after every operation, as .NET double is.
        double scale = 1.0 / ((double)dstSize / srcSize);
        first = 0;
        end = dstSize;
        for (int d = 0; d < dstSize; d++)
        {
            double f = scale * (d + 0.5) - 0.5;
            double floor = Math.Floor(f);
            offsets[d] = 0;
            weights1[d] = 0;
            if (floor >= 0 && srcSize > 1)
            {
                if (floor < srcSize - 1)
                {
                    offsets[d] = (int)floor;
                    // ufixedpoint16(softdouble): cvRound(v * 256), round half to even.
                    weights1[d] = (int)Math.Round((f - floor) * 256.0, MidpointRounding.ToEven);
                }
                else
                {
                    offsets[d] = srcSize - 1;
                    end = Math.Min(end, d);
                }
            }
            else
            {
                first = Math.Max(first, d + 1);
            }
        }
    }

    /// <summary>
    /// <c>hlineResizeCn</c>: one source row to 8.8 fixed-point values (at most 255 x 256), channel k at
    /// <c>line[k * width + x]</c>.
    /// </summary>
    private static void HorizontalLine(
        ReadOnlySpan<byte> row, int bpp, ReadOnlySpan<int> channels, ReadOnlySpan<int> offsets, ReadOnlySpan<int> weights1,
        int first, int end, Span<int> line)
    {
        int width = offsets.Length;
        for (int k = 0; k < channels.Length; k++)
        {
            int channel = channels[k];
            Span<int> target = line.Slice(k * width, width);
            int leftmost = row[channel] << 8;
            int x = 0;
            for (; x < first && x < width; x++)
                target[x] = leftmost;
            if (x < end)
                x = end;
            if (x < width)
            {
                int rightmost = row[offsets[width - 1] * bpp + channel] << 8;
                for (; x < width; x++)
                    target[x] = rightmost;
            }
        }

        // The interpolated middle, all channels of a pixel together (one cache line for the two taps).
        for (int x = first; x < end; x++)
        {
            int at = offsets[x] * bpp;
            int w1 = weights1[x];
            int w0 = 256 - w1;
            for (int k = 0; k < channels.Length; k++)
            {
                int i = at + channels[k];
                line[k * width + x] = w0 * row[i] + w1 * row[i + bpp];
            }
        }
    }

    private static void Copy(ImageView src, ReadOnlySpan<int> channels, Span<byte> dst, int planeLength)
    {
        int bpp = src.BytesPerPixel, width = src.Width;
        for (int y = 0; y < src.Height; y++)
        {
            ReadOnlySpan<byte> row = src.GetRow(y);
            for (int k = 0; k < channels.Length; k++)
            {
                int channel = channels[k];
                Span<byte> dstRow = dst.Slice(k * planeLength + y * width, width);
                for (int x = 0; x < width; x++)
                    dstRow[x] = row[x * bpp + channel];
            }
        }
    }

    /// <summary><c>resizeAreaFast_</c> with a 2x2 area on 8-bit data: the rounded mean of each 2x2 block.</summary>
    private static void AreaHalf(ImageView src, ReadOnlySpan<int> channels, Span<byte> dst, int dstWidth, int dstHeight)
    {
        int bpp = src.BytesPerPixel, planeLength = dstWidth * dstHeight;
        for (int dy = 0; dy < dstHeight; dy++)
        {
            ReadOnlySpan<byte> row0 = src.GetRow(2 * dy);
            ReadOnlySpan<byte> row1 = src.GetRow(2 * dy + 1);
            for (int k = 0; k < channels.Length; k++)
            {
                int channel = channels[k];
                Span<byte> dstRow = dst.Slice(k * planeLength + dy * dstWidth, dstWidth);
                for (int dx = 0; dx < dstWidth; dx++)
                {
                    int at = 2 * dx * bpp + channel;
                    int sum = row0[at] + row0[at + bpp] + row1[at] + row1[at + bpp];
                    dstRow[dx] = (byte)((sum + 2) >> 2);
                }
            }
        }
    }
}
