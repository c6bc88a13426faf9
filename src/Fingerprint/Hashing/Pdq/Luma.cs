using Fingerprint.Imaging;
using Fingerprint.Internal;
using Fingerprint.Simd;

namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// PDQ stage 1: pixels to float luma (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp,
/// <c>fillFloatLumaFromRGB</c> / <c>fillFloatLumaFromGrey</c>; conformance/SPEC.md §1.1).
/// Gray8 takes the grey path, <c>Y = (float)v</c>, as the reference CLI does for 1-channel images; this is not the
/// RGB path on R = G = B (0.299v + 0.587v + 0.114v differs from v in float for 35 of the 256 levels). Rgb24, Rgba32 and
/// Bgra32 take the RGB path; alpha is dropped without compositing. Arithmetic: <see cref="LumaKernels"/>.
/// </summary>
internal static class Luma
{
    /// <summary>Luma of one row: <paramref name="luma"/>.Length pixels from <paramref name="row"/>.</summary>
    public static void FillRow(PixelFormat format, ReadOnlySpan<byte> row, Span<float> luma)
    {
        switch (format)
        {
            case PixelFormat.Gray8:
                LumaKernels.FromGray8(row, luma);
                break;
            case PixelFormat.Rgb24:
                LumaKernels.FromRgb24(row, luma);
                break;
            case PixelFormat.Rgba32:
                LumaKernels.FromRgba32(row, luma);
                break;
            case PixelFormat.Bgra32:
                LumaKernels.FromBgra32(row, luma);
                break;
            default:
                ThrowHelper.ThrowArgumentOutOfRange(nameof(format), $"Unknown pixel format {format}.");
                break;
        }
    }

    /// <summary>The whole image as a row-major width x height plane.</summary>
    public static void Fill(ImageView image, Span<float> plane)
    {
        int w = image.Width;
        if (plane.Length < (long)w * image.Height)
            ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(plane));
        for (int y = 0; y < image.Height; y++)
            FillRow(image.Format, image.GetRow(y), plane.Slice(y * w, w));
    }
}
