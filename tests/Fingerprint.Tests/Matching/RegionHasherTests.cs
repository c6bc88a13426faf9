using Fingerprint.Hashing;
using Fingerprint.Imaging.Regions;
using Fingerprint.Matching;
using Fingerprint.Tests.Imaging.Regions;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Matching;

public class RegionHasherTests
{
    /// <summary>
    /// Bound for a region hash against the hash of the same pixels drawn alone: the region differs only by the +-3
    /// noise (drawn after the layout, so it differs between the two canvases) and by at most a 1-2 px trim error, which
    /// move PDQ by a few bits; 16 leaves margin and stays far below the 31 match threshold.
    /// </summary>
    private const int SameContentBits = 16;

    private const int Threshold = MatchOptions.DefaultMaxDistance;

    [Theory]
    [InlineData(11UL, 40, 90, 40, 90)]     // letterbox, black
    [InlineData(12UL, 120, 0, 120, 0)]     // pillarbox
    [InlineData(13UL, 60, 60, 60, 60)]     // all sides
    public void HashRegions_PaddedPhoto_TrimmedRegionMatchesTheUnpaddedPhoto(ulong seed, int left, int top, int right, int bottom)
    {
        const int w = 480, h = 360;
        DihedralHashes original = new PdqHasher().HashDihedral(SyntheticMemes.Photo(seed, w, h).View);
        (SyntheticCanvas padded, RegionRect photo) = SyntheticMemes.Padded(seed, w, h, (left, top, right, bottom),
            [SyntheticMemes.Black, SyntheticMemes.Black, SyntheticMemes.Black, SyntheticMemes.Black]);
        var hasher = new RegionHasher(new PdqHasher());
        var regions = new List<HashedRegion>();

        int added = hasher.HashRegions(padded.View, RegionScope.Trimmed, regions);

        Assert.Equal(1, added);
        HashedRegion trimmed = Assert.Single(regions);
        Assert.Equal("trimmed", trimmed.Name);
        Assert.Equal(RegionKind.Trimmed, trimmed.Kind);
        Assert.Equal(photo, trimmed.Rect);
        Assert.InRange(trimmed.Hashes.Orig.DistanceTo(original.Orig), 0, SameContentBits);
    }

    [Fact]
    public void HashRegions_CaptionedPhoto_TrimmedRegionMatchesWhereTheWholeImageDoesNot()
    {
        const ulong seed = 21;
        const int w = 480, h = 320;
        DihedralHashes original = new PdqHasher().HashDihedral(SyntheticMemes.Photo(seed, w, h).View);
        (SyntheticCanvas meme, RegionRect photo) = SyntheticMemes.Captioned(seed, w, h, topLines: 2, bottomLines: 1, textHeight: 28,
            SyntheticMemes.White, SyntheticMemes.White);
        var pdq = new PdqHasher();
        var hasher = new RegionHasher(pdq);
        var regions = new List<HashedRegion>();

        hasher.HashRegions(meme.View, RegionScope.Query, regions);

        // The case regions exist for: the captioned image as a whole is too far from the original to match...
        Assert.True(pdq.HashDihedral(meme.View).Orig.DistanceTo(original.Orig) > Threshold);
        // ...its trimmed region is the photo and matches it.
        HashedRegion trimmed = Assert.Single(regions, r => r.Kind == RegionKind.Trimmed);
        Assert.Equal(photo, trimmed.Rect);
        Assert.InRange(trimmed.Hashes.Orig.DistanceTo(original.Orig), 0, SameContentBits);
    }

    [Fact]
    public void HashRegions_MirroredPaddedPhoto_MatchesThroughADihedralVariantOfTheTrimmedRegion()
    {
        const ulong seed = 31;
        SyntheticCanvas photo = SyntheticMemes.Photo(seed, 400, 300);
        Hash256 original = new PdqHasher().Hash(photo.View).Hash;
        (SyntheticCanvas padded, _) = SyntheticMemes.Padded(seed, 400, 300, (0, 80, 0, 80),
            [SyntheticMemes.White, SyntheticMemes.White, SyntheticMemes.White, SyntheticMemes.White]);
        SyntheticCanvas mirrored = MirrorLeftRight(padded);
        var regions = new List<HashedRegion>();

        new RegionHasher(new PdqHasher()).HashRegions(mirrored.View, RegionScope.Trimmed, regions);

        HashedRegion trimmed = Assert.Single(regions);
        Assert.True(trimmed.Hashes.Orig.DistanceTo(original) > Threshold);
        int best = Enumerable.Range(0, 8).Min(v => trimmed.Hashes[(DihedralVariant)v].DistanceTo(original));
        Assert.InRange(best, 0, SameContentBits);
    }

