using System.Collections.Concurrent;
using Fingerprint.Hashing;
using Fingerprint.Media.Ffmpeg;
using Fingerprint.Media.Tests.Ffmpeg;
using Fingerprint.TestUtilities;
using Fingerprint.Video;
using Fingerprint.Video.Tmk;
using Fingerprint.Video.Vpdq;

namespace Fingerprint.Media.Tests.Video;

/// <summary>
/// The sample videos of conformance/video hashed once per test run (TMK at the reference sampling, vPDQ every frame),
/// shared by the conformance tests, and the reference files they are compared with.
/// </summary>
internal static class VideoConformanceData
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<TmkFeatures>>> s_tmk = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<VpdqFrameHash>>>> s_vpdq = new(StringComparer.Ordinal);

    public static string VideoPath(string name) => FfmpegTestEnvironment.Video(name + ".mp4");

    public static string ReferenceTmkPath(string name) => FfmpegTestEnvironment.TmkFile(name + ".tmk");

    public static string RecomputedVpdqPath(string name) =>
        Path.Combine(RepoPaths.VideoConformance, "recomputed-vpdq-ffmpeg5.1", name + ".txt");

    /// <summary>Names (without extension) of the sample videos present.</summary>
    public static IEnumerable<string> VideoNames() => FfmpegTestEnvironment.SampleVideoNames().Select(Path.GetFileNameWithoutExtension)!;

    /// <summary>Sample videos that have a reference <c>.tmk</c> (all but test-padded-dimensions).</summary>
    public static IEnumerable<string> VideosWithReferenceTmk() => VideoNames().Where(n => File.Exists(ReferenceTmkPath(n)));

    public static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (string n in names)
            data.Add(n);
        return data;
    }

    /// <summary>TMK+PDQF of a sample video through ffmpeg with the reference sampling (computed once per run).</summary>
    public static Task<TmkFeatures> TmkAsync(string name) =>
        s_tmk.GetOrAdd(name, n => new Lazy<Task<TmkFeatures>>(async () =>
        {
            await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(VideoPath(n), FfmpegTestEnvironment.Tools);
            return await TmkHasher.HashAsync(source, new PdqHasher());
        })).Value;

    /// <summary>vPDQ of every frame at native size (<c>vpdq-hash-video -r 0</c>), computed once per run.</summary>
    public static Task<IReadOnlyList<VpdqFrameHash>> VpdqEveryFrameAsync(string name) =>
        s_vpdq.GetOrAdd(name, n => new Lazy<Task<IReadOnlyList<VpdqFrameHash>>>(async () =>
        {
            await using FfmpegFrameSource source = await FfmpegFrameSource.OpenAsync(VideoPath(n), FfmpegTestEnvironment.Tools);
            return await VpdqHasher.HashAsync(source, FrameSampling.Vpdq(0), new PdqHasher(new PdqHasherOptions { Pipeline = PdqPipeline.FullRes }));
        })).Value;
}
