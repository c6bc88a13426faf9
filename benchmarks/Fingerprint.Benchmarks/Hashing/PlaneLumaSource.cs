using Fingerprint.Hashing.Pdq;

namespace Fingerprint.Benchmarks.Hashing;

/// <summary>Luma rows served from a precomputed plane (isolates the filter from the luma stage).</summary>
internal sealed class PlaneLumaSource(float[] plane, int cols) : ILumaRowSource
{
    public void FillRows(int firstRow, int count, Span<float> destination, int stride)
    {
        for (int k = 0; k < count; k++)
            plane.AsSpan((firstRow + k) * cols, cols).CopyTo(destination.Slice(k * stride, cols));
    }
}
