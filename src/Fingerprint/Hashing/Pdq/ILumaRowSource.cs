namespace Fingerprint.Hashing.Pdq;

/// <summary>
/// Where the streaming downsampler (<see cref="JaroszFilter.Downsample{TSource}"/>) gets float luma, a band of rows at a
/// time: the full-resolution image (<see cref="LumaSource"/>) or its 512x512 nearest-neighbour resize
/// (<see cref="NearestNeighbor512"/>). Implemented by ref structs that borrow the caller's <see cref="Imaging.ImageView"/>.
/// </summary>
internal interface ILumaRowSource
{
    /// <summary>Writes luma rows <paramref name="firstRow"/> .. +<paramref name="count"/>-1 (each as wide as the image)
    /// at <c>destination[k * stride]</c>.</summary>
    void FillRows(int firstRow, int count, Span<float> destination, int stride);
}
