using Fingerprint.Imaging;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.Video;

namespace Fingerprint.Media.Tests.Ffmpeg;

public class FfmpegArgumentsTests
{
    private static readonly FfprobeStreamInfo s_yuv420 = Info("yuv420p");

    [Fact]
    public void ForFrames_VpdqEveryFrameNativeSize_IsTheVerifiedCommand()
    {
        // Tools/compare-with-libav.sh runs this exact list against an in-process libav decode; keep the two in step.
        List<string> args = FfmpegArguments.ForFrames("/v/a.mp4", s_yuv420, FrameSampling.Vpdq(0), 1, out int w, out int h);

        Assert.Equal((480, 720), (w, h));
        Assert.Equal(
            ["-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file", "-noautorotate", "-i", "file:/v/a.mp4",
             "-map", "0:v:0", "-an", "-sn", "-dn", "-sws_flags", "area",
             "-vf", "scale=480:720:flags=area:in_color_matrix=bt601:in_range=limited,format=rgb24",
             "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
            args);
    }

    [Fact]
    public void ForFrames_VpdqOneSecondScaled_SelectsByFrameCounterInsideFfmpeg()
    {
        List<string> args = FfmpegArguments.ForFrames("/v/a.mp4", s_yuv420, FrameSampling.Vpdq(1.0, 128, 128), 30, out int w, out int h);

        Assert.Equal((128, 128), (w, h));
        Assert.Equal("select=not(mod(n\\,30)),scale=128:128:flags=area:in_color_matrix=bt601:in_range=limited,format=rgb24",
            args[args.IndexOf("-vf") + 1]);
    }

    [Fact]
    public void ForFrames_FullRangeYuvj_UsesFullInputRange()
    {
        List<string> args = FfmpegArguments.ForFrames("/v/a.mp4", Info("yuvj420p"), FrameSampling.Vpdq(0), 1, out _, out _);

        Assert.Contains("in_range=full", args[args.IndexOf("-vf") + 1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rgb24")]
    [InlineData("gray")]
    [InlineData(null)]
    public void ForFrames_NonYuvSource_LeavesTheColourConversionToFfmpeg(string? pixelFormat)
    {
        List<string> args = FfmpegArguments.ForFrames("/v/a.mp4", Info(pixelFormat), FrameSampling.Vpdq(0), 1, out _, out _);

        Assert.Equal("scale=480:720:flags=area,format=rgb24", args[args.IndexOf("-vf") + 1]);
    }

    [Fact]
    public void ForFrames_Tmk_IsTheReferenceCommandLine()
    {
        // tmk/cpp/hashing/filehasher.cpp: -i FILE -s 64:64 -an -f rawvideo -c:v rawvideo -pix_fmt rgb24 -r 15 pipe:1
        List<string> args = FfmpegArguments.ForFrames("/v/a.mp4", s_yuv420, FrameSampling.Tmk, 1, out int w, out int h);

        Assert.Equal((64, 64), (w, h));
        Assert.Equal(
            ["-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file", "-i", "file:/v/a.mp4",
             "-map", "0:v:0", "-an", "-sn", "-dn", "-s", "64:64",
             "-f", "rawvideo", "-c:v", "rawvideo", "-pix_fmt", "rgb24", "-r", "15", "-"],
            args);
    }

    [Fact]
    public void ForFrames_ResampledAtNativeSize_TurnsAutoRotationOffSoTheSizeIsTheProbedOne()
    {
        var sampling = new FrameSampling { FramesPerSecond = 29.97, Format = PixelFormat.Gray8, Scaler = FrameScaler.Area };

        List<string> args = FfmpegArguments.ForFrames("/v/a.mp4", s_yuv420, sampling, 1, out int w, out int h);

        Assert.Equal((480, 720), (w, h));
        Assert.Contains("-noautorotate", args);
        Assert.DoesNotContain("-s", args);
        Assert.Equal("area", args[args.IndexOf("-sws_flags") + 1]);
        Assert.Equal("gray", args[args.IndexOf("-pix_fmt") + 1]);
        Assert.Equal("29.97", args[args.IndexOf("-r") + 1]);
    }

    [Fact]
    public void InputUrl_PathThatLooksLikeAProtocolOrOption_StaysAFile()
    {
        Assert.Equal("file:/tmp/http:/x.mp4", FfmpegArguments.InputUrl("/tmp/http:/x.mp4"));
        Assert.Equal("file:/tmp/-y", FfmpegArguments.InputUrl("/tmp/-y"));
    }

    private static FfprobeStreamInfo Info(string? pixelFormat) => new()
    {
        StreamIndex = 0,
        CodecName = "h264",
        Width = 480,
        Height = 720,
        PixelFormat = pixelFormat,
        AverageFrameRateText = "30/1",
        RealFrameRateText = "30/1",
        FormatName = "mov,mp4,m4a,3gp,3g2,mj2",
    };
}
