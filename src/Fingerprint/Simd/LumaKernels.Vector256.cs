using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fingerprint.Simd;

/// <summary>Vector256 paths: 8 pixels per vector (Rgb24: two 16-byte loads, 12 bytes apart; Gray8: 16 pixels per load).</summary>
internal static partial class LumaKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void FromRgb24Vector256(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        Validate(rgb.Length, 3, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(rgb);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 8 <= n && 3 * i + 28 <= rgb.Length; i += 8)    // loads at 3i and 3i + 12, 16 bytes each
        {
            Vector128<uint> lo = Rgb24ToWords(Vector128.LoadUnsafe(ref s0, (nuint)(3 * i)));
            Vector128<uint> hi = Rgb24ToWords(Vector128.LoadUnsafe(ref s0, (nuint)(3 * i + 12)));
            Lumas(Vector256.Create(lo, hi), 0).StoreUnsafe(ref d0, (nuint)i);
        }
        FromRgb24Tail(rgb, luma, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void From4ByteVector256(ReadOnlySpan<byte> pixels, Span<float> luma, int redOffset)
    {
        Validate(pixels.Length, 4, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(pixels);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 8 <= n; i += 8)
            Lumas(Vector256.LoadUnsafe(ref s0, (nuint)(4 * i)).AsUInt32(), redOffset).StoreUnsafe(ref d0, (nuint)i);
        From4ByteTail(pixels, luma, i, redOffset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void FromGray8Vector256(ReadOnlySpan<byte> grey, Span<float> luma)
    {
        Validate(grey.Length, 1, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(grey);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 16 <= n; i += 16)
        {
            Vector256<ushort> w = Vector256.WidenLower(Vector128.LoadUnsafe(ref s0, (nuint)i).ToVector256Unsafe());
            Vector256.ConvertToSingle(Vector256.WidenLower(w).AsInt32()).StoreUnsafe(ref d0, (nuint)i);
            Vector256.ConvertToSingle(Vector256.WidenUpper(w).AsInt32()).StoreUnsafe(ref d0, (nuint)(i + 8));
        }
        FromGray8Tail(grey, luma, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Lumas(Vector256<uint> px, int redOffset)
    {
        Vector256<uint> mask = Vector256.Create(0xFFu);
        Vector256<float> r = Vector256.ConvertToSingle(((px >> (8 * redOffset)) & mask).AsInt32());
        Vector256<float> g = Vector256.ConvertToSingle(((px >> 8) & mask).AsInt32());
        Vector256<float> b = Vector256.ConvertToSingle(((px >> (16 - 8 * redOffset)) & mask).AsInt32());
        return Vector256.Create(CoefficientR) * r + Vector256.Create(CoefficientG) * g + Vector256.Create(CoefficientB) * b;
    }
}
