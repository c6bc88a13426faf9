using Fingerprint.Imaging;
using Fingerprint.Internal;

namespace Fingerprint.Hashing.Classic;

/// <summary>
/// The classic 64-bit image hashes (aHash, dHash, pHash), so that researchers can compare them like for like with PDQ.
/// aHash and pHash equal OpenCV 4.6's <c>img_hash</c> module bit for bit; dHash follows Python imagehash's definition
/// on the same OpenCV front end. Each method's remarks give the exact definition and the reference it follows.
/// </summary>
/// <remarks>
/// <para>
/// Pixels: any <see cref="ImageView"/> (<see cref="PixelFormat.Gray8"/>, <see cref="PixelFormat.Rgb24"/>,
/// <see cref="PixelFormat.Rgba32"/>, <see cref="PixelFormat.Bgra32"/>, any stride). Colour views hash as OpenCV hashes
/// the same pixels in its BGR order (what <c>cv2.imread</c> returns for the file); alpha is ignored, as OpenCV's
/// <c>COLOR_BGRA2GRAY</c> ignores it. A grey image gives the same hashes as Gray8 or as Rgb24 with R = G = B.
/// </para>
/// <para>
/// Text form: aHash and pHash print as OpenCV's 8 output bytes in order (<c>hash.tobytes().hex()</c>), dHash as
/// imagehash's <c>str()</c>. Hamming distances do not depend on the bit order.
/// </para>
/// <para>
/// Sizes: the image is resampled to the hash's grid (8x8, 9x8, 32x32) with OpenCV's INTER_LINEAR_EXACT, which reads
/// only the source pixels next to each sample point, so the cost does not grow with the image. Images smaller than the
/// grid (down to 1x1) are upsampled by the same bilinear rule, as OpenCV does (a 1x1 image is flat and hashes to 0).
/// An image with no pixels (width or height 0) is an <see cref="ArgumentException"/>, as it is an error in OpenCV.
/// </para>
/// <para>
/// Threads: an instance owns its scratch buffers and allocates nothing after construction. It is not thread-safe:
/// use one per worker.
/// </para>
/// </remarks>
public sealed class ClassicHasher
{
    private const int MaxGrid = PHash.ImageSize;

    // Byte offsets of blue, green and red within a pixel (OpenCV's BGR plane order), or of the one grey byte.
    private static readonly int[] s_grayChannel = [0];
    private static readonly int[] s_rgbChannels = [2, 1, 0];
    private static readonly int[] s_bgrChannels = [0, 1, 2];

    private readonly byte[] _planes = new byte[3 * MaxGrid * MaxGrid];
    private readonly byte[] _gray = new byte[MaxGrid * MaxGrid];
    private readonly float[] _dct = new float[MaxGrid * MaxGrid];
    private readonly float[] _dctScratch = new float[OpenCvDct32.ScratchLength];
    private readonly int[] _resizeScratch = new int[LinearExactResize.ScratchLength(MaxGrid, MaxGrid, LinearExactResize.MaxChannels)];

    /// <summary>
    /// aHash as OpenCV's <c>cv::img_hash::AverageHash</c> computes it: resize to 8x8 (INTER_LINEAR_EXACT), grey
    /// (COLOR_BGR2GRAY), bit = grey &gt; the mean rounded to an integer (half to even).
    /// </summary>
    /// <exception cref="ArgumentException">The image has no pixels.</exception>
    public Hash64 AverageHash(ImageView image)
    {
        ReadOnlySpan<byte> gray = ResizeToGray(image, AHash.GridSize, AHash.GridSize);
        return AHash.FromGray(gray);
    }

    /// <summary>
    /// dHash as Python imagehash's <c>dhash</c> defines it, on OpenCV's grey 9x8 (INTER_LINEAR_EXACT, COLOR_BGR2GRAY;
    /// imagehash resizes with LANCZOS instead, so values differ from imagehash's): bit = right neighbour &gt; left.
    /// </summary>
    /// <exception cref="ArgumentException">The image has no pixels.</exception>
    public Hash64 DifferenceHash(ImageView image)
    {
        ReadOnlySpan<byte> gray = ResizeToGray(image, DHash.Width, DHash.Height);
        return DHash.FromGray(gray);
    }

    /// <summary>
    /// pHash as OpenCV's <c>cv::img_hash::PHash</c> computes it: resize to 32x32 (INTER_LINEAR_EXACT), grey, float
    /// DCT, top-left 8x8 with the DC term zeroed, bit = coefficient &gt; the mean of those 64 values.
    /// </summary>
    /// <exception cref="ArgumentException">The image has no pixels.</exception>
    public Hash64 PerceptualHash(ImageView image)
    {
        ReadOnlySpan<byte> gray = ResizeToGray(image, PHash.ImageSize, PHash.ImageSize);
        Span<float> block = _dct;
        for (int i = 0; i < block.Length; i++)
            block[i] = gray[i];
        OpenCvDct32.Forward2D(block, _dctScratch);
        return PHash.FromDct(block);
    }

    /// <summary>The hash <paramref name="algorithm"/> names.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException">The image has no pixels.</exception>
    public Hash64 Compute(ClassicHashAlgorithm algorithm, ImageView image) => algorithm switch
    {
        ClassicHashAlgorithm.AHash => AverageHash(image),
        ClassicHashAlgorithm.DHash => DifferenceHash(image),
        ClassicHashAlgorithm.PHash => PerceptualHash(image),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown classic hash algorithm."),
    };

    /// <summary>OpenCV's front end: resize the colour channels to width x height, then convert to grey.</summary>
    private ReadOnlySpan<byte> ResizeToGray(ImageView image, int width, int height)
    {
        if (image.Width == 0 || image.Height == 0)
        {
            ThrowHelper.ThrowArgument(nameof(image),
                $"The image has no pixels ({image.Width}x{image.Height}); a classic hash needs at least 1x1.");
        }

        int count = width * height;
        Span<byte> gray = _gray.AsSpan(0, count);
        int[] channels = image.Format switch
        {
            PixelFormat.Gray8 => s_grayChannel,
            PixelFormat.Rgb24 or PixelFormat.Rgba32 => s_rgbChannels,
            PixelFormat.Bgra32 => s_bgrChannels,
            _ => throw new ArgumentOutOfRangeException(nameof(image), image.Format, "Unknown pixel format."),
        };
        if (channels.Length == 1)
        {
            LinearExactResize.Resize(image, channels, gray, width, height, _resizeScratch);
            return gray;
        }

        Span<byte> planes = _planes.AsSpan(0, 3 * count);
        LinearExactResize.Resize(image, channels, planes, width, height, _resizeScratch);
        OpenCvGray.Convert(planes.Slice(0, count), planes.Slice(count, count), planes.Slice(2 * count, count), gray);
        return gray;
    }
}
