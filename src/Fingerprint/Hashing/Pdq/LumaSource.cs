using Fingerprint.Imaging;

namespace Fingerprint.Hashing.Pdq;

/// <summary>Luma rows of an image at full resolution (the <c>fullres</c> pipeline).</summary>
internal readonly ref struct LumaSource : ILumaRowSource
{
    private readonly ImageView _image;

    public LumaSource(ImageView image) => _image = image;

    public void FillRows(int firstRow, int count, Span<float> destination, int stride)
    {
        int w = _image.Width;
        for (int k = 0; k < count; k++)
            Luma.FillRow(_image.Format, _image.GetRow(firstRow + k), destination.Slice(k * stride, w));
    }
}
