using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Fingerprint.Internal;

namespace Fingerprint.Simd;

/// <summary>
/// 8-bit pixels to PDQ's float luma (facebook/ThreatExchange pdq/cpp/hashing/pdqhashing.cpp,
/// <c>fillFloatLumaFromRGB</c> and <c>fillFloatLumaFromGrey</c>; conformance/SPEC.md §1.1):
/// <c>Y = 0.299f*R + 0.587f*G + 0.114f*B</c>, evaluated left to right in float ((R term + G term) + B term, each
/// product rounded, no FMA), and for grey <c>Y = (float)v</c>. The coefficients are the reference's
/// <c>const float c = 0.299;</c>: the double literal rounded to float, which is what <see cref="CoefficientR"/> and the
/// others are. Alpha (Rgba32, Bgra32) is ignored, as the reference's decoders drop it (SPEC.md §1.1).
/// <para>
/// Vector paths: lanes are consecutive pixels. Bytes are widened to 32-bit integers (Rgb24: one byte shuffle per 4
/// pixels turns 12 bytes into 4 zero-padded words; the 4-byte formats load words directly), masked per channel and
/// converted to float exactly (0..255), then the same three multiplies and two adds run per lane. Tails are scalar.
/// Every path therefore equals the scalar path bit for bit.
/// </para>
/// </summary>
internal static partial class LumaKernels
{
    public const float CoefficientR = (float)0.299;
    public const float CoefficientG = (float)0.587;
    public const float CoefficientB = (float)0.114;

    /// <summary>Byte offsets of red in the 4-byte formats (blue is at 2 - red).</summary>
    private const int RedInRgba = 0, RedInBgra = 2;

    public static void FromRgb24(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        if (Vector512.IsHardwareAccelerated)
            FromRgb24Vector512(rgb, luma);
        else if (Vector256.IsHardwareAccelerated)
            FromRgb24Vector256(rgb, luma);
        else if (Vector128.IsHardwareAccelerated)
            FromRgb24Vector128(rgb, luma);
        else
            FromRgb24Scalar(rgb, luma);
    }

    public static void FromRgba32(ReadOnlySpan<byte> rgba, Span<float> luma) => From4Byte(rgba, luma, RedInRgba);

    public static void FromBgra32(ReadOnlySpan<byte> bgra, Span<float> luma) => From4Byte(bgra, luma, RedInBgra);

    public static void FromGray8(ReadOnlySpan<byte> grey, Span<float> luma)
    {
        if (Vector512.IsHardwareAccelerated)
            FromGray8Vector512(grey, luma);
        else if (Vector256.IsHardwareAccelerated)
            FromGray8Vector256(grey, luma);
        else if (Vector128.IsHardwareAccelerated)
            FromGray8Vector128(grey, luma);
        else
            FromGray8Scalar(grey, luma);
    }

    private static void From4Byte(ReadOnlySpan<byte> pixels, Span<float> luma, int redOffset)
    {
        if (Vector512.IsHardwareAccelerated)
            From4ByteVector512(pixels, luma, redOffset);
        else if (Vector256.IsHardwareAccelerated)
            From4ByteVector256(pixels, luma, redOffset);
        else if (Vector128.IsHardwareAccelerated)
            From4ByteVector128(pixels, luma, redOffset);
        else
            From4ByteScalar(pixels, luma, redOffset);
    }

    // Named per-format entry points for each width, so tests can call every path of every format.
    internal static void FromRgba32Scalar(ReadOnlySpan<byte> p, Span<float> y) => From4ByteScalar(p, y, RedInRgba);
    internal static void FromBgra32Scalar(ReadOnlySpan<byte> p, Span<float> y) => From4ByteScalar(p, y, RedInBgra);
    internal static void FromRgba32Vector128(ReadOnlySpan<byte> p, Span<float> y) => From4ByteVector128(p, y, RedInRgba);
    internal static void FromBgra32Vector128(ReadOnlySpan<byte> p, Span<float> y) => From4ByteVector128(p, y, RedInBgra);
    internal static void FromRgba32Vector256(ReadOnlySpan<byte> p, Span<float> y) => From4ByteVector256(p, y, RedInRgba);
    internal static void FromBgra32Vector256(ReadOnlySpan<byte> p, Span<float> y) => From4ByteVector256(p, y, RedInBgra);
    internal static void FromRgba32Vector512(ReadOnlySpan<byte> p, Span<float> y) => From4ByteVector512(p, y, RedInRgba);
    internal static void FromBgra32Vector512(ReadOnlySpan<byte> p, Span<float> y) => From4ByteVector512(p, y, RedInBgra);

    internal static void FromRgb24Scalar(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        Validate(rgb.Length, 3, luma.Length);
        FromRgb24Tail(rgb, luma, 0);
    }

    internal static void FromGray8Scalar(ReadOnlySpan<byte> grey, Span<float> luma)
    {
        Validate(grey.Length, 1, luma.Length);
        FromGray8Tail(grey, luma, 0);
    }

    private static void From4ByteScalar(ReadOnlySpan<byte> pixels, Span<float> luma, int redOffset)
    {
        Validate(pixels.Length, 4, luma.Length);
        From4ByteTail(pixels, luma, 0, redOffset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Luma(byte r, byte g, byte b) => CoefficientR * r + CoefficientG * g + CoefficientB * b;

    private static void FromRgb24Tail(ReadOnlySpan<byte> rgb, Span<float> luma, int start)
    {
        for (int i = start; i < luma.Length; i++)
            luma[i] = Luma(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
    }

    private static void From4ByteTail(ReadOnlySpan<byte> pixels, Span<float> luma, int start, int redOffset)
    {
        for (int i = start; i < luma.Length; i++)
            luma[i] = Luma(pixels[4 * i + redOffset], pixels[4 * i + 1], pixels[4 * i + 2 - redOffset]);
    }

    private static void FromGray8Tail(ReadOnlySpan<byte> grey, Span<float> luma, int start)
    {
        for (int i = start; i < luma.Length; i++)
            luma[i] = grey[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Validate(int sourceLength, int bytesPerPixel, int count)
    {
        if ((long)count * bytesPerPixel > sourceLength)
            ThrowHelper.ThrowArgumentException_BufferTooSmall("pixels");
    }
}
