namespace Fingerprint.Hashing.Classic;

/// <summary>
/// Where each cell of an 8x8 bit grid lands in a <see cref="Hash64"/> (whose text is the 64-bit number in hex, most
/// significant digit first), chosen so that our text equals the text each reference prints.
/// </summary>
internal static class ClassicBitOrder
{
    /// <summary>
    /// OpenCV img_hash (aHash, pHash): the hash is 8 bytes; byte i is grid row i and bit k of it (value 2^k) is column
    /// k. Byte 0 is the most significant byte of our number, so our hex equals OpenCV's bytes printed in order
    /// (Python: <c>hash.tobytes().hex()</c>). Row r, column c is bit <c>8 * (7 - r) + c</c>.
    /// </summary>
    public static int OpenCv(int row, int column) => 8 * (7 - row) + column;

    /// <summary>
    /// Python imagehash (dHash): the grid is flattened row-major and read as a binary number, first cell most
    /// significant, so our hex equals <c>str(imagehash.dhash(...))</c>. Row r, column c is bit <c>63 - (8 * r + c)</c>.
    /// </summary>
    public static int ImageHash(int row, int column) => 63 - (8 * row + column);
}
