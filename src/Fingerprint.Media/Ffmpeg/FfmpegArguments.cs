using System.Globalization;
using Fingerprint.Imaging;
using Fingerprint.Video;

namespace Fingerprint.Media.Ffmpeg;

/// <summary>
/// The ffmpeg argument lists (one argv entry each; never joined into a command string).
/// <para><b>Frame-counter sampling</b> (vPDQ: <see cref="FrameSampling.FramesPerSecond"/> = 0) reproduces the
/// reference's in-process libav decode (vpdq ffmpegwrapper.cpp, filehasher.cpp): the first video stream, no
/// auto-rotation, every decoded frame passed through (<c>-fps_mode passthrough</c>), frames kept by the decoder's frame
/// counter (<c>select=not(mod(n\,K))</c> inside ffmpeg, so only kept frames cross the pipe), then one swscale
/// conversion to RGB24 at the native or requested size with the requested scaler and the colour conversion swscale uses
/// by default in-process (BT.601 matrix; limited range unless the pixel format is a full-range yuvj* one), which the
/// scale filter would otherwise take from the stream's tags. Measured on the 8 sample videos with Debian's ffmpeg 5.1.9
/// against a small C program making the reference's libav calls (tests/Fingerprint.Media.Tests/Ffmpeg/Tools): byte-
/// identical RGB for every frame at native size and at 128x128 with SWS_AREA, and for frameMod 30.</para>
/// <para><b>Resampling</b> (TMK: <see cref="FrameSampling.FramesPerSecond"/> &gt; 0) is the reference's command line
/// (tmk/cpp/hashing/filehasher.cpp): <c>-s W:H -an -f rawvideo -c:v rawvideo -pix_fmt rgb24 -r FPS</c>, ffmpeg's default
/// scaler and auto-rotation; at native size auto-rotation is turned off so frames keep the probed size.</para>
/// Inputs are opened as <c>file:</c> URLs with <c>-protocol_whitelist file</c>, so a path can never be read as another
/// protocol and a playlist inside a file cannot reach the network.
/// </summary>
internal static class FfmpegArguments
{
    public static string InputUrl(string fullPath) => "file:" + fullPath;

    public static List<string> ForFrames(string fullPath, FfprobeStreamInfo info, FrameSampling sampling, int frameMod,
        out int width, out int height)
    {
        width = sampling.IsNativeSize ? info.Width : sampling.Width;
        height = sampling.IsNativeSize ? info.Height : sampling.Height;
        string pixelFormat = sampling.Format == PixelFormat.Gray8 ? "gray" : "rgb24";
        string scaler = sampling.Scaler == FrameScaler.Area ? "area" : "bicubic";
        var args = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file" };

        if (sampling.FramesPerSecond > 0)
        {
            if (sampling.IsNativeSize)
                args.Add("-noautorotate");
            args.AddRange(["-i", InputUrl(fullPath), "-map", "0:v:0", "-an", "-sn", "-dn"]);
            if (!sampling.IsNativeSize)
                args.AddRange(["-s", string.Create(CultureInfo.InvariantCulture, $"{width}:{height}")]);
            if (sampling.Scaler != FrameScaler.Bicubic)
                args.AddRange(["-sws_flags", scaler]);
            args.AddRange(["-f", "rawvideo", "-c:v", "rawvideo", "-pix_fmt", pixelFormat,
                "-r", sampling.FramesPerSecond.ToString("R", CultureInfo.InvariantCulture), "-"]);
            return args;
        }

        var filters = new List<string>();
        if (frameMod > 1)
            filters.Add(string.Create(CultureInfo.InvariantCulture, $"select=not(mod(n\\,{frameMod}))"));
        string scale = string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags={scaler}");
        if (IsYuv(info.PixelFormat))
            scale += ":in_color_matrix=bt601:in_range=" + (info.PixelFormat!.StartsWith("yuvj", StringComparison.Ordinal) ? "full" : "limited");
        filters.Add(scale);
        filters.Add("format=" + pixelFormat);

        args.AddRange(["-noautorotate", "-i", InputUrl(fullPath), "-map", "0:v:0", "-an", "-sn", "-dn",
            "-sws_flags", scaler, "-vf", string.Join(',', filters),
            "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", pixelFormat, "-"]);
        return args;
    }

    private static bool IsYuv(string? pixelFormat) =>
        pixelFormat is not null && (pixelFormat.StartsWith("yuv", StringComparison.Ordinal) || pixelFormat.StartsWith("nv", StringComparison.Ordinal));
}