    [Fact]
    public void HashRegions_KnownPhotoAsAPanelOfANewCollage_MatchesThroughThePanel()
    {
        const int w = 300, h = 220;
        Hash256 known = new PdqHasher().Hash(Draw(w, h, 101).View).Hash;
        SyntheticCanvas collage = Collage(w, h, [102, 101, 103, 104]);   // the known photo is panel 1 of a new collage
        var regions = new List<HashedRegion>();

        new RegionHasher(new PdqHasher()).HashRegions(collage.View, RegionScope.Query, regions);

        Assert.Equal(4, regions.Count(r => r.Kind == RegionKind.Panel));
        HashedRegion match = Assert.Single(regions, r => r.Hashes.Orig.DistanceTo(known) <= Threshold);
        Assert.Equal("panel-1", match.Name);
        Assert.InRange(match.Hashes.Orig.DistanceTo(known), 0, SameContentBits);
    }

    [Fact]
    public void HashRegions_SharedPanelCollage_DoesNotMatchABankedCollageUnderTheDefaultPolicy()
    {
        const int w = 300, h = 220;
        SyntheticCanvas banked = Collage(w, h, [201, 202, 203, 204]);
        SyntheticCanvas upload = Collage(w, h, [211, 212, 213, 201]);   // shares photo 201, at another position
        var pdq = new PdqHasher();
        var hasher = new RegionHasher(pdq);

        // The bank entry: whole image + trimmed (RegionScope.Trimmed, the default policy). The upload: everything.
        var entry = new List<Hash256> { pdq.Hash(banked.View).Hash };
        var entryRegions = new List<HashedRegion>();
        hasher.HashRegions(banked.View, RegionScope.Trimmed, entryRegions);
        entry.AddRange(entryRegions.Select(r => r.Hashes.Orig));
        var query = new List<Hash256>(pdq.HashDihedral(upload.View).ToArray());
        var queryRegions = new List<HashedRegion>();
        hasher.HashRegions(upload.View, RegionScope.Query, queryRegions);
        foreach (HashedRegion r in queryRegions)
            query.AddRange(r.Hashes.ToArray());

        Assert.Contains(entryRegions, r => r.Kind == RegionKind.Trimmed);
        Assert.DoesNotContain(entryRegions, r => r.Kind == RegionKind.Panel);
        int closest = query.Min(q => entry.Min(e => q.DistanceTo(e)));
        Assert.True(closest > Threshold, $"closest distance {closest}");

        // With the banked collage's panels indexed (bank add --index-panels) the shared panel does match: the policy,
        // not chance, keeps the default apart.
        var panels = new List<HashedRegion>();
        hasher.HashRegions(banked.View, RegionScope.Query, panels);
        int viaPanel = query.Min(q => panels.Min(p => q.DistanceTo(p.Hashes.Orig)));
        Assert.InRange(viaPanel, 0, SameContentBits);
    }

    [Fact]
    public void HashRegions_PlainPhoto_AddsNothing()
    {
        var regions = new List<HashedRegion>();
        int added = new RegionHasher(new PdqHasher()).HashRegions(SyntheticMemes.Photo(41, 500, 375).View, RegionScope.Query, regions);
        Assert.Equal(0, added);
        Assert.Empty(regions);
    }

