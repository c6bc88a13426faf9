using System.Globalization;
using Fingerprint.Media.Tests.Ffmpeg;
using Fingerprint.TestUtilities;
using Fingerprint.Video.Tmk;

namespace Fingerprint.Media.Tests.Video;

/// <summary>
/// TMK+PDQF from real frames: ffmpeg with the reference command line (15 fps, 64x64, bicubic), PDQF, the accumulator.
/// The reference .tmk files of tmk/sample-hashes were recomputed bit-identical with this ffmpeg (5.1.9; conformance
/// video/README.md), so the demand is exact: every float, and the file bytes. The reference's own regression tolerance
/// (tmk-compare-two-tmks: scores > 0.92, or -s: each element within 8 % relative) is checked too, so a failure says
/// whether a difference would still pass upstream.
/// </summary>
public class TmkHasherConformanceTests
{
    public static TheoryData<string> VideosWithReference() => VideoConformanceData.Names(VideoConformanceData.VideosWithReferenceTmk());

    [Fact]
    public void SampleVideos_SevenHaveAReferenceTmk()
    {
        Assert.Equal(
            ["chair-19-sd-bar", "doorknob-hd-no-bar", "pattern-hd-no-bar", "pattern-longer-no-bar", "pattern-sd-grey-bar",
             "pattern-sd-with-large-logo-bar", "pattern-sd-with-small-logo-bar"],
            VideoConformanceData.VideosWithReferenceTmk());
    }

    [Theory]
    [MemberData(nameof(VideosWithReference))]
    public async Task Hash_SampleVideo_EqualsTheReferenceTmkExactly(string name)
    {
        byte[] referenceBytes = await File.ReadAllBytesAsync(VideoConformanceData.ReferenceTmkPath(name));
        TmkFeatures reference = TmkFeatures.Read(referenceBytes);

        TmkFeatures ours = await VideoConformanceData.TmkAsync(name);

        Assert.Equal(reference.Parameters, ours.Parameters);
        Assert.Equal(reference.FrameFeatureCount, ours.FrameFeatureCount);
        float maxDiff = MaxAbsDiff(reference, ours, out int differing);
        Assert.True(differing == 0, $"{name}: {differing} floats differ, max |diff| = {maxDiff:R}; within the reference's 8 % tolerance: {WithinRelative(reference, ours, 0.08f)}");
        Assert.Equal(referenceBytes, ours.ToBytes());
    }

    [Theory]
    [MemberData(nameof(VideosWithReference))]
    public async Task Hash_SampleVideo_PassesTheReferenceRegressionCheck(string name)
    {
        // tmk-compare-two-tmks: both scores against the reference > 0.92, and (-s) each element within 8 % relative.
        TmkFeatures reference = TmkFeatures.Read(await File.ReadAllBytesAsync(VideoConformanceData.ReferenceTmkPath(name)));
        TmkFeatures ours = await VideoConformanceData.TmkAsync(name);

        Assert.True(TmkScorer.Level1(ours, reference) > 0.92f);
        Assert.True(TmkScorer.Level2(ours, reference) > 0.92f);
        Assert.True(WithinRelative(reference, ours, 0.08f));
    }

    public static TheoryData<string, string, string, string> PresentPairs()
    {
        var present = new HashSet<string>(VideoConformanceData.VideosWithReferenceTmk().Select(n => n + ".tmk"), StringComparer.Ordinal);
        var data = new TheoryData<string, string, string, string>();
        foreach (string line in File.ReadAllLines(Path.Combine(RepoPaths.VideoConformance, "expected", "tmk-pair-scores.txt")).Skip(1))
        {
            string[] f = line.Split(' ');
            if (present.Contains(f[2]) && present.Contains(f[3]))
                data.Add(Path.GetFileNameWithoutExtension(f[2]), Path.GetFileNameWithoutExtension(f[3]), f[0], f[1]);
        }
        return data;
    }

    [Fact]
    public void PresentPairs_AreAll21PairsOfTheSevenVideos()
    {
        Assert.Equal(21, PresentPairs().Count);
    }

    [Theory]
    [MemberData(nameof(PresentPairs))]
    public async Task Scores_RecomputedFeatures_EqualTheReferencePairScoresToSixDecimals(string a, string b, string level1, string level2)
    {
        // tmk-two-level-score --c1 -1.0 --c2 0.0 prints "%.6f %.6f a b", in the argument (name) order used here.
        TmkFeatures fa = await VideoConformanceData.TmkAsync(a);
        TmkFeatures fb = await VideoConformanceData.TmkAsync(b);

        Assert.Equal(level1, TmkScorer.Level1(fa, fb).ToString("F6", CultureInfo.InvariantCulture));
        Assert.Equal(level2, TmkScorer.Level2(fa, fb).ToString("F6", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Hash_PaddedDimensionsVideo_HasOneFeaturePerFrameAt15FpsAndMatchesItself()
    {
        // No reference .tmk exists for it: 5 s at 30 fps -> ffmpeg -r 15 gives 75 frames (the same count ffmpeg
        // itself reports for the reference command line, checked here independently).
        TmkFeatures ours = await VideoConformanceData.TmkAsync("test-padded-dimensions");
        byte[] raw = FfmpegTestEnvironment.RunTool(FfmpegTestEnvironment.Tools.FfmpegPath, "-nostdin", "-loglevel", "error",
            "-i", VideoConformanceData.VideoPath("test-padded-dimensions"), "-s", "64:64", "-an", "-f", "rawvideo",
            "-c:v", "rawvideo", "-pix_fmt", "rgb24", "-r", "15", "pipe:1");

        Assert.Equal(raw.Length / (64 * 64 * 3), ours.FrameFeatureCount);
        Assert.Equal(0, raw.Length % (64 * 64 * 3));
        Assert.Equal(1f, TmkScorer.Level1(ours, ours), 1e-6f);
        Assert.Equal(1f, TmkScorer.Level2(ours, ours), 1e-5f);
    }

    private static float MaxAbsDiff(TmkFeatures a, TmkFeatures b, out int differing)
    {
        float max = 0;
        differing = 0;
        Compare(a.PureAverage, b.PureAverage, ref max, ref differing);
        Compare(a.CosFeatures, b.CosFeatures, ref max, ref differing);
        Compare(a.SinFeatures, b.SinFeatures, ref max, ref differing);
        return max;

        static void Compare(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ref float max, ref int differing)
        {
            for (int i = 0; i < x.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(x[i]) != BitConverter.SingleToInt32Bits(y[i]))
                {
                    differing++;
                    max = MathF.Max(max, MathF.Abs(x[i] - y[i]));
                }
            }
        }
    }

    /// <summary>tmk-compare-two-tmks -s: every element within <paramref name="tolerance"/> relative error.</summary>
    private static bool WithinRelative(TmkFeatures expected, TmkFeatures actual, float tolerance)
    {
        return Check(expected.PureAverage, actual.PureAverage) && Check(expected.CosFeatures, actual.CosFeatures)
            && Check(expected.SinFeatures, actual.SinFeatures);

        bool Check(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        {
            for (int i = 0; i < x.Length; i++)
            {
                float denominator = MathF.Max(MathF.Abs(x[i]), MathF.Abs(y[i]));
                if (denominator > 0 && MathF.Abs(x[i] - y[i]) / denominator > tolerance)
                    return false;
            }
            return true;
        }
    }
}
