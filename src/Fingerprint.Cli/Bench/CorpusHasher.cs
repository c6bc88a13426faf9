using System.Diagnostics;
using Fingerprint.Cli.Progress;
using Fingerprint.Hashing;
using Fingerprint.Hashing.Classic;
using Fingerprint.Imaging;
using Fingerprint.Imaging.Regions;
using Fingerprint.Matching;
using Fingerprint.Media;

namespace Fingerprint.Cli.Bench;

/// <summary>
/// Decodes and hashes every image of a corpus once, in parallel (one decoder and one set of hashers per worker), for
/// all the algorithms at once. Results are stored by item index, so they do not depend on the number of workers.
/// </summary>
internal static class CorpusHasher
{
    public static ItemHashes[] HashAll(CorpusManifest corpus, DecodeOptions decode, int workers, ProgressReporter progress, CancellationToken ct)
    {
        var results = new ItemHashes[corpus.Items.Count];
        progress.SetTotal(results.Length);
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct };
        Parallel.For(0, results.Length, options,
            () => new Worker(),
            (i, _, worker) =>
            {
                results[i] = worker.Hash(Path.Combine(corpus.Directory, corpus.Items[i].File), decode);
                progress.Completed(results[i].Failed, matched: false);
                return worker;
            },
            worker => worker.Dispose());
        return results;
    }

    /// <summary>The per-thread decoder and hashers.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly ImageDecoder _decoder = new();
        private readonly PdqHasher _pdq = new();
        private readonly RegionFinder _finder = new();
        private readonly RegionHasher _regions;
        private readonly ClassicHasher _classic = new();
        private readonly List<ImageRegion> _found = [];

        public Worker() => _regions = new RegionHasher(_pdq, _finder);

        public ItemHashes Hash(string path, DecodeOptions decode)
        {
            byte[] data;
            try
            {
                data = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new ItemHashes { Error = ex.Message };
            }

            long start = Stopwatch.GetTimestamp();
            DecodedImage image;
            try
            {
                image = _decoder.Decode(data, decode);
            }
            catch (MediaException ex) when (ex is not NativeDependencyException)
            {
                return new ItemHashes { Error = $"{ex.Code}: {ex.Message}" };
            }
            catch (ArgumentException ex)
            {
                return new ItemHashes { Error = ex.Message };
            }
            using (image)
            {
                ImageView view = image.Pixels.AsView();
                long decoded = Stopwatch.GetTimestamp();
                HashResult pdq = _pdq.Hash(view);
                long hashed = Stopwatch.GetTimestamp();
                DihedralHashes dihedral = _pdq.HashDihedral(view);
                long dihedralDone = Stopwatch.GetTimestamp();
                _finder.FindRegions(view, _found);
                long found = Stopwatch.GetTimestamp();
                var regions = new List<HashedRegion>();
                _regions.HashRegions(view, RegionScope.Query, regions);
                long regionsDone = Stopwatch.GetTimestamp();
                _regions.HashRegions(view, RegionScope.AspectCrops, regions);    // entries only: not part of a scan's cost
                long aspectDone = Stopwatch.GetTimestamp();
                long classicStart = Stopwatch.GetTimestamp();
                Hash64 a = _classic.AverageHash(view);
                Hash64 d = _classic.DifferenceHash(view);
                Hash64 p = _classic.PerceptualHash(view);
                long classicDone = Stopwatch.GetTimestamp();
                return new ItemHashes
                {
                    Pdq = pdq,
                    Dihedral = dihedral,
                    Regions = regions,
                    AHash = a,
                    DHash = d,
                    PHash = p,
                    Width = view.Width,
                    Height = view.Height,
                    DecodeMs = Ms(start, decoded),
                    PdqMs = Ms(decoded, hashed),
                    DihedralMs = Ms(hashed, dihedralDone),
                    FindMs = Ms(dihedralDone, found),
                    RegionsMs = Ms(found, regionsDone),
                    ClassicMs = Ms(classicStart, classicDone),
                };
            }
        }

        private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

        public void Dispose() => _decoder.Dispose();
    }
}