    [Fact]
    public void HashRegions_ScopeNone_AddsNothingAndKeepsTheList()
    {
        (SyntheticCanvas padded, _) = SyntheticMemes.Padded(42, 300, 200, (50, 50, 50, 50),
            [SyntheticMemes.Black, SyntheticMemes.Black, SyntheticMemes.Black, SyntheticMemes.Black]);
        var existing = new HashedRegion(
            "trimmed", RegionKind.Trimmed, new RegionRect(0, 0, 1, 1), new DihedralHashes(new Hash256[8], 0));
        var regions = new List<HashedRegion> { existing };

        int added = new RegionHasher(new PdqHasher()).HashRegions(padded.View, RegionScope.None, regions);

        Assert.Equal(0, added);
        Assert.Equal([existing], regions);
    }

    [Fact]
    public void HashRegions_LowQualityRegion_IsDroppedByTheQualityGate()
    {
        // A smooth horizontal ramp (60..200) in a black letterbox: the finder trims the bars, but the ramp's PDQ quality
        // is 0 (every 64x64 neighbour difference is under 1 level, truncated to 0 by the quality metric).
        var canvas = new SyntheticCanvas(400, 400);
        canvas.Fill(SyntheticMemes.Black);
        var picture = new RegionRect(0, 80, 400, 240);
        for (int y = picture.Y; y < picture.Bottom; y++)
        {
            for (int x = 0; x < 400; x++)
            {
                byte v = (byte)(60 + 140 * x / 399);
                int o = 3 * (y * 400 + x);
                canvas.Rgb[o] = canvas.Rgb[o + 1] = canvas.Rgb[o + 2] = v;
            }
        }

        var ungated = new List<HashedRegion>();
        new RegionHasher(new PdqHasher(), minQuality: 0).HashRegions(canvas.View, RegionScope.Query, ungated);
        var gated = new List<HashedRegion>();
        int added = new RegionHasher(new PdqHasher()).HashRegions(canvas.View, RegionScope.Query, gated);

        // "trimmed", and "content": the loose trim also cuts into the ramp (its end columns are within the colour
        // tolerance of the edge). Both are flat.
        HashedRegion trimmed = Assert.Single(ungated, r => r.Name == "trimmed");
        Assert.Equal(picture, trimmed.Rect);
        Assert.All(ungated, r => Assert.True(r.Quality < MatchOptions.DefaultMinQuality, $"{r.Name} quality {r.Quality}"));
        Assert.Equal(0, added);
        Assert.Empty(gated);
    }

    [Theory]
    [InlineData(1600, 900, 1, 1, 350, 0, 900, 900)]      // 16:9 to square: 700 px cut from the width, 350 each side
    [InlineData(1600, 900, 4, 3, 200, 0, 1200, 900)]
    [InlineData(1600, 900, 3, 4, 462, 0, 675, 900)]      // 900 x 3 / 4 = 675 wide: 42% kept, under half: none
    [InlineData(900, 1600, 16, 9, 0, 547, 900, 506)]     // 900 x 9 / 16 = 506 high: 32% kept
    [InlineData(1000, 800, 4, 5, 180, 0, 640, 800)]
    [InlineData(1000, 760, 4, 3, 0, 5, 1000, 750)]       // cuts 1.3% of the height: under the 4% minimum
    public void AspectCrop_CentreCropsToTheRatio_OrNothing(int w, int h, int aw, int ah, int x, int y, int cw, int ch)
    {
        RegionRect? crop = RegionHasher.AspectCrop(new RegionRect(0, 0, w, h), (aw, ah));
        var expected = new RegionRect(x, y, cw, ch);
        double kept = Math.Min((double)cw / w, (double)ch / h);
        bool made = kept >= 0.5 && kept <= 1 - 0.04;
        if (made)
            Assert.Equal(expected, crop);
        else
            Assert.Null(crop);
    }

    [Fact]
    public void AspectCrop_OfATrimmedRegion_StaysInsideIt()
    {
        var content = new RegionRect(40, 30, 800, 450);
        RegionRect? crop = RegionHasher.AspectCrop(content, (1, 1));
        Assert.Equal(new RegionRect(40 + 175, 30, 450, 450), crop);
    }

