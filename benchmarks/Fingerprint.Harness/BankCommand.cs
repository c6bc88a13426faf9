using Fingerprint.Hashing;
using Fingerprint.Media;

namespace Fingerprint.Harness;

/// <summary>
/// <c>gen-bank</c>: a bank hash list for the scan benchmark: the PDQ fullres hashes of the given originals (what an
/// exchange delivers for known images: the reference decode, EXIF ignored), then uniform random hashes (SplitMix64,
/// fixed seed) up to <c>--count</c>. Written as hex lines for <c>fingerprint bank import</c>.
/// </summary>
internal static class BankCommand
{
    public const string Usage = "gen-bank --count 100000 --seed 1 --out bank.hex [--originals LIST_FILE]";

    public static int Run(HarnessArgs args)
    {
        int count = args.Int("count", 100_000);
        ulong seed = (ulong)args.Int("seed", 1);
        string output = args.Require("out");
        string? originals = args.Get("originals");
        args.RejectUnknown();

        var hashes = new List<Hash256>(count);
        if (originals is not null)
        {
            using var decoder = new ImageDecoder();
            var hasher = new PdqHasher();
            foreach (string path in File.ReadLines(originals).Where(l => l.Length > 0))
            {
                using DecodedImage image = decoder.Decode(File.ReadAllBytes(path), DecodeOptions.Reference);
                hashes.Add(hasher.Hash(image.Pixels.AsView()).Hash);
            }
        }
        int real = hashes.Count;
        var rng = new SplitMix64(seed);
        while (hashes.Count < count)
            hashes.Add(new Hash256(rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64()));
        HexHashFile.Write(output, hashes);
        Console.Error.WriteLine($"gen-bank: {hashes.Count} hashes ({real} from originals, {hashes.Count - real} random) -> {output}");
        return 0;
    }
}
