using Fingerprint.Hashing;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// One way of turning an upload's bytes into a PDQ hash, as the throughput benchmarks compare them: a decode profile
/// and a hasher (ours, <see cref="PdqHasher"/>, or the reference algorithm, <see cref="ReferencePdq"/>) with its
/// pipeline (fullres or cli512). <see cref="CreateWorker"/> gives each worker thread its own decoder and hasher
/// (neither is thread-safe).
/// </summary>
internal sealed record UploadPipeline(string Name, DecodeOptions Decode, bool Reference, PdqPipeline Pdq)
{
    /// <summary>Ours, as <c>fingerprint scan</c> runs it: the fast profile (defaults, EXIF applied) + our PDQ.</summary>
    public static UploadPipeline Fast { get; } = new("fast", DecodeOptions.Fast, Reference: false, PdqPipeline.FullRes);

    /// <summary>Our own full-decode pipeline: full RGB decode (<see cref="DecodeOptions.Reference"/>) + our PDQ fullres.</summary>
    public static UploadPipeline OurFullDecode { get; } = new("our full decode", DecodeOptions.Reference, Reference: false, PdqPipeline.FullRes);

    /// <summary>The reference pipeline, fullres: full RGB decode + the reference algorithm on the whole image.</summary>
    public static UploadPipeline ReferenceFullRes { get; } = new("reference fullres", DecodeOptions.Reference, Reference: true, PdqPipeline.FullRes);

    /// <summary>The reference pipeline, cli512 (pdq-photo-hasher): full RGB decode + 512x512 nearest neighbour + the reference algorithm.</summary>
    public static UploadPipeline ReferenceCli512 { get; } = new("reference cli512", DecodeOptions.Reference, Reference: true, PdqPipeline.Cli512);

    public Worker CreateWorker() => new(this);

    /// <summary>A decoder and a hasher for one thread.</summary>
    internal sealed class Worker(UploadPipeline pipeline) : IDisposable
    {
        private readonly ImageDecoder _decoder = new();
        private readonly PdqHasher? _ours = pipeline.Reference ? null : new PdqHasher(new PdqHasherOptions { Pipeline = pipeline.Pdq });
        private readonly ReferencePdq? _reference = pipeline.Reference ? new ReferencePdq(pipeline.Pdq) : null;

        public HashResult Hash(ReadOnlySpan<byte> data)
        {
            using DecodedImage image = _decoder.Decode(data, pipeline.Decode);
            return _reference is not null ? _reference.Hash(image.Pixels.AsView()) : _ours!.Hash(image.Pixels.AsView());
        }

        public void Dispose() => _decoder.Dispose();
    }
}