    [Fact]
    public void HashRegions_AspectCrops_MatchACollageCellCroppedFromThePhoto()
    {
        // A 16:9 photo banked whole; a new collage crops it to a 4:3 cell (centre crop, then scaled to 300 x 225).
        const ulong seed = 71;
        SyntheticCanvas photo = SyntheticMemes.Photo(seed, 640, 360);
        var pdq = new PdqHasher();
        var entry = new List<HashedRegion>();
        new RegionHasher(pdq).HashRegions(photo.View, RegionScope.Entry | RegionScope.AspectCrops, entry);

        // 1:1 keeps 360/640 of the width and 4:3 480/640; 4:5 (288), 3:4 (270) and 9:16 keep under half; 16:9 is the photo.
        Assert.Equal(["aspect-1x1", "aspect-4x3"], entry.Select(r => r.Name));
        Assert.All(entry, r => Assert.Equal(RegionKind.AspectCrop, r.Kind));
        HashedRegion fourThree = entry.Single(r => r.Name == "aspect-4x3");
        Assert.Equal(new RegionRect(80, 0, 480, 360), fourThree.Rect);

        // The cell: the same centre crop, scaled down (nearest neighbour) to 300 x 225.
        var cell = new SyntheticCanvas(300, 225);
        for (int y = 0; y < 225; y++)
        {
            for (int x = 0; x < 300; x++)
            {
                int sx = 80 + x * 480 / 300, sy = y * 360 / 225;
                Array.Copy(photo.Rgb, 3 * (sy * 640 + sx), cell.Rgb, 3 * (y * 300 + x), 3);
            }
        }
        Hash256 query = pdq.Hash(cell.View).Hash;
        Assert.True(query.DistanceTo(pdq.Hash(photo.View).Hash) > Threshold);
        Assert.InRange(query.DistanceTo(fourThree.Hashes.Orig), 0, SameContentBits);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new RegionHasher(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegionHasher(new PdqHasher(), minQuality: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegionHasher(new PdqHasher(), minQuality: 101));
        var hasher = new RegionHasher(new PdqHasher());
        Assert.Throws<ArgumentNullException>(() => hasher.HashRegions(SyntheticMemes.Photo(1, 32, 32).View, RegionScope.Trimmed, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => hasher.HashRegions(SyntheticMemes.Photo(1, 32, 32).View, (RegionScope)8, []));
    }

    /// <summary>
    /// A 2 x 2 collage of <paramref name="w"/> x <paramref name="h"/> photos (seed 0: flat grey) with 12 px white gutters
    /// and margins, in reading order, with the same +-3 noise as <see cref="SyntheticMemes"/>.
    /// </summary>
    internal static SyntheticCanvas Collage(int w, int h, ulong[] seeds)
    {
        const int gutter = 12;
        var canvas = new SyntheticCanvas(2 * w + 3 * gutter, 2 * h + 3 * gutter);
        canvas.Fill(SyntheticMemes.White);
        for (int i = 0; i < 4; i++)
        {
            var rect = new RegionRect(gutter + (i % 2) * (w + gutter), gutter + (i / 2) * (h + gutter), w, h);
            if (seeds[i] == 0)
                canvas.Fill(rect, SyntheticMemes.MidGrey);
            else
                canvas.Photo(rect, new SplitMix64(seeds[i]));
        }
        canvas.Noise(new SplitMix64(9000 + seeds[0]), SyntheticMemes.NoiseAmplitude);
        return canvas;
    }

    /// <summary>One photo drawn alone, with noise.</summary>
    private static SyntheticCanvas Draw(int w, int h, ulong seed)
    {
        var canvas = new SyntheticCanvas(w, h);
        canvas.Photo(new RegionRect(0, 0, w, h), new SplitMix64(seed));
        canvas.Noise(new SplitMix64(seed + 77), SyntheticMemes.NoiseAmplitude);
        return canvas;
    }

    private static SyntheticCanvas MirrorLeftRight(SyntheticCanvas source)
    {
        var mirrored = new SyntheticCanvas(source.Width, source.Height);
        for (int y = 0; y < source.Height; y++)
        {
            for (int x = 0; x < source.Width; x++)
            {
                int from = 3 * (y * source.Width + x), to = 3 * (y * source.Width + source.Width - 1 - x);
                mirrored.Rgb[to] = source.Rgb[from];
                mirrored.Rgb[to + 1] = source.Rgb[from + 1];
                mirrored.Rgb[to + 2] = source.Rgb[from + 2];
            }
        }
        return mirrored;
    }
}
