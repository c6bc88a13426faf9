namespace Fingerprint.Hashing.Classic;

/// <summary>
/// Average hash, the last stage: from OpenCV's 8x8 grey image to the 64 bits.
/// </summary>
/// <remarks>
/// Follows OpenCV's definition exactly: opencv_contrib 4.6 <c>modules/img_hash/src/average_hash.cpp</c>,
/// <c>AverageHashImpl::compute</c>:
/// <list type="number">
/// <item><c>cv::resize(input, 8x8, INTER_LINEAR_EXACT)</c> on the colour image (<see cref="LinearExactResize"/>), then
/// <c>cvtColor(COLOR_BGR2GRAY)</c> (<c>COLOR_BGRA2GRAY</c> for four channels, nothing for one; <see cref="OpenCvGray"/>).
/// Resize first, grey second: the order matters for the rounding.</item>
/// <item><c>imgMean = (uchar)cvRound(cv::mean(gray)[0])</c>: the sum of the 64 grey values / 64, rounded half to
/// even (cvRound is the SSE2 conversion under the default rounding mode).</item>
/// <item><c>cv::compare(gray, imgMean, CMP_GT)</c>: bit = grey &gt; rounded mean, strictly, so a flat image
/// hashes to 0.</item>
/// <item>Byte j of the output is row j, its bit k column k (<see cref="ClassicBitOrder.OpenCv"/>).</item>
/// </list>
/// Python imagehash's <c>average_hash</c> differs (grey first, LANCZOS resize, unrounded mean, other bit order); this
/// is OpenCV's.
/// </remarks>
internal static class AHash
{
    public const int GridSize = 8;

    /// <summary>The hash of an 8x8 grey image (row-major).</summary>
    public static Hash64 FromGray(ReadOnlySpan<byte> gray)
    {
        gray = gray.Slice(0, GridSize * GridSize);
        int sum = 0;
        foreach (byte v in gray)
            sum += v;
        int mean = (int)Math.Round(sum / 64.0, MidpointRounding.ToEven);

        ulong bits = 0;
        for (int r = 0; r < GridSize; r++)
        {
            for (int c = 0; c < GridSize; c++)
            {
                if (gray[r * GridSize + c] > mean)
                    bits |= 1UL << ClassicBitOrder.OpenCv(r, c);
            }
        }
        return new Hash64(bits);
    }
}
