using System.Security.Cryptography;
using Fingerprint.Hashing;
using Fingerprint.Imaging;
using Fingerprint.Matching;
using Fingerprint.Media;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.Video;
using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Cli.Processing;

/// <summary>
/// Reads, sniffs, decodes and hashes one input at a time. One per worker: it owns native decoder handles and hasher
/// scratch (neither is thread-safe). Never throws for a bad input: the error goes into <see cref="ProcessedMedia.Error"/>.
/// </summary>
internal sealed class MediaProcessor : IDisposable
{
    private readonly ProcessingOptions _options;
    private readonly DecodeOptions _decodeOptions;
    private readonly ImageDecoder _decoder = new();
    private readonly PdqHasher _hasher;
    private readonly PdqHasher _frameHasher = new(new PdqHasherOptions { Pipeline = PdqPipeline.FullRes });
    private readonly PdqHasher _tmkHasher = new(new PdqHasherOptions { Pipeline = PdqPipeline.FullRes });
    private readonly Lazy<FfmpegTools> _ffmpeg;
    private readonly RegionHashing? _regions;

    public MediaProcessor(ProcessingOptions options)
    {
        _options = options;
        _decodeOptions = options.ToDecodeOptions();
        _hasher = new PdqHasher(new PdqHasherOptions
        {
            Pipeline = options.Profile == DecodeProfile.Cli512 ? PdqPipeline.Cli512 : PdqPipeline.FullRes,
        });
        _ffmpeg = new Lazy<FfmpegTools>(() => FfmpegLocator.Locate(options.FfmpegPath, options.FfprobePath));
        _regions = RegionHashing.Create(options.Regions, _hasher, _frameHasher);
    }

    /// <summary>Set by a scan: finds an earlier input with the same SHA-256, whose hashes are then reused.</summary>
    public Func<string, ProcessedMedia?>? DuplicateLookup { get; set; }

    public async Task<ProcessedMedia> ProcessAsync(string path, CancellationToken ct)
    {
        var result = new ProcessedMedia { Path = path };
        try
        {
            await ProcessCoreAsync(result, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            result.Error = ProcessingError.From(ex);
        }
        return result;
    }

    private async Task ProcessCoreAsync(ProcessedMedia result, CancellationToken ct)
    {
        string path = result.Path;
        if (Directory.Exists(path))
            throw new IOException($"'{path}' is a directory");
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"'{path}' does not exist", path);

        byte[] header = new byte[FormatSniffer.HeaderBytes];
        int headerLength;
        await using (FileStream probe = OpenRead(path))
            headerLength = await probe.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        MediaFormat format = FormatSniffer.Sniff(header.AsSpan(0, headerLength));
        result.Format = FormatName(format);

        if (format == MediaFormat.Video)
        {
            await ProcessVideoAsync(result, info, ct);
            return;
        }

        if (info.Length > _options.Limits.MaxBytes)
        {
            throw new MediaException(MediaErrorCode.LimitExceeded,
                $"file is {info.Length:N0} bytes, over the {_options.Limits.MaxBytes:N0}-byte limit");
        }
        byte[] data = await File.ReadAllBytesAsync(path, ct);
        result.Sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        if (data.Length == 0)
            throw new MediaException(MediaErrorCode.Empty, "file is empty (0 bytes)");
        if (DuplicateLookup?.Invoke(result.Sha256) is { } earlier)
        {
            result.CopyHashesFrom(earlier);
            return;
        }

        if (ImageDecoder.IsAnimated(data))
        {
            await ProcessAnimationAsync(result, data, ct);
            return;
        }

        result.Kind = MediaKind.Image;
        using DecodedImage image = _decoder.Decode(data, _decodeOptions);
        result.Width = image.SourceWidth;
        result.Height = image.SourceHeight;
        HashImage(result, image.Pixels.AsView());
    }

