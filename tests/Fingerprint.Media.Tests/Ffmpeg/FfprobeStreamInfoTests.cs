using System.Globalization;
using System.Text;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.TestUtilities;

namespace Fingerprint.Media.Tests.Ffmpeg;

public class FfprobeStreamInfoTests
{
    public static TheoryData<string, string, int, int, string, string, string, long> ExpectedInfo()
    {
        // expected/sample-videos-info.csv lists every sample video of the snapshot; only 8 are copied here.
        var data = new TheoryData<string, string, int, int, string, string, string, long>();
        foreach (string line in File.ReadAllLines(Path.Combine(RepoPaths.VideoConformance, "expected", "sample-videos-info.csv")).Skip(1))
        {
            string[] f = line.Split(',');
            if (File.Exists(FfmpegTestEnvironment.Video(f[0])))
                data.Add(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5], f[6], long.Parse(f[7], CultureInfo.InvariantCulture));
        }
        return data;
    }

    [Fact]
    public void ExpectedInfo_CoversEverySampleVideoPresent()
    {
        Assert.Equal(8, ExpectedInfo().Count);
        Assert.Equal(8, FfmpegTestEnvironment.SampleVideoNames().Count());
    }

    [Theory]
    [MemberData(nameof(ExpectedInfo))]
    public async Task ProbeAsync_SampleVideo_MatchesExpectedInfo(string file, string codec, int width, int height,
        string pixelFormat, string frameRate, string duration, long frames)
    {
        FfprobeStreamInfo info = await FfprobeStreamInfo.ProbeAsync(FfmpegTestEnvironment.Video(file), FfmpegTestEnvironment.Tools);

        Assert.Equal(codec, info.CodecName);
        Assert.Equal((width, height), (info.Width, info.Height));
        Assert.Equal(pixelFormat, info.PixelFormat);
        Assert.Equal(frameRate, info.AverageFrameRateText);
        Assert.Equal(30.0, info.FrameRate);
        Assert.Equal(duration, info.StreamDurationSeconds!.Value.ToString("F6", CultureInfo.InvariantCulture));
        Assert.Equal(frames, info.FrameCount);
        Assert.Equal(0, info.StreamIndex);
        Assert.StartsWith("mov,mp4", info.FormatName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_Missing_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            FfprobeStreamInfo.ProbeAsync("/nonexistent/video.mp4", FfmpegTestEnvironment.Tools));
    }

    [Fact]
    public async Task ProbeAsync_ZeroLength_IsEmpty()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("empty.mp4");
        File.WriteAllBytes(path, []);

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => FfprobeStreamInfo.ProbeAsync(path, FfmpegTestEnvironment.Tools));

        Assert.Equal(VideoInputError.Empty, ex.Error);
    }

    [Theory]
    [InlineData(1UL, 100)]
    [InlineData(2UL, 5000)]
    [InlineData(3UL, 300_000)]
    public async Task ProbeAsync_RandomBytes_IsUnreadableWithFfprobesWords(ulong seed, int length)
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("random.mp4");
        byte[] bytes = new byte[length];
        new SplitMix64(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => FfprobeStreamInfo.ProbeAsync(path, FfmpegTestEnvironment.Tools));

        Assert.Equal(VideoInputError.Unreadable, ex.Error);
        Assert.NotEqual(0, ex.ExitCode);
        Assert.Contains("Invalid data", ex.StandardErrorTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_AudioOnly_IsAudioOnly()
    {
        using var dir = FfmpegTestEnvironment.CreateTempDirectory();
        string path = dir.File("tone.m4a");
        FfmpegTestEnvironment.RunTool(FfmpegTestEnvironment.Tools.FfmpegPath, "-nostdin", "-hide_banner", "-loglevel", "error",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", path);

        VideoInputException ex = await Assert.ThrowsAsync<VideoInputException>(() => FfprobeStreamInfo.ProbeAsync(path, FfmpegTestEnvironment.Tools));

        Assert.Equal(VideoInputError.AudioOnly, ex.Error);
    }

    [Fact]
    public void FromJson_NoStreams_IsNoVideoStream()
    {
        VideoInputException ex = Assert.Throws<VideoInputException>(() =>
            FfprobeStreamInfo.FromJson("""{"programs":[],"streams":[],"format":{"format_name":"mov,mp4"}}"""u8, "x.mp4"));

        Assert.Equal(VideoInputError.NoVideoStream, ex.Error);
    }

    [Fact]
    public void FromJson_DataStreamOnly_IsNoVideoStream()
    {
        VideoInputException ex = Assert.Throws<VideoInputException>(() =>
            FfprobeStreamInfo.FromJson("""{"streams":[{"index":0,"codec_type":"data"}]}"""u8, "x.mp4"));

        Assert.Equal(VideoInputError.NoVideoStream, ex.Error);
        Assert.Contains("data", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 720)]
    [InlineData(480, 0)]
    [InlineData(-1, 720)]
    public void FromJson_NoUsableSize_IsInvalidStream(int width, int height)
    {
        byte[] json = Encoding.UTF8.GetBytes($$"""{"streams":[{"index":0,"codec_type":"video","width":{{width}},"height":{{height}}}]}""");

        VideoInputException ex = Assert.Throws<VideoInputException>(() => FfprobeStreamInfo.FromJson(json, "x.mp4"));

        Assert.Equal(VideoInputError.InvalidStream, ex.Error);
    }

    [Fact]
    public void FromJson_NotJson_IsUnreadable()
    {
        VideoInputException ex = Assert.Throws<VideoInputException>(() => FfprobeStreamInfo.FromJson("not json"u8, "x.mp4"));

        Assert.Equal(VideoInputError.Unreadable, ex.Error);
    }

    [Fact]
    public void FromJson_SecondStreamIsVideo_PicksItAndFallsBackToRFrameRate()
    {
        FfprobeStreamInfo info = FfprobeStreamInfo.FromJson("""
            {"streams":[{"index":0,"codec_type":"audio"},
                        {"index":1,"codec_type":"video","codec_name":"vp9","width":64,"height":48,
                         "avg_frame_rate":"0/0","r_frame_rate":"25/1","duration":"N/A"}],
             "format":{"format_name":"matroska,webm","duration":"2.500000"}}
            """u8, "x.webm");

        Assert.Equal(1, info.StreamIndex);
        Assert.Equal(0, info.AverageFrameRate);
        Assert.Equal(25, info.FrameRate);
        Assert.Null(info.FrameCount);
        Assert.Null(info.StreamDurationSeconds);
        Assert.Equal(2.5, info.DurationSeconds);
    }

    [Theory]
    [InlineData("30/1", 30.0)]
    [InlineData("30000/1001", 30000.0 / 1001)]
    [InlineData("0/0", 0.0)]
    [InlineData("25/0", 0.0)]
    [InlineData("-5/1", 0.0)]
    [InlineData("12.5", 12.5)]
    [InlineData("", 0.0)]
    [InlineData("x/y", 0.0)]
    public void ParseRate_Text_GivesRateOrZero(string text, double expected)
    {
        Assert.Equal(expected, FfprobeStreamInfo.ParseRate(text));
    }
}
