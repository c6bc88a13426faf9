using System.Text;
using Fingerprint.Imaging;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests;

/// <summary>The PNM parsing behind <see cref="ReferenceDecoder"/>, on hand-written streams (netpbm formats P1..P6).</summary>
public class ReferenceDecoderTests
{
    private static byte[] Pnm(string header, params byte[] raster) => [.. Encoding.ASCII.GetBytes(header), .. raster];

    [Fact]
    public void P6_IsRgb24()
    {
        using PixelBuffer b = ReferenceDecoder.ParsePnm(Pnm("P6\n# comment\n2 1\n255\n", 1, 2, 3, 4, 5, 6));
        Assert.Equal((PixelFormat.Rgb24, 2, 1), (b.Format, b.Width, b.Height));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, b.Span.ToArray());
    }

    [Fact]
    public void P5_IsGray8()
    {
        using PixelBuffer b = ReferenceDecoder.ParsePnm(Pnm("P5 3 1 255\n", 0, 128, 255));
        Assert.Equal(PixelFormat.Gray8, b.Format);
        Assert.Equal(new byte[] { 0, 128, 255 }, b.Span.ToArray());
    }

    [Fact]
    public void P5_SixteenBit_ScalesLikeImageMagickDepth8_OrWrapsLikeCImg()
    {
        // Big-endian samples 0x0000, 0x0080, 0x0081, 0xFFFF, 0x1234.
        byte[] data = Pnm("P5\n5 1\n65535\n", 0x00, 0x00, 0x00, 0x80, 0x00, 0x81, 0xFF, 0xFF, 0x12, 0x34);
        using PixelBuffer scaled = ReferenceDecoder.ParsePnm(data);
        // round(q / 257): 0, 0.498 -> 0, 0.502 -> 1, 255, 4660 / 257 = 18.13 -> 18.
        Assert.Equal(new byte[] { 0, 0, 1, 255, 18 }, scaled.Span.ToArray());
        using PixelBuffer wrapped = ReferenceDecoder.ParsePnm(data, ReferenceDecoder.SixteenBitSamples.WrapModulo256);
        Assert.Equal(new byte[] { 0x00, 0x80, 0x81, 0xFF, 0x34 }, wrapped.Span.ToArray());
    }

    [Fact]
    public void Depth8_EqualsRoundedDivisionBy257_ForEverySample()
    {
        for (int q = 0; q <= 65535; q++)
            Assert.Equal((byte)Math.Round(q / 257.0, MidpointRounding.AwayFromZero), ReferenceDecoder.Depth8(q));
    }

    [Fact]
    public void P4_SetBitIsBlack()
    {
        // 10 pixels per row: 2 bytes per row, padded. Row 0: 1000 0000 01.., row 1: 0111 1111 10..
        using PixelBuffer b = ReferenceDecoder.ParsePnm(Pnm("P4\n10 2\n", 0b1000_0000, 0b0100_0000, 0b0111_1111, 0b1000_0000));
        Assert.Equal(PixelFormat.Gray8, b.Format);
        Assert.Equal(new byte[] { 0, 255, 255, 255, 255, 255, 255, 255, 255, 0 }, b.GetRow(0).ToArray());
        Assert.Equal(new byte[] { 255, 0, 0, 0, 0, 0, 0, 0, 0, 255 }, b.GetRow(1).ToArray());
    }

    [Fact]
    public void AsciiVariants_P1P2P3()
    {
        using PixelBuffer p1 = ReferenceDecoder.ParsePnm(Pnm("P1\n3 1\n1 0 1\n"));
        Assert.Equal(new byte[] { 0, 255, 0 }, p1.Span.ToArray());
        using PixelBuffer p2 = ReferenceDecoder.ParsePnm(Pnm("P2\n2 1\n255\n7 200\n"));
        Assert.Equal(new byte[] { 7, 200 }, p2.Span.ToArray());
        using PixelBuffer p3 = ReferenceDecoder.ParsePnm(Pnm("P3\n1 1\n65535\n65535 0 257\n"));
        Assert.Equal(PixelFormat.Rgb24, p3.Format);
        Assert.Equal(new byte[] { 255, 0, 1 }, p3.Span.ToArray());
    }

    [Theory]
    [InlineData("P7\n1 1\n255\n")]
    [InlineData("P5\n2 2\n255\n")]
    [InlineData("P5\n1 1\n1023\n")]
    [InlineData("P5\n0 1\n255\n")]
    public void Malformed_ThrowsInvalidData(string header) =>
        Assert.Throws<InvalidDataException>(() => ReferenceDecoder.ParsePnm(Pnm(header, 1)));

    [Fact]
    public void Decode_RunsImageMagick()
    {
        using PixelBuffer b = ReferenceDecoder.Decode(Path.Combine(RepoPaths.PdqConformance, "images", "synthetic", "synth-tiny-4x4.png"));
        Assert.Equal((4, 4, PixelFormat.Rgb24), (b.Width, b.Height, b.Format));
        Assert.Throws<InvalidDataException>(() => ReferenceDecoder.Decode(Path.Combine(RepoPaths.PdqConformance, "README.md")));
    }
}