    /// <summary>Hashes decoded pixels into <paramref name="result"/> (PDQ, and the dihedral variants when asked).</summary>
    private void HashImage(ProcessedMedia result, ImageView view)
    {
        if (_options.Dihedral)
        {
            DihedralHashes d = _hasher.HashDihedral(view);
            result.Dihedral = d;
            result.Pdq = d.Original;
        }
        else
        {
            result.Pdq = _hasher.Hash(view);
        }
        _regions?.HashStill(result, view);
    }

    private async Task ProcessAnimationAsync(ProcessedMedia result, byte[] data, CancellationToken ct)
    {
        result.Kind = MediaKind.Animation;
        using (DecodedImage first = _decoder.Decode(data, _decodeOptions))
        {
            result.Width = first.SourceWidth;
            result.Height = first.SourceHeight;
            HashImage(result, first.Pixels.AsView());
        }
        await using IFrameSource source = _decoder.OpenAnimation(data, _decodeOptions);
        await HashFramesAsync(result, source, ct);
    }

    /// <summary>
    /// vPDQ of the sampled frames (the reference's per-frame hash and timestamp, <see cref="VpdqHasher.HashFrame"/>) and,
    /// with <see cref="ProcessingOptions.Regions"/> and <see cref="ProcessingOptions.FrameRegions"/>, the meme-aware regions
    /// of every sampled frame (the picture inside its borders, panels: <see cref="RegionHashing"/>, numbered and timed as
    /// the frames), from one decode.
    /// </summary>
    private async Task HashFramesAsync(ProcessedMedia result, IFrameSource source, CancellationToken ct)
    {
        RegionHashing? regions = _options.FrameRegions ? _regions : null;
        result.Frames = await VpdqHasher.HashAsync(regions?.Tap(source) ?? source, FrameSampling.Vpdq(_options.SecondsPerFrame), _frameHasher, ct);
        regions?.CollectFrames(result);
    }

    private async Task ProcessVideoAsync(ProcessedMedia result, FileInfo info, CancellationToken ct)
    {
        result.Kind = MediaKind.Video;
        if (!_options.Videos)
            throw new MediaException(MediaErrorCode.UnsupportedFormat, "video input skipped (--no-video)");
        await using (FileStream stream = OpenRead(info.FullName))
            result.Sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        if (info.Length == 0)
            throw new MediaException(MediaErrorCode.Empty, "file is empty (0 bytes)");
        if (DuplicateLookup?.Invoke(result.Sha256) is { } earlier)
        {
            result.CopyHashesFrom(earlier);
            return;
        }
        await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(info.FullName, _ffmpeg.Value, _options.Ffmpeg, ct);
        result.Width = source.StreamInfo.Width;
        result.Height = source.StreamInfo.Height;
        await HashFramesAsync(result, source, ct);
        ThrowIfCut(source);
        if (_options.Tmk)
        {
            result.Tmk = await TmkHasher.HashAsync(source, _tmkHasher, ct);
            ThrowIfCut(source);
        }
    }

    /// <summary>
    /// A stream ffmpeg reports cut off (a truncated upload) is an error for the input, not a partial result: its frames
    /// cover only part of the video, and its vPDQ percentages and TMK features would describe another video. Other
    /// decode errors (a damaged packet) keep the frames that decoded.
    /// </summary>
    private static void ThrowIfCut(FfmpegFrameSource source)
    {
        if (source.LastRun is { LooksTruncated: true } run)
        {
            string last = run.StandardErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            throw new VideoInputException(VideoInputError.Truncated,
                $"the video is cut off: ffmpeg decoded {run.FramesDelivered} sampled frames, then reported \"{last}\"", run.ExitCode);
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    internal static string FormatName(MediaFormat format) => format switch
    {
        MediaFormat.Unknown => "unknown",
        _ => format.ToString().ToLowerInvariant(),
    };

    public void Dispose() => _decoder.Dispose();
}
