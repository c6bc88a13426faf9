// Source: facebook/ThreatExchange tmk/cpp/io/tmkiotypes.h (FeatureVectorFileHeader), tmk/cpp/io/tmkio.cpp
// (writeFeatureVectorFileHeader, readFeatureVectorFileHeader, checkMagic, algoFromMagic), tmk/cpp/algo/tmkfv.cpp
// (writeToOutputStream, readFromInputStream). Layout: conformance/video/README.md "File formats".

using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Fingerprint.Video.Tmk;

/// <summary>
/// The binary <c>.tmk</c> format, little-endian:
/// <code>
/// header (32 bytes): "TMK1" "FVEC" "PDQF" int32 framesPerSecond, int32 P, int32 m, int32 d, int32 frameFeatureCount
/// int32   periods[P]
/// float32 fourierCoefficients[m]
/// float32 pureAverage[d]
/// float32 cos[P][m][d]
/// float32 sin[P][m][d]
/// </code>
/// With the standard parameters (P = 4, m = 32, d = 256) a file is 263,344 bytes.
/// </summary>
public sealed partial class TmkFeatures
{
    public const int HeaderSize = 32;

    /// <summary>Larger files are refused before anything is allocated: the standard file is 263,344 bytes.</summary>
    public const int MaxFileSize = 64 << 20;

    // The reference caps nothing; the bounds are TmkParameters' (the product P x m x d is bounded again by MaxFileSize).
    private const int MaxPeriods = TmkParameters.MaxPeriodCount;
    private const int MaxFourierCoefficients = TmkParameters.MaxFourierCoefficientCount;
    private const int MaxDimension = TmkParameters.MaxFrameFeatureDimension;

    private static ReadOnlySpan<byte> ProjectMagic => "TMK1"u8;
    private static ReadOnlySpan<byte> FileTypeMagic => "FVEC"u8;
    private static ReadOnlySpan<byte> PdqfMagic => "PDQF"u8;

    /// <summary>The size in bytes of this fingerprint's <c>.tmk</c> file.</summary>
    public int FileSize => (int)ComputeFileSize(Parameters.PeriodCount, Parameters.FourierCoefficientCount, Parameters.FrameFeatureDimension);

