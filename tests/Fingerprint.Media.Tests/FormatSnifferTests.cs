namespace Fingerprint.Media.Tests;

/// <summary>Signatures from the format specifications, written out byte by byte.</summary>
public class FormatSnifferTests
{
    [Theory]
    [InlineData("FFD8FFE0", MediaFormat.Jpeg)]
    [InlineData("89504E470D0A1A0A", MediaFormat.Png)]
    [InlineData("474946383761", MediaFormat.Gif)]
    [InlineData("474946383961", MediaFormat.Gif)]
    [InlineData("524946460000000057454250", MediaFormat.WebP)]
    [InlineData("524946460000000041564920", MediaFormat.Video)]               // AVI
    [InlineData("424D000000000000000036000000" + "28000000", MediaFormat.Bmp)]
    [InlineData("424D000000000000000036000000" + "99000000", MediaFormat.Unknown)]   // "BM" with no known DIB size
    [InlineData("50360A", MediaFormat.Pnm)]
    [InlineData("5031200A", MediaFormat.Pnm)]
    [InlineData("5037", MediaFormat.Pnm)]
    [InlineData("50380A", MediaFormat.Unknown)]
    [InlineData("49492A00", MediaFormat.Tiff)]
    [InlineData("4D4D002A", MediaFormat.Tiff)]
    [InlineData("0000001866747970" + "68656963" + "00000000" + "6D696631", MediaFormat.Heif)]
    [InlineData("0000001C66747970" + "6D696631" + "00000000" + "6D696631" + "61766966" + "00000000", MediaFormat.Avif)]
    [InlineData("0000001866747970" + "61766966" + "00000000" + "6D696631", MediaFormat.Avif)]
    [InlineData("0000001866747970" + "69736F6D" + "00000200" + "69736F6D", MediaFormat.Video)]   // MP4
    [InlineData("0000001466747970" + "71742020" + "00000200", MediaFormat.Video)]                // QuickTime
    [InlineData("000000086D6F6F76", MediaFormat.Video)]                                           // bare moov atom
    [InlineData("1A45DFA3", MediaFormat.Video)]                                                   // Matroska/WebM
    [InlineData("464C5601", MediaFormat.Video)]                                                   // FLV
    [InlineData("000001BA", MediaFormat.Video)]                                                   // MPEG-PS
    [InlineData("47400010", MediaFormat.Video)]                                                   // MPEG-TS, PAT
    [InlineData("47", MediaFormat.Unknown)]
    [InlineData("", MediaFormat.Unknown)]
    [InlineData("FF", MediaFormat.Unknown)]
    [InlineData("3C3F786D6C", MediaFormat.Unknown)]                                               // "<?xml"
    public void Sniff_Signature_Recognised(string hex, MediaFormat expected) =>
        Assert.Equal(expected, FormatSniffer.Sniff(Convert.FromHexString(hex)));
}
