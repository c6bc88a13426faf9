using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fingerprint.Simd;

/// <summary>Vector512 paths: 16 pixels per vector (Rgb24: four 16-byte loads, 12 bytes apart).</summary>
internal static partial class LumaKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void FromRgb24Vector512(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        Validate(rgb.Length, 3, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(rgb);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 16 <= n && 3 * i + 52 <= rgb.Length; i += 16)  // loads at 3i + 0, 12, 24, 36, 16 bytes each
        {
            Vector128<uint> a = Rgb24ToWords(Vector128.LoadUnsafe(ref s0, (nuint)(3 * i)));
            Vector128<uint> b = Rgb24ToWords(Vector128.LoadUnsafe(ref s0, (nuint)(3 * i + 12)));
            Vector128<uint> c = Rgb24ToWords(Vector128.LoadUnsafe(ref s0, (nuint)(3 * i + 24)));
            Vector128<uint> d = Rgb24ToWords(Vector128.LoadUnsafe(ref s0, (nuint)(3 * i + 36)));
            Lumas(Vector512.Create(Vector256.Create(a, b), Vector256.Create(c, d)), 0).StoreUnsafe(ref d0, (nuint)i);
        }
        FromRgb24Tail(rgb, luma, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void From4ByteVector512(ReadOnlySpan<byte> pixels, Span<float> luma, int redOffset)
    {
        Validate(pixels.Length, 4, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(pixels);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 16 <= n; i += 16)
            Lumas(Vector512.LoadUnsafe(ref s0, (nuint)(4 * i)).AsUInt32(), redOffset).StoreUnsafe(ref d0, (nuint)i);
        From4ByteTail(pixels, luma, i, redOffset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void FromGray8Vector512(ReadOnlySpan<byte> grey, Span<float> luma)
    {
        Validate(grey.Length, 1, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(grey);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 16 <= n; i += 16)
        {
            Vector512<ushort> w = Vector512.WidenLower(Vector128.LoadUnsafe(ref s0, (nuint)i).ToVector256Unsafe().ToVector512Unsafe());
            Vector512.ConvertToSingle(Vector512.WidenLower(w).AsInt32()).StoreUnsafe(ref d0, (nuint)i);
        }
        FromGray8Tail(grey, luma, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Lumas(Vector512<uint> px, int redOffset)
    {
        Vector512<uint> mask = Vector512.Create(0xFFu);
        Vector512<float> r = Vector512.ConvertToSingle(((px >> (8 * redOffset)) & mask).AsInt32());
        Vector512<float> g = Vector512.ConvertToSingle(((px >> 8) & mask).AsInt32());
        Vector512<float> b = Vector512.ConvertToSingle(((px >> (16 - 8 * redOffset)) & mask).AsInt32());
        return Vector512.Create(CoefficientR) * r + Vector512.Create(CoefficientG) * g + Vector512.Create(CoefficientB) * b;
    }
}
