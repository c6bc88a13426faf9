using System.Globalization;
using Fingerprint.TestUtilities;
using Fingerprint.Video.Tmk;

namespace Fingerprint.Tests.Video.Tmk;

public class TmkScorerTests
{
    private static readonly string s_hashes = Path.Combine(RepoPaths.VideoConformance, "tmk-sample-hashes");

    public static TheoryData<string, string, string, string> ExpectedPairs()
    {
        var data = new TheoryData<string, string, string, string>();
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.VideoConformance, "expected", "tmk-pair-scores.txt"));
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(' ');
            data.Add(f[2], f[3], f[0], f[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedPairs))]
    public void Score_ReferencePair_MatchesReferenceToSixDecimals(string fileA, string fileB, string level1, string level2)
    {
        TmkFeatures a = Read(fileA);
        TmkFeatures b = Read(fileB);
        Assert.Equal(level1, TmkScorer.Level1(a, b).ToString("F6", CultureInfo.InvariantCulture));
        Assert.Equal(level2, TmkScorer.Level2(a, b).ToString("F6", CultureInfo.InvariantCulture));
    }

    private static TmkFeatures Read(string name)
    {
        using FileStream stream = File.OpenRead(Path.Combine(s_hashes, name));
        return TmkFeatures.ReadFrom(stream);
    }
}