    /// <summary>Writes the <c>.tmk</c> file (tmkfv.cpp writeToOutputStream).</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes());
    }

    /// <summary>The <c>.tmk</c> file as bytes.</summary>
    public byte[] ToBytes()
    {
        TmkParameters p = Parameters;
        byte[] bytes = new byte[FileSize];
        Span<byte> s = bytes;
        ProjectMagic.CopyTo(s);
        FileTypeMagic.CopyTo(s[4..]);
        PdqfMagic.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[12..], p.FramesPerSecond);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], p.PeriodCount);
        BinaryPrimitives.WriteInt32LittleEndian(s[20..], p.FourierCoefficientCount);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], p.FrameFeatureDimension);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], FrameFeatureCount);
        int offset = HeaderSize;
        foreach (int period in p.Periods)
        {
            BinaryPrimitives.WriteInt32LittleEndian(s[offset..], period);
            offset += 4;
        }
        offset = WriteFloats(s, offset, p.FourierCoefficients);
        offset = WriteFloats(s, offset, _pureAverage);
        offset = WriteFloats(s, offset, _cos);
        offset = WriteFloats(s, offset, _sin);
        System.Diagnostics.Debug.Assert(offset == bytes.Length);
        return bytes;
    }

    /// <summary>
    /// Reads a <c>.tmk</c> file. The stream must hold exactly one file: a short stream is reported as truncated and extra
    /// bytes after the sin vectors as trailing data (the reference ignores them; a file of another length is corrupt).
    /// </summary>
    /// <exception cref="InvalidDataException">The content is not a valid TMK+PDQF feature-vector file.</exception>
    public static TmkFeatures ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[HeaderSize];
        int got = stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false);
        if (got < HeaderSize)
            throw Corrupt($"truncated: {got} bytes, shorter than the {HeaderSize}-byte header");
        long size = ValidateHeader(header);
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining < size - HeaderSize)
                throw Corrupt($"truncated: {HeaderSize + remaining} bytes, the header announces {size}");
            if (remaining > size - HeaderSize)
                throw Corrupt($"{HeaderSize + remaining} bytes, the header announces {size} (trailing data)");
        }
        byte[] file = new byte[size];
        header.CopyTo(file);
        got = stream.ReadAtLeast(file.AsSpan(HeaderSize), (int)size - HeaderSize, throwOnEndOfStream: false);
        if (got < size - HeaderSize)
            throw Corrupt($"truncated: {HeaderSize + got} bytes, the header announces {size}");
        if (!stream.CanSeek && stream.ReadByte() >= 0)
            throw Corrupt($"longer than the {size} bytes the header announces (trailing data)");
        return Parse(file);
    }

    /// <summary>Reads a <c>.tmk</c> file held in memory; <paramref name="file"/> must be exactly one file.</summary>
    /// <exception cref="InvalidDataException">The content is not a valid TMK+PDQF feature-vector file.</exception>
    public static TmkFeatures Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderSize)
            throw Corrupt($"truncated: {file.Length} bytes, shorter than the {HeaderSize}-byte header");
        long size = ValidateHeader(file[..HeaderSize]);
        if (file.Length < size)
            throw Corrupt($"truncated: {file.Length} bytes, the header announces {size}");
        if (file.Length > size)
            throw Corrupt($"{file.Length} bytes, the header announces {size} (trailing data)");
        return Parse(file);
    }

    private static TmkFeatures Parse(ReadOnlySpan<byte> file)
    {
        int fps = BinaryPrimitives.ReadInt32LittleEndian(file[12..]);
        int p = BinaryPrimitives.ReadInt32LittleEndian(file[16..]);
        int m = BinaryPrimitives.ReadInt32LittleEndian(file[20..]);
        int d = BinaryPrimitives.ReadInt32LittleEndian(file[24..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(file[28..]);
        int offset = HeaderSize;

        int[] periods = new int[p];
        for (int i = 0; i < p; i++, offset += 4)
        {
            periods[i] = BinaryPrimitives.ReadInt32LittleEndian(file[offset..]);
            if (periods[i] <= 0 || periods[i] > TmkParameters.MaxPeriod)
                throw Corrupt($"period {i} is {periods[i]}; periods are frame counts in 1..{TmkParameters.MaxPeriod}");
        }
        float[] coefficients = ReadFloats(file, ref offset, m, "Fourier coefficients");
        foreach (float a in coefficients)
        {
            if (a < 0)
                throw Corrupt($"a Fourier coefficient is negative ({a})");
        }
        float[] pureAverage = ReadFloats(file, ref offset, d, "pure-average feature");
        int vectorFloats = p * m * d;
        float[] cos = ReadFloats(file, ref offset, vectorFloats, "cos features");
        float[] sin = ReadFloats(file, ref offset, vectorFloats, "sin features");
        System.Diagnostics.Debug.Assert(offset == file.Length);

        var parameters = new TmkParameters(fps, periods, coefficients, d);
        return new TmkFeatures(parameters, count, pureAverage, cos, sin);
    }

    /// <summary>Checks the magics and dimensions (tmkio.cpp checkMagic, algoFromMagic) and returns the file size.</summary>
    private static long ValidateHeader(ReadOnlySpan<byte> header)
    {
        CheckMagic(header[..4], ProjectMagic, "project");
        CheckMagic(header[4..8], FileTypeMagic, "file type");
        if (!header[8..12].SequenceEqual(PdqfMagic))
            throw Corrupt($"unrecognized frame-feature algorithm {Printable(header[8..12])}; only PDQF is defined");
        int fps = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        int p = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        int m = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
        int d = BinaryPrimitives.ReadInt32LittleEndian(header[24..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(header[28..]);
        if (fps <= 0)
            throw Corrupt($"frames per second is {fps}");
        if (p < 0 || p > MaxPeriods)
            throw Corrupt($"period count is {p} (expected 0..{MaxPeriods})");
        if (m < 0 || m > MaxFourierCoefficients)
            throw Corrupt($"Fourier-coefficient count is {m} (expected 0..{MaxFourierCoefficients})");
        if (d <= 0 || d > MaxDimension)
            throw Corrupt($"frame-feature dimension is {d} (expected 1..{MaxDimension})");
        if (count < 0)
            throw Corrupt($"frame-feature count is {count}");
        long size = ComputeFileSize(p, m, d);
        if (size > MaxFileSize)
            throw Corrupt($"the header announces {size} bytes (P={p}, m={m}, d={d}), more than the {MaxFileSize}-byte limit");
        return size;
    }

    private static long ComputeFileSize(int p, int m, int d) =>
        HeaderSize + 4L * p + 4L * m + 4L * d + 2L * 4L * p * m * d;

    private static void CheckMagic(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected, string what)
    {
        if (!actual.SequenceEqual(expected))
            throw Corrupt($"{what} magic is {Printable(actual)}, expected {Encoding.ASCII.GetString(expected)}");
    }

    private static string Printable(ReadOnlySpan<byte> magic)
    {
        var sb = new StringBuilder(magic.Length * 3 + 4);
        foreach (byte b in magic)
            sb.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        sb.Append(" (");
        foreach (byte b in magic)
            sb.Append(b.ToString("x2"));
        return sb.Append(')').ToString();
    }

    private static float[] ReadFloats(ReadOnlySpan<byte> file, ref int offset, int count, string what)
    {
        float[] values = new float[count];
        ReadOnlySpan<byte> bytes = file.Slice(offset, count * 4);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
        }
        else
        {
            for (int i = 0; i < count; i++)
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw Corrupt($"{what}: value {i} is {values[i]}");
        }
        offset += count * 4;
        return values;
    }

    private static int WriteFloats(Span<byte> destination, int offset, ReadOnlySpan<float> values)
    {
        Span<byte> bytes = destination.Slice(offset, values.Length * 4);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes[(i * 4)..], values[i]);
        }
        return offset + values.Length * 4;
    }

    private static InvalidDataException Corrupt(string detail) => new($"Not a valid TMK+PDQF .tmk file: {detail}.");
}
