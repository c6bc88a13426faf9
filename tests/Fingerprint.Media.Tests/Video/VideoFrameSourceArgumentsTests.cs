using Fingerprint.Media.Ffmpeg;
using Fingerprint.Media.Tests.Ffmpeg;
using Fingerprint.Video;

namespace Fingerprint.Media.Tests.Video;

public class VideoFrameSourceArgumentsTests
{
    [Fact]
    public async Task GetArguments_Tmk_IsTheReferenceCommandsOutputOptions()
    {
        // tmk/cpp/hashing/filehasher.cpp: ffmpeg ... -i FILE -s 64:64 -an -f rawvideo -c:v rawvideo -pix_fmt rgb24 -r 15 pipe:1
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(VideoConformanceData.VideoPath("doorknob-hd-no-bar"), FfmpegTestEnvironment.Tools);

        IReadOnlyList<string> args = source.GetArguments(FrameSampling.Tmk);

        Assert.Equal(["-s", "64:64", "-f", "rawvideo", "-c:v", "rawvideo", "-pix_fmt", "rgb24", "-r", "15", "-"], args.Skip(args.Count - 11));
        Assert.Contains("-an", args);
        Assert.Equal("file:" + source.FullPath, args[args.ToList().IndexOf("-i") + 1]);
    }

    [Fact]
    public async Task GetArguments_VpdqOneSecond_SelectsEveryThirtiethFrameInsideFfmpeg()
    {
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(VideoConformanceData.VideoPath("doorknob-hd-no-bar"), FfmpegTestEnvironment.Tools);

        IReadOnlyList<string> args = source.GetArguments(FrameSampling.Vpdq(1.0));

        Assert.StartsWith("select=not(mod(n\\,30)),scale=1280:720:flags=area", args[args.ToList().IndexOf("-vf") + 1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetArguments_BadSampling_Throws()
    {
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(VideoConformanceData.VideoPath("doorknob-hd-no-bar"), FfmpegTestEnvironment.Tools);

        Assert.Throws<ArgumentException>(() => source.GetArguments(new FrameSampling { SecondsPerFrame = 1, FramesPerSecond = 15 }));
    }
}
