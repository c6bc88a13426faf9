using System.Buffers.Binary;
using System.IO.Hashing;
using Fingerprint.Imaging;
using Fingerprint.Media.Decoders;
using Fingerprint.Media.Tests.TestSupport;
using Fingerprint.TestUtilities;

namespace Fingerprint.Media.Tests;

/// <summary>
/// EXIF orientation: orientation fixtures 1..8 are built here by writing the metadata block ourselves (JPEG APP1, PNG
/// eXIf, WebP EXIF chunk) around a stored image, then the applied result is compared with the stored pixels rotated or
/// flipped by ImageMagick (-flop, -rotate 180, -flip, -transpose, -rotate 90, -transverse, -rotate 270), and for JPEG
/// also with ImageMagick's own <c>-auto-orient</c>, an independent reading of the same tag.
/// </summary>
public class ExifOrientationTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    private static readonly string[][] s_physical =
    [
        [], [], ["-flop"], ["-rotate", "180"], ["-flip"], ["-transpose"], ["-rotate", "90"], ["-transverse"], ["-rotate", "270"],
    ];

    public static TheoryData<int> Orientations() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Decode_JpegWithExifOrientation_MatchesPhysicalRotationAndImageMagickAutoOrient(int orientation)
    {
        byte[] stored = File.ReadAllBytes(media.Get("jpeg-444.jpg"));   // 33x40: not square, not symmetric
        byte[] tagged = InsertJpegApp1(stored, Tiff(orientation, littleEndian: orientation % 2 == 0));
        string taggedPath = Path.Combine(media.Directory, $"exif-{orientation}-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(taggedPath, tagged);

        using var decoder = new ImageDecoder();
        using DecodedImage asStored = decoder.Decode(tagged, DecodeOptions.Reference);
        Assert.Equal(orientation, asStored.ExifOrientation);
        Assert.False(asStored.OrientationApplied);
        using DecodedImage untagged = decoder.Decode(stored, DecodeOptions.Reference);
        Assert.Equal(ImageMagick.Packed(untagged.Pixels), ImageMagick.Packed(asStored.Pixels));

        using DecodedImage oriented = decoder.Decode(tagged, DecodeOptions.Default);
        Assert.Equal(orientation, oriented.ExifOrientation);
        Assert.Equal(orientation != 1, oriented.OrientationApplied);
        Assert.Equal((33, 40), (oriented.SourceWidth, oriented.SourceHeight));
        Assert.Equal("same", ImageMagick.Compare(Physically(asStored.Pixels, orientation), oriented.Pixels));
        Assert.Equal("same", ImageMagick.Compare(ImageMagick.ParsePnm(ImageMagick.Run(taggedPath, "-auto-orient", "pnm:-")), oriented.Pixels));
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Decode_PngWithExifChunk_MatchesPhysicalRotation(int orientation)
    {
        byte[] tagged = InsertPngExif(File.ReadAllBytes(media.Get("png-rgb8.png")), Tiff(orientation, littleEndian: orientation % 3 == 0));
        using var decoder = new ImageDecoder();
        using DecodedImage asStored = decoder.Decode(tagged, DecodeOptions.Reference);
        using DecodedImage oriented = decoder.Decode(tagged, DecodeOptions.Default);
        Assert.Equal(orientation, oriented.ExifOrientation);
        Assert.Equal("same", ImageMagick.Compare(Physically(asStored.Pixels, orientation), oriented.Pixels));
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Decode_WebPWithExifChunk_MatchesPhysicalRotation(int orientation)
    {
        byte[] plain = File.ReadAllBytes(media.Get("webp-lossless.webp"));
        byte[] tagged = WrapWebPWithExif(plain, 53, 37, Tiff(orientation, littleEndian: true));
        using var decoder = new ImageDecoder();
        using DecodedImage asStored = decoder.Decode(tagged, DecodeOptions.Reference);
        using DecodedImage untagged = decoder.Decode(plain, DecodeOptions.Reference);
        Assert.Equal(ImageMagick.Packed(untagged.Pixels), ImageMagick.Packed(asStored.Pixels));
        using DecodedImage oriented = decoder.Decode(tagged, DecodeOptions.Default);
        Assert.Equal(orientation, oriented.ExifOrientation);
        Assert.Equal("same", ImageMagick.Compare(Physically(asStored.Pixels, orientation), oriented.Pixels));
    }

    [Fact]
    public void Decode_ConformanceExifRotn6_ReportsSixAndRotatesByDefault()
    {
        string file = Path.Combine(RepoPaths.PdqConformance, "images", "pdq", "data", "reg-test-input", "exif-rotn", "exif-rotn-6.jpg");
        using var decoder = new ImageDecoder();
        using DecodedImage reference = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Reference);
        Assert.Equal(6, reference.ExifOrientation);
        Assert.Equal((4032, 3024), (reference.Pixels.Width, reference.Pixels.Height));
        using DecodedImage oriented = decoder.Decode(File.ReadAllBytes(file), DecodeOptions.Default);
        Assert.Equal((3024, 4032), (oriented.Pixels.Width, oriented.Pixels.Height));
        Assert.True(oriented.OrientationApplied);
    }

    [Fact]
    public void Decode_PngWithGarbageExifChunk_StillDecodesWithOrientationOne()
    {
        byte[] plain = File.ReadAllBytes(media.Get("png-rgb8.png"));
        byte[] tagged = InsertPngExif(plain, "not a TIFF header at all"u8.ToArray());
        using var decoder = new ImageDecoder();
        using DecodedImage a = decoder.Decode(plain, DecodeOptions.Default);
        using DecodedImage b = decoder.Decode(tagged, DecodeOptions.Default);
        Assert.Equal(1, b.ExifOrientation);
        Assert.Equal(ImageMagick.Packed(a.Pixels), ImageMagick.Packed(b.Pixels));
    }

    // ---- the TIFF/IFD parser on its own ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_ShortAndLongTypes_BothByteOrders(bool little)
    {
        for (int o = 1; o <= 8; o++)
        {
            Assert.Equal(o, ExifOrientation.Read(Tiff(o, little)));
            Assert.Equal(o, ExifOrientation.Read(Tiff(o, little, typeLong: true)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(0xFFFF)]
    public void Read_OutOfRangeValue_IsOne(int value) => Assert.Equal(1, ExifOrientation.Read(Tiff(value, littleEndian: true)));

    [Fact]
    public void Read_MalformedStructures_AreOne()
    {
        byte[] good = Tiff(6, littleEndian: true);
        Assert.Equal(1, ExifOrientation.Read([]));
        Assert.Equal(1, ExifOrientation.Read(good.AsSpan(0, 7)));
        byte[] badMagic = (byte[])good.Clone();
        badMagic[2] = 43;
        Assert.Equal(1, ExifOrientation.Read(badMagic));
        byte[] farIfd = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(farIfd.AsSpan(4), 0xFFFFFFF0);
        Assert.Equal(1, ExifOrientation.Read(farIfd));
        byte[] hugeCount = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(hugeCount.AsSpan(8), 0xFFFF);
        Assert.Equal(6, ExifOrientation.Read(hugeCount));   // count clipped to the entries present
        Assert.Equal(1, ExifOrientation.Read(good.AsSpan(0, 15)));  // entry cut off
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    public void Read_RandomBytesAfterAValidHeader_NeverThrows(ulong seed)
    {
        var rng = new SplitMix64(seed);
        for (int i = 0; i < 2000; i++)
        {
            byte[] tiff = new byte[8 + rng.NextInt(200)];
            rng.NextBytes(tiff);
            "II*\0"u8.CopyTo(tiff);
            tiff[4] = (byte)rng.NextInt(64);
            tiff[5] = tiff[6] = tiff[7] = 0;
            int o = ExifOrientation.Read(tiff);
            Assert.InRange(o, 1, 8);
        }
    }

    [Fact]
    public void Apply_EveryOrientation_MatchesTheDocumentedMapping()
    {
        // 3x2 Gray8 image with distinct values; expected layouts written out by hand from the EXIF definitions.
        byte[] src = [1, 2, 3, 4, 5, 6];   // rows: [1 2 3] [4 5 6]
        (int W, int H, byte[] Pixels)[] expected =
        [
            default, (3, 2, [1, 2, 3, 4, 5, 6]),
            (3, 2, [3, 2, 1, 6, 5, 4]),     // 2 mirror left-right
            (3, 2, [6, 5, 4, 3, 2, 1]),     // 3 rotate 180
            (3, 2, [4, 5, 6, 1, 2, 3]),     // 4 mirror top-bottom
            (2, 3, [1, 4, 2, 5, 3, 6]),     // 5 transpose
            (2, 3, [4, 1, 5, 2, 6, 3]),     // 6 rotate 90 clockwise
            (2, 3, [6, 3, 5, 2, 4, 1]),     // 7 transverse
            (2, 3, [3, 6, 2, 5, 1, 4]),     // 8 rotate 90 counter-clockwise
        ];
        for (int o = 1; o <= 8; o++)
        {
            var buffer = new PixelBuffer(3, 2, PixelFormat.Gray8);
            src.CopyTo(buffer.Span);
            using PixelBuffer result = ExifOrientation.Apply(buffer, o);
            Assert.Equal((expected[o].W, expected[o].H), (result.Width, result.Height));
            Assert.Equal(expected[o].Pixels, ImageMagick.Packed(result));
        }
    }

    // ---- helpers ----

    private ImageMagick.Pnm Physically(PixelBuffer stored, int orientation)
    {
        string ppm = Path.Combine(media.Directory, $"stored-{Guid.NewGuid():N}.pnm");
        WritePnm(ppm, stored);
        return ImageMagick.ParsePnm(ImageMagick.Run([ppm, .. s_physical[orientation], "pnm:-"]));
    }

    private static void WritePnm(string path, PixelBuffer pixels)
    {
        bool gray = pixels.Format == PixelFormat.Gray8;
        byte[] header = System.Text.Encoding.ASCII.GetBytes($"{(gray ? "P5" : "P6")}\n{pixels.Width} {pixels.Height}\n255\n");
        File.WriteAllBytes(path, [.. header, .. ImageMagick.Packed(pixels)]);
    }

    /// <summary>A TIFF header and one IFD holding only Orientation (TIFF 6.0 §2; EXIF tag 0x0112).</summary>
    internal static byte[] Tiff(int orientation, bool littleEndian, bool typeLong = false)
    {
        byte[] t = new byte[8 + 2 + 12 + 4];
        void U16(int at, int v)
        {
            if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(at), (ushort)v);
            else BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at), (ushort)v);
        }
        void U32(int at, uint v)
        {
            if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at), v);
            else BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(at), v);
        }
        t[0] = t[1] = littleEndian ? (byte)'I' : (byte)'M';
        U16(2, 42);
        U32(4, 8);
        U16(8, 1);
        U16(10, 0x0112);
        U16(12, typeLong ? 4 : 3);
        U32(14, 1);
        if (typeLong) U32(18, (uint)orientation);
        else U16(18, orientation);
        U32(22, 0);
        return t;
    }

    internal static byte[] InsertJpegApp1(byte[] jpeg, byte[] tiff)
    {
        byte[] segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment, 10);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static byte[] InsertPngExif(byte[] png, byte[] tiff)
    {
        int ihdrEnd = 8 + 12 + 13;
        byte[] chunk = new byte[12 + tiff.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, tiff.Length);
        "eXIf"u8.CopyTo(chunk.AsSpan(4));
        tiff.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + tiff.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + tiff.Length)));
        return [.. png[..ihdrEnd], .. chunk, .. png[ihdrEnd..]];
    }

    /// <summary>Rewraps a simple-format WebP as VP8X (EXIF flag) + its image chunk + an EXIF chunk (WebP container spec).</summary>
    internal static byte[] WrapWebPWithExif(byte[] webp, int width, int height, byte[] tiff)
    {
        byte[] imageChunk = webp[12..];
        byte[] vp8x = new byte[18];
        "VP8X"u8.CopyTo(vp8x);
        BinaryPrimitives.WriteInt32LittleEndian(vp8x.AsSpan(4), 10);
        vp8x[8] = 0x08;   // EXIF present
        vp8x[12] = (byte)(width - 1);
        vp8x[13] = (byte)((width - 1) >> 8);
        vp8x[15] = (byte)(height - 1);
        vp8x[16] = (byte)((height - 1) >> 8);
        byte[] exif = new byte[8 + tiff.Length + (tiff.Length & 1)];
        "EXIF"u8.CopyTo(exif);
        BinaryPrimitives.WriteInt32LittleEndian(exif.AsSpan(4), tiff.Length);
        tiff.CopyTo(exif, 8);
        byte[] body = [.. "WEBP"u8.ToArray(), .. vp8x, .. imageChunk, .. exif];
        byte[] riff = [.. "RIFF"u8.ToArray(), 0, 0, 0, 0, .. body];
        BinaryPrimitives.WriteInt32LittleEndian(riff.AsSpan(4), body.Length);
        return riff;
    }
}
