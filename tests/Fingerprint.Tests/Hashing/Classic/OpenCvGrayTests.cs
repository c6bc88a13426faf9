using Fingerprint.Hashing.Classic;

namespace Fingerprint.Tests.Hashing.Classic;

public class OpenCvGrayTests
{
    [Theory]
    // Values printed by python3-opencv 4.6: cv2.cvtColor(np.array([[[b, g, r]]], np.uint8), cv2.COLOR_BGR2GRAY).
    [InlineData(0, 0, 255, 76)]
    [InlineData(0, 255, 0, 150)]
    [InlineData(255, 0, 0, 29)]
    [InlineData(69, 147, 155, 141)] // 140 with the older 14-bit weights (1868, 9617, 4899): the 15-bit ones are used
    public void FromBgr_MatchesOpenCv(int blue, int green, int red, int expected) =>
        Assert.Equal(expected, OpenCvGray.FromBgr((byte)blue, (byte)green, (byte)red));

    [Fact]
    public void FromBgr_GreyPixel_IsUnchanged()
    {
        for (int v = 0; v < 256; v++)
            Assert.Equal(v, OpenCvGray.FromBgr((byte)v, (byte)v, (byte)v));
    }

    [Fact]
    public void Weights_SumToOneInFixedPoint() =>
        Assert.Equal(1 << OpenCvGray.Shift, OpenCvGray.BlueWeight + OpenCvGray.GreenWeight + OpenCvGray.RedWeight);
}
