using Fingerprint.Internal;

namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// PDQ stage 3: decimation of the filtered luma to 64x64 at cell centres (facebook/ThreatExchange
/// pdq/cpp/downscaling/downscaling.cpp, <c>decimateFloat</c>; conformance/SPEC.md §1.2):
/// <c>out[i][j] = in[(int)(((i + 0.5) * rows) / 64)][(int)(((j + 0.5) * cols) / 64)]</c>, the index computed in double.
/// Images smaller than 64 are upsampled the same way. The streaming downsampler uses <see cref="ComputeIndices"/> to
/// know which 64 rows and columns are ever read, and computes only those.
/// </summary>
internal static class Decimate
{
    public const int Size = 64;

    /// <summary>The input index read for output <paramref name="outIndex"/>, exactly as the reference computes it.</summary>
    public static int SourceIndex(int outIndex, int inLength, int outLength = Size) =>
        (int)(((outIndex + 0.5) * inLength) / outLength);

    /// <summary>The input index of every output: non-decreasing, in [0, inLength).</summary>
    public static void ComputeIndices(int inLength, Span<int> indices)
    {
        for (int i = 0; i < indices.Length; i++)
            indices[i] = SourceIndex(i, inLength, indices.Length);
    }

    /// <summary><c>decimateFloat</c> on a row-major plane.</summary>
    public static void Apply(ReadOnlySpan<float> input, int rows, int cols, Span<float> output, int outRows = Size, int outCols = Size)
    {
        if (input.Length < (long)rows * cols)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(input));
        if (output.Length < outRows * outCols)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(output));
        for (int i = 0; i < outRows; i++)
        {
            int ini = SourceIndex(i, rows, outRows);
            for (int j = 0; j < outCols; j++)
                output[i * outCols + j] = input[ini * cols + SourceIndex(j, cols, outCols)];
        }
    }
}
