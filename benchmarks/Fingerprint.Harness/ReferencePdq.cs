using Fingerprint.Hashing;
using Fingerprint.Hashing.Pdq;
using Fingerprint.Imaging;
using Fingerprint.Simd;

namespace Fingerprint.Harness;

/// <summary>
/// PDQ computed the way Meta's C++ reference computes it (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp
/// <c>pdqHash256FromFloatLuma</c>, pdq/cpp/downscaling/downscaling.cpp <c>jaroszFilterFloat</c>/<c>decimateFloat</c>,
/// pdq/cpp/io/pdqio.cpp for <c>cli512</c>; conformance/SPEC.md §1): the peer the throughput benchmarks set our
/// pipelines beside. Whole planes, scalar, no streaming:
/// <list type="number">
/// <item><c>cli512</c> only, when a side exceeds 512: a 512x512 nearest-neighbour copy of the pixels (CImg
/// <c>resize(512, 512)</c>: <c>out(x, y) = in(floor(x W / 512), floor(y H / 512))</c>), as pdq-photo-hasher does;</item>
/// <item>the float luma of the whole image into one W x H plane (<c>fillFloatLumaFromRGB</c>/<c>FromGrey</c>:
/// <see cref="LumaKernels"/>' scalar paths);</item>
/// <item>an exactly 64x64 image is used as is; otherwise the Jarosz filter over two full planes, 2 x (row pass + column
/// pass) of box sums over every pixel (<see cref="JaroszFilter.FilterScalar"/>), then <see cref="Decimate.Apply"/>;</item>
/// <item>quality (<see cref="Quality.Compute"/>), the 64-to-16 DCT as two scalar matrix products
/// (<see cref="DctKernels"/>' scalar paths), Torben's median and the bits (<see cref="Quantize.ToHash(ReadOnlySpan{float})"/>).</item>
/// </list>
/// These are the same scalar stages our tests hold <see cref="PdqHasher"/> to, so the hash is the same bit for bit
/// (<c>ref-pdq</c> checks it on the corpus; tests/Fingerprint.Tests PdqHasherTests <c>Hash_EqualsScalarStagePipeline</c>
/// on seeded images). It is a FAIR stand-in for the C++ binary, which cannot be built here: compiled by the .NET JIT,
/// with its buffers grown once and reused (the reference allocates two planes per image), it runs several times faster
/// than DESIGN.md §8's C++ figures (<c>ref-pdq</c> prints both), so ratios against it understate our speed-up.
/// Not thread-safe: one instance per worker.
/// </summary>
internal sealed class ReferencePdq(PdqPipeline pipeline)
{
    private const int Cli512 = 512;
    private float[] _plane1 = [];
    private float[] _plane2 = [];
    private byte[] _resized = [];
    private readonly float[] _a64 = new float[64 * 64];
    private readonly float[] _t = new float[16 * 64];
    private readonly float[] _b = new float[256];

    public PdqPipeline Pipeline { get; } = pipeline;

    public HashResult Hash(ImageView image)
    {
        if (Pipeline == PdqPipeline.Cli512 && (image.Width > Cli512 || image.Height > Cli512))
            image = ResizeNearest512(image);
        int rows = image.Height, cols = image.Width;
        if (rows < PdqHasher.MinHashableDimension || cols < PdqHasher.MinHashableDimension)
            return new HashResult(Hash256.Zero, 0);

        int n = checked(rows * cols);
        Grow(ref _plane1, n);
        Grow(ref _plane2, n);
        Span<float> plane = _plane1.AsSpan(0, n);
        for (int y = 0; y < rows; y++)
            FillLumaRowScalar(image.Format, image.GetRow(y), plane.Slice(y * cols, cols));

        if (rows == 64 && cols == 64)
        {
            plane.CopyTo(_a64);     // pdqHash256FromFloatLuma: "already downsampled", no filter
        }
        else
        {
            JaroszFilter.FilterScalar(plane, _plane2.AsSpan(0, n), rows, cols, JaroszFilter.WindowSize(cols), JaroszFilter.WindowSize(rows));
            Decimate.Apply(plane, rows, cols, _a64);
        }
        int quality = Quality.Compute(_a64);
        DctKernels.ProjectRowsScalar(Dct64To16.Matrix, _a64, _t);
        DctKernels.ProjectColumnsScalar(_t, Dct64To16.MatrixTransposed, _b);
        return new HashResult(Quantize.ToHash(_b), quality);
    }

    private static void FillLumaRowScalar(PixelFormat format, ReadOnlySpan<byte> row, Span<float> luma)
    {
        switch (format)
        {
            case PixelFormat.Gray8: LumaKernels.FromGray8Scalar(row, luma); break;
            case PixelFormat.Rgb24: LumaKernels.FromRgb24Scalar(row, luma); break;
            case PixelFormat.Rgba32: LumaKernels.FromRgba32Scalar(row, luma); break;
            case PixelFormat.Bgra32: LumaKernels.FromBgra32Scalar(row, luma); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown pixel format");
        }
    }

    /// <summary>CImg 2.2.0 <c>resize(512, 512)</c> with its default nearest-neighbour interpolation, in the pixel domain.</summary>
    private ImageView ResizeNearest512(ImageView image)
    {
        int bpp = image.BytesPerPixel;
        Grow(ref _resized, Cli512 * Cli512 * bpp);
        Span<int> columns = stackalloc int[Cli512];
        for (int x = 0; x < Cli512; x++)
            columns[x] = (int)((long)x * image.Width / Cli512);
        for (int y = 0; y < Cli512; y++)
        {
            ReadOnlySpan<byte> src = image.GetRow((int)((long)y * image.Height / Cli512));
            Span<byte> dst = _resized.AsSpan(y * Cli512 * bpp, Cli512 * bpp);
            for (int x = 0; x < Cli512; x++)
                src.Slice(columns[x] * bpp, bpp).CopyTo(dst.Slice(x * bpp, bpp));
        }
        return new ImageView(_resized.AsSpan(0, Cli512 * Cli512 * bpp), Cli512, Cli512, image.Format);
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[length];
    }
}
