namespace Fingerprint.Hashing.Classic;

/// <summary>
/// Stage 2 of the classic hashes: OpenCV's <c>cv::cvtColor(src, dst, COLOR_BGR2GRAY)</c> (and <c>COLOR_BGRA2GRAY</c>,
/// which ignores alpha) on 8-bit pixels, bit for bit.
/// </summary>
/// <remarks>
/// Source: OpenCV 4.6 <c>modules/imgproc/src/color_rgb.simd.hpp</c>, <c>RGB2Gray&lt;uchar&gt;</c>, which uses 15-bit
/// fixed-point BT.601 weights (0.114, 0.587, 0.299 scaled by 2^15 and rounded so they sum to 32768):
/// <c>Y = (B * 3735 + G * 19235 + R * 9798 + 16384) &gt;&gt; 15</c>. Not the 14-bit <c>CV_DESCALE(..., yuv_shift)</c>
/// weights 1868/9617/4899 of older releases, which differ on 66 of 20000 random pixels. Verified against
/// python3-opencv 4.6 on all 2^24 colours. A grey pixel (B = G = R = v) maps to v exactly.
/// </remarks>
internal static class OpenCvGray
{
    public const int BlueWeight = 3735;
    public const int GreenWeight = 19235;
    public const int RedWeight = 9798;
    public const int Shift = 15;

    public static byte FromBgr(byte blue, byte green, byte red) =>
        (byte)((blue * BlueWeight + green * GreenWeight + red * RedWeight + (1 << (Shift - 1))) >> Shift);

    /// <summary>Converts three planes of equal length to grey.</summary>
    public static void Convert(ReadOnlySpan<byte> blue, ReadOnlySpan<byte> green, ReadOnlySpan<byte> red, Span<byte> gray)
    {
        for (int i = 0; i < gray.Length; i++)
            gray[i] = FromBgr(blue[i], green[i], red[i]);
    }
}
