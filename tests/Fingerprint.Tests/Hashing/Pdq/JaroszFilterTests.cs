using Fingerprint.Hashing.Pdq;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Pdq;

public class JaroszFilterTests
{
    /// <summary>Luma rows served from a plane, so the streaming downsampler can be fed any floats.</summary>
    private sealed class PlaneSource(float[] plane, int cols) : ILumaRowSource
    {
        public void FillRows(int firstRow, int count, Span<float> destination, int stride)
        {
            for (int k = 0; k < count; k++)
                plane.AsSpan((firstRow + k) * cols, cols).CopyTo(destination.Slice(k * stride, cols));
        }
    }

    [Theory]
    [InlineData(1600, 13)]
    [InlineData(1004, 8)]
    [InlineData(512, 4)]
    [InlineData(128, 1)]
    [InlineData(129, 2)]
    [InlineData(1, 1)]
    [InlineData(4032, 32)]
    public void WindowSize_IsCeilingOfOneOver128(int dimension, int expected) =>
        Assert.Equal(expected, JaroszFilter.WindowSize(dimension));   // SPEC.md §1.2 examples

    public static TheoryData<int, int, int> Sizes() => new()
    {
        { 1, 1, 1 }, { 1, 7, 2 }, { 7, 1, 3 }, { 5, 5, 4 }, { 17, 23, 5 }, { 23, 17, 6 }, { 64, 64, 7 }, { 63, 65, 8 },
        { 65, 63, 9 }, { 128, 129, 10 }, { 129, 128, 11 }, { 200, 300, 12 }, { 257, 129, 13 }, { 16, 16, 14 },
        { 33, 31, 15 }, { 5, 3001, 16 }, { 3001, 5, 17 }, { 700, 37, 18 }, { 37, 2049, 19 }, { 1004, 1600, 20 },
        { 480, 640, 21 }, { 2100, 70, 22 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Downsample_EqualsReferencePlanePassesThenDecimation(int rows, int cols, int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        var plane = new float[rows * cols];
        for (int i = 0; i < plane.Length; i++)
            plane[i] = seed % 2 == 0 ? rng.NextInt(256) * (float)0.587 + rng.NextInt(256) * (float)0.299 : (float)(rng.NextDouble() * 255);
        var expected = new float[64 * 64];
        float[] buffer1 = (float[])plane.Clone();
        JaroszFilter.FilterScalar(buffer1, new float[plane.Length], rows, cols, JaroszFilter.WindowSize(cols), JaroszFilter.WindowSize(rows));
        Decimate.Apply(buffer1, rows, cols, expected);

        var filter = new JaroszFilter();
        var actual = new float[64 * 64];
        var source = new PlaneSource(plane, cols);
        filter.Downsample(ref source, rows, cols, actual);
        PdqIntermediatesTests.AssertFloatsEqual(expected, actual, $"{rows}x{cols}");

        // The same instance again (reused, possibly larger, scratch) gives the same result.
        Array.Clear(actual);
        filter.Downsample(ref source, rows, cols, actual);
        PdqIntermediatesTests.AssertFloatsEqual(expected, actual, $"{rows}x{cols} again");
    }

    [Fact]
    public void Downsample_EmptyImage_Throws()
    {
        var source = new PlaneSource([], 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new JaroszFilter().Downsample(ref source, 0, 5, new float[4096]));
    }
}
