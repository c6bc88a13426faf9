using Fingerprint.Hashing.Pdq;

namespace Fingerprint.Tests.Hashing.Pdq;

public class DecimateTests
{
    [Theory]
    [InlineData(0, 1004, 7)]       // (0.5 * 1004) / 64 = 7.84
    [InlineData(63, 1004, 996)]    // (63.5 * 1004) / 64 = 996.16
    [InlineData(0, 1600, 12)]      // 12.5
    [InlineData(31, 1600, 787)]    // 787.5
    [InlineData(0, 17, 0)]         // upsampling: 0.13
    [InlineData(4, 17, 1)]         // 1.20
    [InlineData(63, 17, 16)]       // 16.87
    [InlineData(10, 64, 10)]       // 10.5: identity at 64
    [InlineData(63, 5, 4)]         // 4.96
    public void SourceIndex_IsCellCentreTruncated(int outIndex, int inLength, int expected) =>
        Assert.Equal(expected, Decimate.SourceIndex(outIndex, inLength));

    [Fact]
    public void Apply_PicksCellCentres()
    {
        int rows = 130, cols = 70;
        var input = new float[rows * cols];
        for (int i = 0; i < input.Length; i++)
            input[i] = i;
        var output = new float[64 * 64];
        Decimate.Apply(input, rows, cols, output);
        // out[1][2]: row (1.5 * 130) / 64 = 3.05 -> 3, column (2.5 * 70) / 64 = 2.73 -> 2.
        Assert.Equal(3 * cols + 2, output[1 * 64 + 2]);
        // out[63][63]: row 63.5 * 130 / 64 = 128.98 -> 128, column 63.5 * 70 / 64 = 69.45 -> 69.
        Assert.Equal(128 * cols + 69, output[63 * 64 + 63]);
    }
}
