using Fingerprint.Hashing.Classic;

namespace Fingerprint.Tests.Hashing.Classic;

/// <summary>
/// The last stage of each hash on hand-made grids, with expected text derived by hand from each reference's
/// definition (and, for aHash, printed by python3-opencv 4.6 for the same 8x8 input).
/// </summary>
public class ClassicBitOrderTests
{
    [Fact]
    public void AHash_OneBrightCell_SetsThatCellsBitInOpenCvByteOrder()
    {
        // Row 2, column 3: OpenCV's byte 2 = 1 << 3 = 0x08. cv2 prints 0000080000000000.
        byte[] gray = new byte[64];
        gray[2 * 8 + 3] = 255;
        Assert.Equal("0000080000000000", AHash.FromGray(gray).ToString());
    }

    [Theory]
    // Half the cells at k, half at k + 1: the mean k + 0.5 rounds half to even (cvRound). cv2 prints the same.
    [InlineData(10, "00000000ffffffff")] // 10.5 -> 10: the cells at 11 are above it
    [InlineData(11, "0000000000000000")] // 11.5 -> 12: no cell above it
    public void AHash_MeanRoundsHalfToEven(int low, string expected)
    {
        byte[] gray = new byte[64];
        for (int i = 0; i < 64; i++)
            gray[i] = (byte)(i < 32 ? low : low + 1);
        Assert.Equal(expected, AHash.FromGray(gray).ToString());
    }

    [Fact]
    public void AHash_EveryCellMapsToItsDocumentedBit()
    {
        for (int r = 0; r < 8; r++)
        {
            for (int c = 0; c < 8; c++)
            {
                byte[] gray = new byte[64];
                gray[r * 8 + c] = 200;
                ulong value = AHash.FromGray(gray).Value;
                Assert.Equal(1UL << (8 * (7 - r) + c), value);
            }
        }
    }

    [Fact]
    public void DHash_RightBrighterThanLeft_SetsTheImageHashBit()
    {
        // Row 1, pixel 5 > pixel 4: cell (1, 4), flattened index 12, the 13th bit from the most significant end:
        // imagehash prints 0008000000000000. Equal neighbours and darker right neighbours give 0.
        byte[] gray = new byte[72];
        for (int i = 0; i < 72; i++)
            gray[i] = 100;
        gray[1 * 9 + 5] = 101;
        gray[3 * 9 + 0] = 120; // (3, 0): right is darker -> 0
        Assert.Equal("0008000000000000", DHash.FromGray(gray).ToString());
    }

    [Fact]
    public void DHash_IncreasingRows_SetEveryBit()
    {
        byte[] gray = new byte[72];
        for (int r = 0; r < 8; r++)
        {
            for (int c = 0; c < 9; c++)
                gray[r * 9 + c] = (byte)(c * 10 + r);
        }
        Assert.Equal("ffffffffffffffff", DHash.FromGray(gray).ToString());
    }

    [Fact]
    public void PHash_OneLowFrequencyCoefficient_SetsItsBit()
    {
        // Coefficient (0, 1) = 10, the rest 0: mean 10 / 64; only (0, 1) is above it: OpenCV byte 0 = 0x02.
        float[] dct = new float[32 * 32];
        dct[1] = 10f;
        Assert.Equal("0200000000000000", PHash.FromDct(dct).ToString());
    }

    [Fact]
    public void PHash_DcTermIsZeroedButCountedInTheMean()
    {
        // DC alone: zeroed, everything equals the mean 0, nothing is above it.
        float[] dct = new float[32 * 32];
        dct[0] = 1000f;
        Assert.Equal("0000000000000000", PHash.FromDct(dct).ToString());

        // All 63 AC coefficients of the 8x8 at 1: the mean is 63 / 64 (DC counts as a 0), so all 63 are above it.
        Array.Clear(dct);
        for (int r = 0; r < 8; r++)
        {
            for (int c = 0; c < 8; c++)
                dct[r * 32 + c] = r == 0 && c == 0 ? 5000f : 1f;
        }
        Assert.Equal(0xfeffffffffffffffUL, PHash.FromDct(dct).Value);
    }

    [Fact]
    public void PHash_CoefficientsOutsideTheTopLeft8x8_AreIgnored()
    {
        float[] dct = new float[32 * 32];
        dct[8] = 100f;        // (0, 8)
        dct[8 * 32] = 100f;   // (8, 0)
        dct[31 * 32 + 31] = -100f;
        Assert.Equal("0000000000000000", PHash.FromDct(dct).ToString());
    }
}
