using Fingerprint.Hashing;
using Fingerprint.Hashing.Classic;
using Fingerprint.Imaging;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Hashing.Classic;

public class ClassicHasherTests
{
    private static readonly ClassicHashAlgorithm[] s_algorithms =
        [ClassicHashAlgorithm.AHash, ClassicHashAlgorithm.DHash, ClassicHashAlgorithm.PHash];

    public static TheoryData<int> Seeds() => new() { 1, 2, 3, 17, 2024, 99991 };

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(1, 1, 255)]
    [InlineData(3, 2, 77)]
    [InlineData(8, 8, 128)]
    [InlineData(9, 8, 5)]
    [InlineData(32, 32, 200)]
    [InlineData(100, 37, 13)]
    [InlineData(1600, 3, 254)]
    public void AllAlgorithms_FlatImage_HashToZero(int width, int height, int value)
    {
        // Every comparison is strict (aHash: grey > mean; dHash: right > left; pHash: coefficient > mean, with every
        // AC coefficient of a flat image exactly 0 in OpenCV's DCT), so a flat image hashes to 0 in every format.
        var hasher = new ClassicHasher();
        foreach (PixelFormat format in Enum.GetValues<PixelFormat>())
        {
            int bpp = format.BytesPerPixel();
            byte[] data = new byte[width * height * bpp];
            data.AsSpan().Fill((byte)value);
            var view = new ImageView(data, width, height, format);
            foreach (ClassicHashAlgorithm algorithm in s_algorithms)
                Assert.Equal(default, hasher.Compute(algorithm, view));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Hashes_RepeatedInterleavedAndOnAnotherInstance_AreIdentical(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        ClassicTestImage a = ClassicTestImage.Random(rng, rng.NextInt(1, 200), rng.NextInt(1, 200), 3);
        ClassicTestImage b = ClassicTestImage.Random(rng, rng.NextInt(1, 200), rng.NextInt(1, 200), 3);
        var viewA = new ImageView(a.Pixels, a.Width, a.Height, PixelFormat.Rgb24);
        var viewB = new ImageView(b.Pixels, b.Width, b.Height, PixelFormat.Rgb24);

        var hasher = new ClassicHasher();
        Hash64[] first = HashAll(hasher, viewA);
        // Reuse the scratch on another image and in another order, then come back.
        Hash64[] otherImage = [hasher.PerceptualHash(viewB), hasher.DifferenceHash(viewB), hasher.AverageHash(viewB)];
        Hash64[] again = [default, default, default];
        again[2] = hasher.PerceptualHash(viewA);
        again[0] = hasher.AverageHash(viewA);
        again[1] = hasher.DifferenceHash(viewA);
        Hash64[] other = HashAll(new ClassicHasher(), viewA);

        Assert.Equal(first, again);
        Assert.Equal(first, other);
        Assert.Equal(HashAll(new ClassicHasher(), viewB), otherImage.Reverse());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Hashes_EveryFormatStrideAndCrop_Agree(int seed)
    {
        // Colour formats differ only in channel order and alpha, which is ignored; stride padding and crops of a larger
        // buffer must not change anything.
        var rng = new SplitMix64((ulong)seed);
        ClassicTestImage image = ClassicTestImage.Random(rng, rng.NextInt(1, 300), rng.NextInt(1, 300), 3);
        var hasher = new ClassicHasher();
        Hash64[] expected = HashAll(hasher, new ImageView(image.Pixels, image.Width, image.Height, PixelFormat.Rgb24));

        foreach (PixelFormat format in new[] { PixelFormat.Rgb24, PixelFormat.Rgba32, PixelFormat.Bgra32 })
        {
            foreach (int padding in new[] { 0, 1, 13 })
            {
                byte[] data = image.Layout(format, padding, rng, out int stride);
                var view = new ImageView(data, image.Width, image.Height, stride, format);
                Assert.Equal(expected, HashAll(hasher, view));
            }
        }

        // The same pixels as a crop of a bigger image with a noisy border.
        int left = rng.NextInt(0, 9), top = rng.NextInt(0, 9);
        int bigWidth = image.Width + left + rng.NextInt(0, 9), bigHeight = image.Height + top + rng.NextInt(0, 9);
        byte[] big = new byte[bigWidth * bigHeight * 4];
        rng.NextBytes(big);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int src = (y * image.Width + x) * 3, dst = ((y + top) * bigWidth + x + left) * 4;
                big[dst] = image.Pixels[src + 2];
                big[dst + 1] = image.Pixels[src + 1];
                big[dst + 2] = image.Pixels[src];
            }
        }
        ImageView crop = new ImageView(big, bigWidth, bigHeight, PixelFormat.Bgra32).Crop(left, top, image.Width, image.Height);
        Assert.Equal(expected, HashAll(hasher, crop));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Hashes_GreyImage_Gray8EqualsColourWithEqualChannels(int seed)
    {
        // OpenCV hashes a one-channel image without cvtColor; on a grey colour image the 15-bit weights sum to 2^15,
        // so the grey conversion returns the channel value and both routes agree exactly.
        var rng = new SplitMix64((ulong)seed);
        ClassicTestImage image = ClassicTestImage.Random(rng, rng.NextInt(1, 300), rng.NextInt(1, 300), 1);
        var hasher = new ClassicHasher();
        Hash64[] expected = HashAll(hasher, new ImageView(image.Pixels, image.Width, image.Height, PixelFormat.Gray8));
        foreach (PixelFormat format in Enum.GetValues<PixelFormat>())
        {
            byte[] data = image.Layout(format, 5, rng, out int stride);
            Assert.Equal(expected, HashAll(hasher, new ImageView(data, image.Width, image.Height, stride, format)));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    public void Hashes_ImageWithoutPixels_ThrowArgumentException(int width, int height)
    {
        var hasher = new ClassicHasher();
        byte[] data = new byte[16];
        foreach (PixelFormat format in Enum.GetValues<PixelFormat>())
        {
            foreach (ClassicHashAlgorithm algorithm in s_algorithms)
            {
                ArgumentException ex = Assert.Throws<ArgumentException>(
                    () => hasher.Compute(algorithm, new ImageView(data, width, height, format)));
                Assert.Contains($"no pixels ({width}x{height})", ex.Message, StringComparison.Ordinal);
                Assert.Equal("image", ex.ParamName);
            }
        }
        Assert.Throws<ArgumentException>(() => hasher.AverageHash(default));
    }

    [Fact]
    public void Compute_UnknownAlgorithm_ThrowsArgumentOutOfRange()
    {
        byte[] data = new byte[3];
        var hasher = new ClassicHasher();
        Assert.Throws<ArgumentOutOfRangeException>(
            () => hasher.Compute((ClassicHashAlgorithm)3, new ImageView(data, 1, 1, PixelFormat.Rgb24)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_EqualsTheNamedMethods(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        ClassicTestImage image = ClassicTestImage.Random(rng, rng.NextInt(1, 120), rng.NextInt(1, 120), 3);
        var view = new ImageView(image.Pixels, image.Width, image.Height, PixelFormat.Rgb24);
        var hasher = new ClassicHasher();
        Assert.Equal(hasher.AverageHash(view), hasher.Compute(ClassicHashAlgorithm.AHash, view));
        Assert.Equal(hasher.DifferenceHash(view), hasher.Compute(ClassicHashAlgorithm.DHash, view));
        Assert.Equal(hasher.PerceptualHash(view), hasher.Compute(ClassicHashAlgorithm.PHash, view));
    }

    [Fact]
    public void SmallImages_AreUpsampledBilinearly_AsOpenCvDoes()
    {
        // A 2x1 grey image, dark then bright, upsampled to 8x8: every row is 0, 0, 32, 96, 159, 223, 255, 255
        // (LinearExactResizeTests), the mean 1020 / 8 = 127.5 rounds to 128, so columns 4..7 are set in every row:
        // OpenCV byte 0xf0 per row. A 1x1 image is flat: 0.
        var hasher = new ClassicHasher();
        Assert.Equal("f0f0f0f0f0f0f0f0", hasher.AverageHash(new ImageView(new byte[] { 0, 255 }, 2, 1, PixelFormat.Gray8)).ToString());
        foreach (ClassicHashAlgorithm algorithm in s_algorithms)
            Assert.Equal(default, hasher.Compute(algorithm, new ImageView(new byte[] { 9, 200, 31 }, 1, 1, PixelFormat.Rgb24)));
    }

    [Fact]
    public void Hashes_AfterWarmUp_AllocateNothing()
    {
        var rng = new SplitMix64(42);
        ClassicTestImage image = ClassicTestImage.Random(rng, 333, 211, 3);
        byte[] data = image.Layout(PixelFormat.Bgra32, 4, rng, out int stride);
        var hasher = new ClassicHasher();
        ulong sink = HashOnce(hasher, data, image.Width, image.Height, stride);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
            sink ^= HashOnce(hasher, data, image.Width, image.Height, stride);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0UL, sink | 1); // keep the results alive
    }

    [Theory]
    // Measured on these inputs (hash of the image vs hash of its 2x box-filtered copy): aHash 0, 0, 0, 0, 1;
    // dHash 1, 0, 0, 1, 2; pHash 0, 0, 0, 2, 1. Bound N = 2 bits for every algorithm. The same measurement on
    // textured images is far worse (im-rose 7/9/0, im-granite 12/17/15, noise 27/27/15): OpenCV's INTER_LINEAR_EXACT
    // reads only the 2x2 pixels around each sample point, so on texture these hashes are point samples (see DHash.cs).
    [InlineData("shapes-rgb-250x170.ppm.gz")]
    [InlineData("blocks-rgb-512x384.ppm.gz")]
    [InlineData("gradient-rgb-1600x1004.ppm.gz")]
    [InlineData("im-logo.ppm.gz")]
    [InlineData("im-wizard.ppm.gz")]
    public void Hashes_HalfSizeCopy_StayWithinTwoBits(string file)
    {
        const int MaxBits = 2;
        ClassicTestImage image = ClassicTestImage.Load(file);
        ClassicTestImage half = HalfSize(image);
        var hasher = new ClassicHasher();
        Hash64[] full = HashAll(hasher, new ImageView(image.Pixels, image.Width, image.Height, PixelFormat.Rgb24));
        Hash64[] small = HashAll(hasher, new ImageView(half.Pixels, half.Width, half.Height, PixelFormat.Rgb24));
        for (int i = 0; i < s_algorithms.Length; i++)
        {
            int distance = full[i].DistanceTo(small[i]);
            Assert.True(distance <= MaxBits, $"{s_algorithms[i]} of {file}: {distance} bits between full and half size");
        }
    }

    private static ulong HashOnce(ClassicHasher hasher, byte[] data, int width, int height, int stride)
    {
        var view = new ImageView(data, width, height, stride, PixelFormat.Bgra32);
        return hasher.AverageHash(view).Value ^ hasher.DifferenceHash(view).Value ^ hasher.PerceptualHash(view).Value;
    }

    private static Hash64[] HashAll(ClassicHasher hasher, ImageView view) =>
        [hasher.AverageHash(view), hasher.DifferenceHash(view), hasher.PerceptualHash(view)];

    /// <summary>2x box filter with round-half-up averages: (a + b + c + d + 2) / 4, odd last row or column dropped.</summary>
    private static ClassicTestImage HalfSize(ClassicTestImage image)
    {
        int w = image.Width / 2, h = image.Height / 2, c = image.Channels, sw = image.Width;
        byte[] pixels = new byte[w * h * c];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int k = 0; k < c; k++)
                {
                    int sum = image.Pixels[((2 * y) * sw + 2 * x) * c + k] + image.Pixels[((2 * y) * sw + 2 * x + 1) * c + k]
                        + image.Pixels[((2 * y + 1) * sw + 2 * x) * c + k] + image.Pixels[((2 * y + 1) * sw + 2 * x + 1) * c + k];
                    pixels[(y * w + x) * c + k] = (byte)((sum + 2) >> 2);
                }
            }
        }
        return ClassicTestImage.FromPixels(image.Name + " / 2", w, h, c, pixels);
    }
}
