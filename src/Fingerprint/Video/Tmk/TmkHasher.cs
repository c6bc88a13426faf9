// Source: facebook/ThreatExchange tmk/cpp/hashing/filehasher.cpp (hashVideoFile: ffmpeg at 15 fps, 64x64 RGB, one
// frame feature per frame in stream order), tmk/cpp/hashing/bufferhashers.cpp (PDQFloatFrameBufferHasher::hashFrame:
// fillFloatLumaFromRGB then pdqFloat256FromFloatLuma, feature[i] = DCT coefficient i), tmk/cpp/algo/tmkfv.cpp
// (ingestFrameFeature, finishFrameFeatureIngest). SPEC.md §2-3.

using Fingerprint.Hashing;

namespace Fingerprint.Video.Tmk;

/// <summary>
/// TMK+PDQF: the reference's video hasher over an <see cref="IFrameSource"/>. Each frame of the resampled stream
/// (<see cref="FrameSampling.Tmk"/>: 15 fps, 64x64 RGB, ffmpeg's default bicubic scaler) becomes its PDQF feature (the
/// 256 float DCT coefficients of <see cref="PdqHasher.ComputeFloat(Imaging.ImageView, Span{float})"/>, which takes the
/// reference's 64x64 shortcut: luma copied, no Jarosz filter) and goes into a <see cref="TmkAccumulator"/> with frame
/// number t = its position in the stream. The result equals the reference's <c>.tmk</c> given the same frames (the
/// ffmpeg source reproduces the reference command line; <see cref="TmkAccumulator"/> its arithmetic).
/// <para>Frames of another size are accepted (PDQF filters them down to 64x64 first), so other sources (animations) can be
/// hashed, but only 64x64 frames give the reference's features. Thread-safe as long as each call gets its own
/// <see cref="PdqHasher"/>.</para>
/// </summary>
public static class TmkHasher
{
    /// <summary>Hashes <paramref name="source"/> with the reference sampling (<see cref="FrameSampling.Tmk"/>) and parameters.</summary>
    public static Task<TmkFeatures> HashAsync(IFrameSource source, PdqHasher hasher, CancellationToken cancellationToken = default) =>
        HashAsync(source, FrameSampling.Tmk, hasher, TmkParameters.Default, cancellationToken);

    /// <summary>
    /// Hashes <paramref name="source"/> read with <paramref name="sampling"/>, which must resample to the parameters'
    /// frame rate (the periods are counted in frames at that rate).
    /// </summary>
    /// <exception cref="ArgumentException">The sampling does not resample to <see cref="TmkParameters.FramesPerSecond"/>, or
    /// the parameters' frame-feature dimension is not PDQF's 256.</exception>
    public static async Task<TmkFeatures> HashAsync(IFrameSource source, FrameSampling sampling, PdqHasher hasher,
        TmkParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.FrameFeatureDimension != TmkParameters.PdqfDimension)
            throw new ArgumentException($"PDQF frame features have {TmkParameters.PdqfDimension} floats; the parameters say {parameters.FrameFeatureDimension}.", nameof(parameters));
        if (sampling.FramesPerSecond != parameters.FramesPerSecond)
            throw new ArgumentException($"TMK periods are counted in frames at {parameters.FramesPerSecond} fps; the sampling must resample to that rate (FramesPerSecond = {sampling.FramesPerSecond}).", nameof(sampling));

        var accumulator = new TmkAccumulator(parameters);
        float[] feature = new float[TmkParameters.PdqfDimension];
        await foreach (VideoFrame frame in source.ReadFramesAsync(sampling, cancellationToken))
        {
            using (frame)
            {
                hasher.ComputeFloat(frame.Pixels.AsView(), feature);
                accumulator.Add(feature);
            }
        }
        return accumulator.Finish();
    }
}
