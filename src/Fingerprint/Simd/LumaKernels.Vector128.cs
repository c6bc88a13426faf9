using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fingerprint.Simd;

/// <summary>Vector128 paths: 4 pixels per vector (Gray8: 16 pixels per load, 4 vectors out).</summary>
internal static partial class LumaKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void FromRgb24Vector128(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        Validate(rgb.Length, 3, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(rgb);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 4 <= n && 3 * i + 16 <= rgb.Length; i += 4)   // a 16-byte load covers pixels i..i+3 (12 bytes)
        {
            Vector128<uint> px = Rgb24ToWords(Vector128.LoadUnsafe(ref s0, (nuint)(3 * i)));
            Lumas(px, 0).StoreUnsafe(ref d0, (nuint)i);
        }
        FromRgb24Tail(rgb, luma, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void From4ByteVector128(ReadOnlySpan<byte> pixels, Span<float> luma, int redOffset)
    {
        Validate(pixels.Length, 4, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(pixels);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 4 <= n; i += 4)
            Lumas(Vector128.LoadUnsafe(ref s0, (nuint)(4 * i)).AsUInt32(), redOffset).StoreUnsafe(ref d0, (nuint)i);
        From4ByteTail(pixels, luma, i, redOffset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void FromGray8Vector128(ReadOnlySpan<byte> grey, Span<float> luma)
    {
        Validate(grey.Length, 1, luma.Length);
        ref byte s0 = ref MemoryMarshal.GetReference(grey);
        ref float d0 = ref MemoryMarshal.GetReference(luma);
        int n = luma.Length, i = 0;
        for (; i + 16 <= n; i += 16)
        {
            (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref s0, (nuint)i));
            (Vector128<uint> a, Vector128<uint> b) = Vector128.Widen(lo);
            (Vector128<uint> c, Vector128<uint> d) = Vector128.Widen(hi);
            Vector128.ConvertToSingle(a.AsInt32()).StoreUnsafe(ref d0, (nuint)i);
            Vector128.ConvertToSingle(b.AsInt32()).StoreUnsafe(ref d0, (nuint)(i + 4));
            Vector128.ConvertToSingle(c.AsInt32()).StoreUnsafe(ref d0, (nuint)(i + 8));
            Vector128.ConvertToSingle(d.AsInt32()).StoreUnsafe(ref d0, (nuint)(i + 12));
        }
        FromGray8Tail(grey, luma, i);
    }

    /// <summary>Bytes 0..11 (4 RGB pixels) to 4 words 0x00BBGGRR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Rgb24ToWords(Vector128<byte> bytes) =>
        Vector128.Shuffle(bytes, Vector128.Create((byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80)).AsUInt32();

    /// <summary>Words with red at byte <paramref name="redOffset"/>, green at byte 1, blue at byte 2 - redOffset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Lumas(Vector128<uint> px, int redOffset)
    {
        Vector128<uint> mask = Vector128.Create(0xFFu);
        Vector128<float> r = Vector128.ConvertToSingle(((px >> (8 * redOffset)) & mask).AsInt32());
        Vector128<float> g = Vector128.ConvertToSingle(((px >> 8) & mask).AsInt32());
        Vector128<float> b = Vector128.ConvertToSingle(((px >> (16 - 8 * redOffset)) & mask).AsInt32());
        return Vector128.Create(CoefficientR) * r + Vector128.Create(CoefficientG) * g + Vector128.Create(CoefficientB) * b;
    }
}
