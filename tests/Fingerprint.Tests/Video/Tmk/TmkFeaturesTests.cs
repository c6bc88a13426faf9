using System.Buffers.Binary;
using Fingerprint.TestUtilities;
using Fingerprint.Video.Tmk;

namespace Fingerprint.Tests.Video.Tmk;

public class TmkFeaturesTests
{
    private const int StandardFileSize = 263_344;   // conformance/video/README.md

    public static TheoryData<string> ReferenceFiles()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(RepoPaths.VideoConformance, "tmk-sample-hashes"), "*.tmk").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void ReferenceFiles_AreAllFifteen()
    {
        Assert.Equal(15, ReferenceFiles().Count);
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void ReadFrom_ReferenceFile_HasTheStandardParameters(string name)
    {
        byte[] file = ReadReference(name);

        TmkFeatures features = TmkFeatures.ReadFrom(new MemoryStream(file));

        Assert.Equal(StandardFileSize, file.Length);
        Assert.Equal(StandardFileSize, features.FileSize);
        Assert.Equal(TmkParameters.Default, features.Parameters);
        Assert.Equal(BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(28)), features.FrameFeatureCount);
        Assert.True(features.FrameFeatureCount > 0);
        Assert.Equal(256, features.PureAverage.Length);
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void ToBytes_ReferenceFile_RoundTripsByteForByte(string name)
    {
        byte[] file = ReadReference(name);

        TmkFeatures features = TmkFeatures.Read(file);
        var written = new MemoryStream();
        features.WriteTo(written);

        Assert.Equal(file, features.ToBytes());
        Assert.Equal(file, written.ToArray());
    }

    [Fact]
    public void ReadFrom_ReferenceFile_VectorsAreWhereTheLayoutSaysTheyAre()
    {
        byte[] file = ReadReference("chair-19-sd-bar.tmk");
        TmkFeatures features = TmkFeatures.Read(file);
        const int p = 4, m = 32, d = 256;
        int pureOffset = 32 + 4 * p + 4 * m;
        int cosOffset = pureOffset + 4 * d;
        int sinOffset = cosOffset + 4 * p * m * d;

        Assert.Equal(2731, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(32)));
        Assert.Equal(FloatAt(file, pureOffset + 4 * 5), features.PureAverage[5]);
        Assert.Equal(FloatAt(file, cosOffset + 4 * ((2 * m + 7) * d + 11)), features.GetCos(2, 7)[11]);
        Assert.Equal(FloatAt(file, sinOffset + 4 * ((3 * m + 31) * d + 255)), features.GetSin(3, 31)[255]);
        // sin[T][0] is always zero: it accumulates sin(0).
        Assert.All(Enumerable.Range(0, p), i => Assert.All(features.GetSin(i, 0).ToArray(), v => Assert.Equal(0f, v)));
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void ReadFrom_ReferenceFile_CosSinVectorsHaveNormSqrtAj(string name)
    {
        // finishFrameFeatureIngest L2-normalises every cos/sin vector, then scales it by sqrt(a_j).
        TmkFeatures features = TmkFeatures.Read(ReadReference(name));
        TmkParameters p = features.Parameters;
        for (int i = 0; i < p.PeriodCount; i++)
        {
            for (int j = 0; j < p.FourierCoefficientCount; j++)
            {
                double expected = Math.Sqrt(p.FourierCoefficients[j]);
                Assert.Equal(expected, Norm(features.GetCos(i, j)), expected * 1e-5);
                if (j > 0)
                    Assert.Equal(expected, Norm(features.GetSin(i, j)), expected * 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1000)]
    [InlineData(StandardFileSize / 2)]
    [InlineData(StandardFileSize - 1)]
    public void Read_Truncated_ThrowsInvalidData(int length)
    {
        byte[] file = ReadReference("doorknob-hd-no-bar.tmk").AsSpan(0, length).ToArray();

        InvalidDataException fromSpan = Assert.Throws<InvalidDataException>(() => TmkFeatures.Read(file));
        InvalidDataException fromSeekable = Assert.Throws<InvalidDataException>(() => TmkFeatures.ReadFrom(new MemoryStream(file)));
        InvalidDataException fromPipe = Assert.Throws<InvalidDataException>(() => TmkFeatures.ReadFrom(new NonSeekableStream(file)));

        Assert.Contains("truncated", fromSpan.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", fromSeekable.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", fromPipe.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingData_ThrowsInvalidData()
    {
        byte[] file = [.. ReadReference("doorknob-hd-no-bar.tmk"), 0];

        Assert.Throws<InvalidDataException>(() => TmkFeatures.Read(file));
        Assert.Throws<InvalidDataException>(() => TmkFeatures.ReadFrom(new MemoryStream(file)));
        Assert.Throws<InvalidDataException>(() => TmkFeatures.ReadFrom(new NonSeekableStream(file)));
    }

    [Theory]
    [InlineData(0, "project magic")]
    [InlineData(5, "file type magic")]
    [InlineData(8, "frame-feature algorithm")]
    public void Read_BadMagic_ThrowsNamingTheField(int offset, string expectedFragment)
    {
        byte[] file = ReadReference("doorknob-hd-no-bar.tmk");
        file[offset] = (byte)'X';

        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => TmkFeatures.Read(file));

        Assert.Contains(expectedFragment, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12, 0, "frames per second")]
    [InlineData(16, -1, "period count")]
    [InlineData(20, -1, "Fourier-coefficient count")]
    [InlineData(24, 0, "dimension")]
    [InlineData(28, -5, "frame-feature count")]
    [InlineData(24, 1 << 16, "limit")]               // 4 x 32 x 65536 x 8 bytes: refused before any allocation
    [InlineData(16, 65, "period count")]
    [InlineData(20, 1025, "Fourier-coefficient count")]
    [InlineData(20, 5000, "Fourier-coefficient count")]
    [InlineData(32, 0, "period 0")]                   // periods[0] = 0
    [InlineData(36, 70_000, "period 1")]              // level 2 would evaluate 70,000 offsets x m
    public void Read_BadHeaderOrPeriod_ThrowsInvalidData(int offset, int value, string expectedFragment)
    {
        byte[] file = ReadReference("doorknob-hd-no-bar.tmk");
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(offset), value);

        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => TmkFeatures.Read(file));

        Assert.Contains(expectedFragment, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Read_NonFiniteFloat_ThrowsInvalidData(float value)
    {
        byte[] file = ReadReference("doorknob-hd-no-bar.tmk");
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(StandardFileSize - 4), value);

        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => TmkFeatures.Read(file));

        Assert.Contains("sin features", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeFourierCoefficient_ThrowsInvalidData()
    {
        byte[] file = ReadReference("doorknob-hd-no-bar.tmk");
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(32 + 16 + 4), -0.5f);

        Assert.Throws<InvalidDataException>(() => TmkFeatures.Read(file));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(4, 0)]
    [InlineData(0, -1)]
    [InlineData(0, 32)]
    public void GetCos_IndexOutOfRange_Throws(int period, int coefficient)
    {
        TmkFeatures features = TmkFeatures.Read(ReadReference("doorknob-hd-no-bar.tmk"));

        Assert.Throws<ArgumentOutOfRangeException>(() => features.GetCos(period, coefficient).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => features.GetSin(period, coefficient).Length);
    }

    private static byte[] ReadReference(string name) =>
        File.ReadAllBytes(Path.Combine(RepoPaths.VideoConformance, "tmk-sample-hashes", name));

    private static float FloatAt(byte[] file, int offset) => BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(offset));

    private static double Norm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (float x in v)
            sum += (double)x * x;
        return Math.Sqrt(sum);
    }

    /// <summary>A read-only stream that cannot seek, as a pipe or network stream.</summary>
    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
