using System.Collections.Concurrent;
using Fingerprint.Media.Tests.TestSupport;

namespace Fingerprint.Media.Tests;

/// <summary>Many files decoded in parallel, one <see cref="ImageDecoder"/> per worker, give exactly the serial bytes.</summary>
public class ConcurrencyTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    [Fact]
    public void Decode_ParallelWorkers_EqualSerialResults()
    {
        string[] names = GeneratedMedia.Recipes.Keys.Where(n => !n.StartsWith("tiff", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        byte[][] files = names.Select(n => File.ReadAllBytes(media.Get(n))).ToArray();
        var options = new[] { DecodeOptions.Reference, DecodeOptions.Default, new DecodeOptions { Profile = DecodeProfile.Fast, FastMinShortSide = 16, PreferGray = true } };

        var serial = new Dictionary<(int, int), byte[]>();
        using (var decoder = new ImageDecoder())
        {
            for (int f = 0; f < files.Length; f++)
                for (int o = 0; o < options.Length; o++)
                {
                    using DecodedImage image = decoder.Decode(files[f], options[o]);
                    serial[(f, o)] = [(byte)image.Pixels.Format, .. BitConverter.GetBytes(image.Pixels.Width), .. ImageMagick.Packed(image.Pixels)];
                }
        }

        // Each work item is repeated 6 times in a shuffled order so workers interleave formats and handles.
        var work = Enumerable.Range(0, 6).SelectMany(_ => serial.Keys).ToArray();
        new Random(20240611).Shuffle(work);
        var parallel = new ConcurrentBag<((int, int) Key, byte[] Bytes)>();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, () => new ImageDecoder(), (key, _, decoder) =>
        {
            using DecodedImage image = decoder.Decode(files[key.Item1], options[key.Item2]);
            parallel.Add((key, [(byte)image.Pixels.Format, .. BitConverter.GetBytes(image.Pixels.Width), .. ImageMagick.Packed(image.Pixels)]));
            return decoder;
        }, decoder => decoder.Dispose());

        Assert.Equal(work.Length, parallel.Count);
        foreach (((int f, int o) key, byte[] bytes) in parallel)
            Assert.True(serial[key].AsSpan().SequenceEqual(bytes), $"{names[key.f]} with options #{key.o} differs from the serial decode");
    }
}
