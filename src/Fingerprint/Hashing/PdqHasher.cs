using Fingerprint.Hashing.Pdq;
using Fingerprint.Imaging;
using Fingerprint.Internal;

namespace Fingerprint.Hashing;

/// <summary>
/// PDQ (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp; pdqhash-2017-10-09.pdf), bit-identical to Meta's C++
/// reference (conformance/SPEC.md §1-2): luma, Jarosz tent filter, decimation to 64x64, quality, 64-to-16 DCT, Torben
/// median threshold. The stages are in <c>Hashing/Pdq/</c>.
/// <para>
/// Input: Gray8 takes the reference's grey path (<c>Y = v</c>); Rgb24, Rgba32 and Bgra32 the RGB path, alpha ignored.
/// Any stride. Images with a side under 5 pixels (after the <see cref="PdqPipeline.Cli512"/> resize, as the reference
/// checks) hash to all zeros with quality 0.
/// </para>
/// Not thread-safe: an instance owns its scratch (it grows to the largest image seen: about height/128 + 50 rows of
/// floats, not whole planes); use one per worker. Allocation-free after warm-up.
/// </summary>
public sealed class PdqHasher
{
    /// <summary>Reference <c>MIN_HASHABLE_DIM</c> (pdqhashing.cpp:64).</summary>
    public const int MinHashableDimension = 5;

    /// <summary>
    /// The longest side the full-resolution filter accepts (2^18 = 262,144 pixels). Scratch grows with the width
    /// (about 50 floats per column even for a very short image), so a cap keeps a pathological strip from exhausting memory; such
    /// images get an <see cref="ArgumentException"/>. The <see cref="PdqPipeline.Cli512"/> pipeline resizes larger
    /// images to 512x512 first and has no cap.
    /// </summary>
    public const int MaxDimension = 1 << 18;

    private const int Cells = Decimate.Size * Decimate.Size;
    private const int Coefficients = Dct64To16.Bins * Dct64To16.Bins;

    private readonly JaroszFilter _filter = new();
    private readonly float[] _a64 = new float[Cells];
    private readonly float[] _t = new float[Dct64To16.Bins * Dct64To16.Size];
    private readonly float[] _b = new float[Coefficients];
    private readonly float[] _aux = new float[Coefficients];

    public PdqHasher(PdqHasherOptions? options = null)
    {
        Pipeline = (options ?? new PdqHasherOptions()).Pipeline;
        if (Pipeline is not (PdqPipeline.FullRes or PdqPipeline.Cli512))
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), $"Unknown PDQ pipeline {Pipeline}.");
    }

    public PdqPipeline Pipeline { get; }

    /// <summary>
    /// The PDQ hash and quality: reference <c>pdqHash256FromFloatLuma</c>, which copies an exactly 64x64 luma image
    /// instead of filtering it (SPEC.md §1.2).
    /// </summary>
    public HashResult Hash(ImageView image)
    {
        if (!IsHashable(image))
            return new HashResult(Hash256.Zero, 0);
        int quality = Compute(image, allowShortcut: true);
        return new HashResult(Quantize.ToHash(_b), quality);
    }

    /// <summary>
    /// The eight dihedral hashes from one DCT and the quality: reference <c>pdqDihedralHash256esFromFloatLuma</c>, which
    /// always filters (no 64x64 shortcut), so on an exactly 64x64 image <c>Orig</c> may differ from <see cref="Hash"/>.
    /// </summary>
    public DihedralHashes HashDihedral(ImageView image)
    {
        Span<Hash256> hashes = stackalloc Hash256[8];
        if (!IsHashable(image))
        {
            hashes.Clear();
            return new DihedralHashes(hashes, 0);
        }
        int quality = Compute(image, allowShortcut: false);
        Dihedral.HashAll(_b, _aux, hashes);
        return new DihedralHashes(hashes, quality);
    }

    /// <summary>
    /// PDQF: writes the 256 float DCT coefficients (row-major 16x16, SPEC.md §2) to <paramref name="dct256"/> and
    /// returns the quality: reference <c>pdqFloat256FromFloatLuma</c> (64x64 shortcut included; no minimum size, as in the
    /// reference). An empty image gives 256 zeros and quality 0.
    /// </summary>
    public int ComputeFloat(ImageView image, Span<float> dct256)
    {
        if (dct256.Length < Coefficients)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(dct256));
        if (image.Width == 0 || image.Height == 0)
        {
            dct256.Slice(0, Coefficients).Clear();
            return 0;
        }
        int quality = Compute(image, allowShortcut: true);
        _b.AsSpan().CopyTo(dct256);
        return quality;
    }

    /// <summary>PDQF as a new <see cref="PdqFloatResult"/> (allocates the result).</summary>
    public PdqFloatResult ComputeFloat(ImageView image)
    {
        Span<float> b = stackalloc float[Coefficients];
        int quality = ComputeFloat(image, b);
        return new PdqFloatResult(b, quality);
    }

    private bool IsHashable(ImageView image)
    {
        int rows = image.Height, cols = image.Width;
        if (Pipeline == PdqPipeline.Cli512 && NearestNeighbor512.Applies(cols, rows))
            rows = cols = NearestNeighbor512.Size;
        return rows >= MinHashableDimension && cols >= MinHashableDimension;
    }

    /// <summary>Fills <see cref="_b"/> with the 16x16 DCT and returns the quality. The image is at least 1x1.</summary>
    private int Compute(ImageView image, bool allowShortcut)
    {
        if (Pipeline == PdqPipeline.Cli512 && NearestNeighbor512.Applies(image.Width, image.Height))
        {
            Span<int> columns = stackalloc int[NearestNeighbor512.Size];
            Span<byte> row = stackalloc byte[NearestNeighbor512.Size * 4];
            var resized = new NearestNeighbor512(image, columns, row);
            _filter.Downsample(ref resized, NearestNeighbor512.Size, NearestNeighbor512.Size, _a64);
        }
        else if (allowShortcut && image.Width == Decimate.Size && image.Height == Decimate.Size)
        {
            Luma.Fill(image, _a64);     // pdqFloat256FromFloatLuma: "already downsampled", no filter
        }
        else
        {
            if (image.Width > MaxDimension || image.Height > MaxDimension)
                ThrowHelper.ThrowArgument(nameof(image),
                    $"A {image.Width}x{image.Height} image exceeds PdqHasher.MaxDimension ({MaxDimension}) for the full-resolution filter.");
            var source = new LumaSource(image);
            _filter.Downsample(ref source, image.Height, image.Width, _a64);
        }
        int quality = Quality.Compute(_a64);
        Dct64To16.Compute(_a64, _t, _b);
        return quality;
    }
}
