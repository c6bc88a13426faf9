using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>A file of the corpus: path, format sniffed from its content, size in bytes.</summary>
internal sealed record CorpusFile(string Path, MediaFormat Format, long Bytes);
