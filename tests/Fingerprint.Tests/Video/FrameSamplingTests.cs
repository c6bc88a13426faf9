using Fingerprint.Video;

namespace Fingerprint.Tests.Video;

public class FrameSamplingTests
{
    [Theory]
    [InlineData(0.0, 30.0, 1)]            // -r 0: every frame
    [InlineData(1.0, 30.0, 30)]
    [InlineData(1.0, 29.97002997, 29)]    // (int) truncates, as the reference's static_cast<int>
    [InlineData(0.5, 25.0, 12)]
    [InlineData(1.0, 0.5, 1)]             // (int)0.5 == 0 -> 1 (filehasher.cpp's corner case)
    [InlineData(2.0, 0.0, 1)]
    [InlineData(1e12, 1e12, int.MaxValue)]
    public void FrameModFor_FollowsTheReferenceRule(double secondsPerFrame, double frameRate, int expected)
    {
        Assert.Equal(expected, new FrameSampling { SecondsPerFrame = secondsPerFrame }.FrameModFor(frameRate));
    }

    [Fact]
    public void Presets_AreTheReferenceSamplings()
    {
        Assert.Equal(new FrameSampling { SecondsPerFrame = 1.0, Scaler = FrameScaler.Area }, FrameSampling.VpdqDefault);
        Assert.Equal(new FrameSampling { FramesPerSecond = 15, Width = 64, Height = 64, Scaler = FrameScaler.Bicubic }, FrameSampling.Tmk);
        Assert.Equal(new FrameSampling { Width = 128, Height = 128, Scaler = FrameScaler.Area }, FrameSampling.Vpdq(0, 128, 128));
        Assert.True(FrameSampling.VpdqDefault.IsNativeSize);
        Assert.False(FrameSampling.Tmk.IsNativeSize);
    }

    public static TheoryData<FrameSampling> Invalid() =>
    [
        new FrameSampling { SecondsPerFrame = 1, FramesPerSecond = 15 },
        new FrameSampling { SecondsPerFrame = -1 },
        new FrameSampling { SecondsPerFrame = double.PositiveInfinity },
        new FrameSampling { FramesPerSecond = double.NaN },
        new FrameSampling { Width = 64, Height = 0 },
        new FrameSampling { Width = 0, Height = 64 },
        new FrameSampling { Width = -64, Height = -64 },
        new FrameSampling { Scaler = (FrameScaler)7 },
    ];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_Inconsistent_Throws(FrameSampling sampling)
    {
        Assert.Throws<ArgumentException>(sampling.Validate);
    }

    [Fact]
    public void Validate_Presets_Pass()
    {
        FrameSampling.VpdqDefault.Validate();
        FrameSampling.Tmk.Validate();
        FrameSampling.Vpdq(0, 128, 128).Validate();
    }
}
