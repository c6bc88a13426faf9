using System.Globalization;
using Fingerprint.Hashing;
using Fingerprint.TestUtilities;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Tests.Video.Vpdq;

public class VpdqHashFileTests
{
    public static TheoryData<string> ReferenceFiles()
    {
        var data = new TheoryData<string>();
        foreach (string folder in new[] { "vpdq-sample-hashes", "recomputed-vpdq-ffmpeg5.1" })
        {
            foreach (string path in Directory.GetFiles(Path.Combine(RepoPaths.VideoConformance, folder), "*.txt").Order(StringComparer.Ordinal))
                data.Add(Path.Combine(folder, Path.GetFileName(path)));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void ParseThenFormat_ReferenceFile_ReproducesItByteForByte(string relativePath)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(RepoPaths.VideoConformance, relativePath));
        string text = System.Text.Encoding.ASCII.GetString(original);

        VpdqFrameHash[] frames = VpdqHashFile.Parse(text);

        Assert.Equal(text.Count(c => c == '\n'), frames.Length);
        Assert.Equal(original, System.Text.Encoding.ASCII.GetBytes(VpdqHashFile.Format(frames)));
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void ReferenceTimestamp_EveryReferenceLine_FormatsAsTheFileDoes(string relativePath)
    {
        // Every sample video is 30 fps (expected/sample-videos-info.csv) and hashed with -r 0, so frame n is line n.
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.VideoConformance, relativePath));
        for (int n = 0; n < lines.Length; n++)
        {
            string[] fields = lines[n].Split(',');
            Assert.Equal(n.ToString(CultureInfo.InvariantCulture), fields[0]);
            double timestamp = VpdqFrameHash.ReferenceTimestamp(n, 30.0);
            Assert.Equal(fields[3], timestamp.ToString("F3", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Parse_FirstLineOfChair19_GivesItsFields()
    {
        VpdqFrameHash[] frames = VpdqHashFile.Parse(File.ReadAllText(
            Path.Combine(RepoPaths.VideoConformance, "vpdq-sample-hashes", "chair-19-sd-bar.txt")));

        Assert.Equal(564, frames.Length);
        Assert.Equal(0, frames[0].FrameNumber);
        Assert.Equal(100, frames[0].Quality);
        HashAssert.Equal("e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c", frames[0].Hash);
        Assert.Equal(0.0, frames[0].TimestampSeconds);
        Assert.Equal(563, frames[^1].FrameNumber);
        Assert.Equal(18.767, frames[^1].TimestampSeconds);
    }

    [Theory]
    [InlineData(0.0625, "0.062")]  // exact binary ties round half to even, as printf does
    [InlineData(0.1875, "0.188")]
    [InlineData(18.0625, "18.062")]
    [InlineData(1.0005, "1.000")]   // 1.0005 is stored just below the tie
    public void FormatLine_TimestampOnATie_RoundsAsCPrintf(double timestamp, string expected)
    {
        var frame = new VpdqFrameHash(1, 50, Hash256.Zero, timestamp);

        string line = VpdqHashFile.FormatLine(frame);

        Assert.Equal($"1,50,{new string('0', 64)},{expected}", line);
    }

    [Fact]
    public void Parse_Crlf_IsAccepted()
    {
        string hash = new('a', 64);

        VpdqFrameHash[] frames = VpdqHashFile.Parse($"0,100,{hash},0.000\r\n1,99,{hash},0.033\r\n");

        Assert.Equal(2, frames.Length);
        Assert.Equal(99, frames[1].Quality);
    }

    [Fact]
    public void Parse_Empty_IsAnEmptyFingerprint()
    {
        Assert.Empty(VpdqHashFile.Parse(""));
    }

    [Theory]
    [InlineData("0,100,HASH", "expected 4")]                       // python-threatexchange's compact field count
    [InlineData("0,100,HASH,0.000,extra", "more than 4")]
    [InlineData("", "expected 4")]
    [InlineData("-1,100,HASH,0.000", "frame number")]
    [InlineData("x,100,HASH,0.000", "frame number")]
    [InlineData(" 0,100,HASH,0.000", "frame number")]
    [InlineData("0,101,HASH,0.000", "quality")]
    [InlineData("0,-5,HASH,0.000", "quality")]
    [InlineData("0,100,abc,0.000", "hash")]
    [InlineData("0,100,HASH,-0.5", "timestamp")]
    [InlineData("0,100,HASH,1e3", "timestamp")]
    [InlineData("0,100,HASH,", "timestamp")]
    public void Parse_BadLine_ThrowsFormatExceptionNamingTheLine(string badLine, string expectedFragment)
    {
        string hash = new('0', 64);
        string text = $"0,100,{hash},0.000\n{badLine.Replace("HASH", hash, StringComparison.Ordinal)}\n";

        FormatException ex = Assert.Throws<FormatException>(() => VpdqHashFile.Parse(text));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 50, 0.0)]
    [InlineData(0, 101, 0.0)]
    [InlineData(0, 50, -1.0)]
    [InlineData(0, 50, double.NaN)]
    public void FormatLine_OutOfRangeField_Throws(int frameNumber, int quality, double timestamp)
    {
        var frame = new VpdqFrameHash(frameNumber, quality, Hash256.Zero, timestamp);

        Assert.Throws<ArgumentOutOfRangeException>(() => VpdqHashFile.FormatLine(frame));
    }

    [Theory]
    [InlineData(0, 30.0, 0.0)]
    [InlineData(1, 30.0, 1.0f / 30.0f)]
    [InlineData(563, 30.0, 563.0f / 30.0f)]
    [InlineData(7, 29.97002997002997, 7.0f / 29.97003f)]
    public void ReferenceTimestamp_IsAFloatDivision(long frameNumber, double frameRate, double expected)
    {
        Assert.Equal(expected, VpdqFrameHash.ReferenceTimestamp(frameNumber, frameRate));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-30.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ReferenceTimestamp_BadFrameRate_Throws(double frameRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VpdqFrameHash.ReferenceTimestamp(1, frameRate));
    }
}
