namespace Fingerprint.Harness;

/// <summary>
/// One generated upload: a crop (x, y, w, h) of a prepared source (the source auto-oriented and resized to at most
/// 3.5 MP), resized to (outW, outH), saved as JPEG at a quality and chroma sampling; <see cref="Original"/> uploads also
/// keep that image losslessly (PNG) as the bank's original.
/// </summary>
internal sealed record UploadSpec(int Index, int Source, int X, int Y, int CropWidth, int CropHeight, int Width, int Height,
    int Quality, string Sampling, bool Original)
{
    public string Name => $"u{Index:D5}";
}
