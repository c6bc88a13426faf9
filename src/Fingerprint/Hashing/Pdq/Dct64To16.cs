using Fingerprint.Internal;
using Fingerprint.Simd;

namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// PDQ stage 4: the 2-D DCT of the 64x64 downsample, keeping frequencies 1..16 in each direction
/// (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp:38-52 matrix, <c>dct64To16</c>; Zauner 2010,
/// "Implementation and Benchmarking of Perceptual Image Hash Functions"; conformance/SPEC.md §1.4).
/// D is 16x64, <c>D[i][j] = sqrt(2/64) * cos((π / 2 / 64) * (i + 1) * (2j + 1))</c>: the scale is a float
/// (<c>const float = std::sqrt(2.0 / 64)</c>), the cosine a double, their product (in double) rounded to float once.
/// B = D·A·Dᵀ through <see cref="DctKernels"/>; B[i][j] is vertical frequency i+1 by horizontal frequency j+1, and is
/// the PDQF feature (SPEC.md §2).
/// </summary>
internal static class Dct64To16
{
    public const int Size = DctKernels.Size;
    public const int Bins = DctKernels.Bins;

    /// <summary>D, 16x64 row-major.</summary>
    internal static readonly float[] Matrix = BuildMatrix();

    /// <summary>Dᵀ, 64x16 row-major (the layout the second product wants).</summary>
    internal static readonly float[] MatrixTransposed = Transpose(Matrix);

    /// <summary>B (16x16) from A (64x64); <paramref name="t"/> is 16x64 scratch.</summary>
    public static void Compute(ReadOnlySpan<float> a64, Span<float> t, Span<float> b16)
    {
        if (a64.Length < Size * Size || t.Length < Bins * Size || b16.Length < Bins * Bins)
            ThrowHelper.ThrowArgumentException_BufferTooSmall();
        DctKernels.ProjectRows(Matrix, a64, t);
        DctKernels.ProjectColumns(t, MatrixTransposed, b16);
    }

    private static float[] BuildMatrix()
    {
        const double Pi = 3.14159265358979323846;
        float scale = (float)Math.Sqrt(2.0 / Size);
        var d = new float[Bins * Size];
        for (int i = 0; i < Bins; i++)
            for (int j = 0; j < Size; j++)
                d[i * Size + j] = (float)(scale * Math.Cos(Pi / 2.0 / Size * (i + 1) * (2 * j + 1)));
        return d;
    }

    private static float[] Transpose(float[] d)
    {
        var dt = new float[Size * Bins];
        for (int i = 0; i < Bins; i++)
            for (int k = 0; k < Size; k++)
                dt[k * Bins + i] = d[i * Size + k];
        return dt;
    }
}
