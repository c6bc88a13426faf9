using Fingerprint.Hashing;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>One corpus image in the fidelity run: its full-resolution reference and, per rule, what the fast decode gave.</summary>
internal sealed class ImageResult(CorpusFile file, int width, int height, HashResult reference, double referenceMs, int rules)
{
    public CorpusFile File { get; } = file;
    public int Width { get; } = width;
    public int Height { get; } = height;
    public HashResult Reference { get; } = reference;

    /// <summary>Decode (fullres, EXIF ignored) + PDQ fullres hash, best of the repeats, in ms.</summary>
    public double ReferenceMs { get; } = referenceMs;

    public string SizeClass => Corpus.SizeClass(Width, Height);
    public bool IsJpeg => File.Format == MediaFormat.Jpeg;

    public int[] Distance { get; } = new int[rules];
    public double[] Ms { get; } = new double[rules];
    public string[] Scale { get; } = new string[rules];
    public int[] OutWidth { get; } = new int[rules];
    public int[] OutHeight { get; } = new int[rules];

    public bool Scaled(int rule) => Scale[rule] != "1/1";

    /// <summary>Copies rule <paramref name="from"/>'s measurement to rule <paramref name="to"/> (a rule that decodes the same).</summary>
    public void CopyRule(int from, int to)
    {
        Distance[to] = Distance[from];
        Ms[to] = Ms[from];
        Scale[to] = Scale[from];
        OutWidth[to] = OutWidth[from];
        OutHeight[to] = OutHeight[from];
    }
}
