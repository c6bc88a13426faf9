namespace Fingerprint.Hashing.Classic;

/// <summary>
/// Perceptual (DCT) hash, the last stage: from OpenCV's 32x32 DCT to the 64 bits.
/// </summary>
/// <remarks>
/// Follows OpenCV's definition exactly: opencv_contrib 4.6 <c>modules/img_hash/src/phash.cpp</c>,
/// <c>PHashImpl::compute</c>:
/// <list type="number">
/// <item><c>cv::resize(input, 32x32, INTER_LINEAR_EXACT)</c> on the colour image, then <c>COLOR_BGR2GRAY</c>
/// (<see cref="LinearExactResize"/>, <see cref="OpenCvGray"/>), then <c>convertTo(CV_32F)</c>.</item>
/// <item><c>cv::dct</c> of the 32x32 float image (<see cref="OpenCvDct32"/>).</item>
/// <item>The top-left 8x8 coefficients (rows and columns 0..7, lowest frequencies) with coefficient (0, 0), the DC
/// term, set to 0; it stays among the 64 values the mean is taken over.</item>
/// <item><c>imgMean = (float)cv::mean(topLeft)[0]</c>: the mean (not the median) of those 64 floats, summed in
/// double (exactly, in practice: the terms are floats), divided by 64 and rounded to float.</item>
/// <item><c>cv::compare(topLeft, imgMean, CMP_GT)</c>: bit = coefficient &gt; mean, in float, strictly.</item>
/// <item>Byte j of the output is row j, its bit k column k (<see cref="ClassicBitOrder.OpenCv"/>).</item>
/// </list>
/// Python imagehash's <c>phash</c> differs (LANCZOS resize, scipy DCT, the median of the 8x8 including DC, other bit
/// order); this is OpenCV's.
/// </remarks>
internal static class PHash
{
    public const int ImageSize = OpenCvDct32.Size;
    public const int GridSize = 8;

    /// <summary>The hash of a 32x32 DCT (row-major, as <see cref="OpenCvDct32.Forward2D"/> leaves it).</summary>
    public static Hash64 FromDct(ReadOnlySpan<float> dct)
    {
        double sum = 0;
        for (int r = 0; r < GridSize; r++)
        {
            for (int c = 0; c < GridSize; c++)
                sum += r == 0 && c == 0 ? 0f : dct[r * ImageSize + c];
        }
        float mean = (float)(sum * (1.0 / 64));

        ulong bits = 0;
        for (int r = 0; r < GridSize; r++)
        {
            for (int c = 0; c < GridSize; c++)
            {
                float v = r == 0 && c == 0 ? 0f : dct[r * ImageSize + c];
                if (v > mean)
                    bits |= 1UL << ClassicBitOrder.OpenCv(r, c);
            }
        }
        return new Hash64(bits);
    }
}
