namespace Fingerprint.Hashing.Classic;

/// <summary>
/// Difference hash, the last stage: from a 9x8 grey image to the 64 bits.
/// </summary>
/// <remarks>
/// OpenCV has no dHash. This follows the definition of Python imagehash 4.3 <c>dhash</c>
/// (<c>imagehash/__init__.py</c>, after Neal Krawetz, "Kind of Like That", hackerfactor.com, 2013):
/// <list type="number">
/// <item>A grey image 9 wide and 8 high.</item>
/// <item>Bit (row r, column c), c = 0..7, is <c>pixel[r][c + 1] &gt; pixel[r][c]</c>
/// (<c>pixels[:, 1:] &gt; pixels[:, :-1]</c>): set when the right neighbour is strictly brighter, so equal
/// neighbours (a flat image) give 0.</item>
/// <item>Bits row-major, the first one most significant: our hex equals imagehash's <c>str()</c>
/// (<see cref="ClassicBitOrder.ImageHash"/>).</item>
/// </list>
/// The 9x8 grey image is made as OpenCV makes aHash's 8x8 one, so the three classic hashes share one front end:
/// <c>cv::resize(..., 9x8, INTER_LINEAR_EXACT)</c> on the colour image, then <c>COLOR_BGR2GRAY</c>
/// (<see cref="LinearExactResize"/>, <see cref="OpenCvGray"/>). imagehash instead converts to grey first with PIL's
/// <c>convert('L')</c> (weights 19595/38470/7471 over 2^16) and then resizes with PIL's LANCZOS (ANTIALIAS) filter,
/// which averages every source pixel under a kernel as wide as the reduction. The consequence: for reductions larger
/// than 2x, INTER_LINEAR_EXACT reads only the 2x2 source pixels around each of the 72 sample points and ignores the
/// rest, so this dHash is a point sample of the image. It is more sensitive to noise, fine texture, JPEG artefacts and
/// one-pixel shifts than imagehash's, and the same image generally hashes differently in the two libraries
/// (values cannot be mixed; measure robustness with the same library on both sides). Goldens come from OpenCV's
/// resize and grey conversion plus the comparison above (<c>make_goldens.py</c>).
/// </remarks>
internal static class DHash
{
    public const int Width = 9;
    public const int Height = 8;

    /// <summary>The hash of a 9x8 grey image (row-major, 9 bytes per row).</summary>
    public static Hash64 FromGray(ReadOnlySpan<byte> gray)
    {
        gray = gray.Slice(0, Width * Height);
        ulong bits = 0;
        for (int r = 0; r < Height; r++)
        {
            ReadOnlySpan<byte> row = gray.Slice(r * Width, Width);
            for (int c = 0; c < Width - 1; c++)
            {
                if (row[c + 1] > row[c])
                    bits |= 1UL << ClassicBitOrder.ImageHash(r, c);
            }
        }
        return new Hash64(bits);
    }
}
