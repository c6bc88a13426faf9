using Fingerprint.Internal;

namespace Fingerprint.Imaging.Regions;

/// <summary>
/// Thresholds of <see cref="RegionFinder"/>. Levels are on the 0..255 scale of one colour channel: two colours differ
/// by their largest channel difference (alpha ignored; a grey pixel has three equal channels). Fractions are of the
/// line, side or image named in each property. The defaults were chosen on synthetic memes (see the tests) and on the
/// reasoning given per property; <see cref="RegionFinder"/> validates them once, in its constructor.
/// </summary>
public sealed record RegionOptions
{
    /// <summary>The defaults.</summary>
    public static RegionOptions Default { get; } = new();

    /// <summary>
    /// Samples taken along each analysed row and column (default 128, 32..2048). Any row and any column of the image
    /// may be analysed (so borders and gutters are found to the pixel), but along its length only about this many
    /// evenly spaced pixels are read. Cost grows linearly with it. 128 (was 256) halves the cost; on the standard
    /// test corpus (benchmarks/RESULTS.md, "Robustness") it found the same regions for all but 5 of the 216 edited
    /// images, 4 of them closer to their original; outliers are counted with their run length
    /// (<see cref="RegionAnalyzer"/>), so the coarser step does not turn a frame line with a narrow gap into a border.
    /// </summary>
    public int SamplesPerLine { get; init; } = 128;

    /// <summary>
    /// A sample within this many levels of a colour counts as that colour (default 12, 0..127): in luma, and in the
    /// scaled-down chroma of <see cref="SampleColour"/> (so about 4x and 8x looser in raw chroma). Covers the +-3 noise
    /// of the tests and most JPEG noise on flat areas at quality 75 and up, and stays under the contrast of real edges.
    /// Measured on synthetic memes after an ImageMagick JPEG round trip (pads, caption bands, collages, plain photos;
    /// 32 per quality): 12 passes 32/32 at q90, 25/32 at q75, 21/32 at q50, never a false region on a plain photo;
    /// 16 passes 30/32 at q75 and 25/32 at q50 but misses a mid-grey gutter next to equally bright panels (a test
    /// here). Caption bands at q75 and below are the usual miss: ringing around the glyphs breaks the padding lines.
    /// </summary>
    public int ColorTolerance { get; init; } = 12;

    /// <summary>
    /// Share of a line's samples that may differ from its colour while the line still counts as uniform (default 0.03,
    /// 0..0.2): JPEG speckle, a dust pixel, a watermark dot. 0.05 helps JPEG further but makes a comic's frame line
    /// with one narrow gutter gap "uniform".
    /// </summary>
    public double OutlierFraction { get; init; } = 0.03;

    /// <summary>
    /// Trimming never leaves a side shorter than this share of the image's shorter side (default 0.25, 0.05..1): a
    /// near-flat image is not "trimmed" to a sliver. Within a panel, of the panel's shorter side. Relative to the
    /// shorter side, not to the dimension peeled, because a landscape picture in a portrait phone screenshot may fill
    /// well under a quarter of the screen's height (a 2:1 product shot at 60% width: 17%).
    /// </summary>
    public double MinContentFraction { get; init; } = 0.25;

    /// <summary>
    /// <see cref="MinContentFraction"/> for the loose trim (the <c>"content"</c> region; default 0.15, 0.05..1). Lower,
    /// because the loose trim exists for pictures whose edge cannot be seen, and the object left is often small: a
    /// product shot at 60% width in a phone screen, where the object fills 15-25% of the screen's width in height
    /// (measured on the test corpus: 0.10 and 0.15 found the same regions, 0.25 missed that screenshot).
    /// </summary>
    public double MinLooseContentFraction { get; init; } = 0.15;

    /// <summary>
    /// A border ends only where content begins along a straight line: at least this share of the samples across the
    /// border's inner edge must step away from the border colour, in the first two lines past it (default 0.4,
    /// 0.05..1). This is the rule that keeps a flat sky above an irregular horizon, and a smooth gradient, untrimmed.
    /// </summary>
    public double BoundaryContrastFraction { get; init; } = 0.4;

    /// <summary>
    /// <see cref="RegionKind.Trimmed"/> is reported only when some side lost at least this share of its dimension
    /// (default 0.01, 0..0.5) and at least <see cref="MinTrimPixels"/>.
    /// </summary>
    public double MinTrimFraction { get; init; } = 0.01;

    /// <summary>See <see cref="MinTrimFraction"/> (default 2, 1..4096).</summary>
    public int MinTrimPixels { get; init; } = 2;

    /// <summary>
    /// Peel caption bands, status bars and other "uniform background with sparse text" bands as well as plain borders
    /// (default true).
    /// </summary>
    public bool DetectTextBands { get; init; } = true;

    /// <summary>
    /// A text line (one row or column across a band) has at least this share of samples in the band colour
    /// (default 0.4, 0.05..0.95): dense caption fonts cover up to about half of a row through the letters.
    /// </summary>
    public double TextMinBackgroundFraction { get; init; } = 0.4;

    /// <summary>
    /// Text is high-contrast: at least a third of a text line's off-background samples differ from the band colour by
    /// this many levels (default 48, 1..255).
    /// </summary>
    public int TextMinContrast { get; init; } = 48;

    /// <summary>
    /// Text is made of strokes: the mean length of the off-background runs of a text line is at most this share of the
    /// line (default 1/12, at least 3 samples; 0.01..0.5). A horizon or an object edge makes long runs and is not text.
    /// </summary>
    public double TextMaxMeanRunFraction { get; init; } = 1.0 / 12;

    /// <summary>
    /// At most this share of the image's height (or width, for side bands) may be text lines in a row without a uniform
    /// line between them (default 0.2, 0.01..1): a caption line is short; a textured photo region is not a caption.
    /// </summary>
    public double MaxTextRunFraction { get; init; } = 0.2;

    /// <summary>
    /// Peel a symmetric pair of blurred-extension bands (a picture centred on a blurred copy of itself, as video apps
    /// fill the letterbox) after the uniform layers (default true).
    /// </summary>
    public bool DetectBlurredBands { get; init; } = true;

    /// <summary>
    /// A blurred band line is at most this share as active (mean absolute difference between samples about 8 px apart)
    /// as the picture's typical line (default 0.6, 0.01..0.9). A blur of the picture enlarged to cover the frame keeps
    /// less than half of its activity at this scale, noise included (measured on the synthetic tests: 0.2-0.55). The
    /// ratio is loose on purpose: what keeps photographs safe is that the bands come in a symmetric pair, each at least
    /// 4% of the dimension, ending where activity at least doubles from one line to the next along the whole edge.
    /// </summary>
    public double BlurredBandMaxActivity { get; init; } = 0.6;

    /// <summary>
    /// A border line may carry one overlay (a channel logo, a badge, a sticker) within a span of at most this share of
    /// the line and still count as border (default 0.25, 0..0.5; 0 turns this off): the meme in a video frame with a
    /// logo on its letterbox is still trimmed. Where the border ends is still decided by the straight-boundary rule
    /// (<see cref="BoundaryContrastFraction"/>), so a flat sky with one tree in it is not mistaken for a border.
    /// </summary>
    public double OverlayMaxFraction { get; init; } = 0.25;

    /// <summary>Split collages, comparison memes and comics into panels (default true).</summary>
    public bool DetectPanels { get; init; } = true;

    /// <summary>
    /// A panel is at least this share of the trimmed image's width and of its height (default 0.15, 0.01..0.5).
    /// </summary>
    public double MinPanelFraction { get; init; } = 0.15;

    /// <summary>A panel is at least this many pixels wide and high (default 64, 8..65536): smaller ones hash poorly.</summary>
    public int MinPanelPixels { get; init; } = 64;

    /// <summary>
    /// At most this many panels (default 8, 2..64). The split is refined level by level (XY-cut); a level that would
    /// exceed the cap is not taken, so the result is the finest split within the cap, never a truncated list.
    /// </summary>
    public int MaxPanels { get; init; } = 8;

    /// <summary>
    /// A gutter between panels is at least this many pixels wide (default 2, 1..4096) of uniform lines spanning the
    /// whole panel group. Panels that touch without a gutter are not split.
    /// </summary>
    public int MinGutterPixels { get; init; } = 2;

    /// <summary>Images narrower or shorter than this are not analysed: only "full" (default 16, 8..65536).</summary>
    public int MinImageSide { get; init; } = 16;

    internal void Validate()
    {
        Check(SamplesPerLine, 32, 2048, nameof(SamplesPerLine));
        Check(ColorTolerance, 0, 127, nameof(ColorTolerance));
        Check(OutlierFraction, 0, 0.2, nameof(OutlierFraction));
        Check(MinContentFraction, 0.05, 1, nameof(MinContentFraction));
        Check(MinLooseContentFraction, 0.05, 1, nameof(MinLooseContentFraction));
        Check(BoundaryContrastFraction, 0.05, 1, nameof(BoundaryContrastFraction));
        Check(MinTrimFraction, 0, 0.5, nameof(MinTrimFraction));
        Check(MinTrimPixels, 1, 4096, nameof(MinTrimPixels));
        Check(TextMinBackgroundFraction, 0.05, 0.95, nameof(TextMinBackgroundFraction));
        Check(TextMinContrast, 1, 255, nameof(TextMinContrast));
        Check(TextMaxMeanRunFraction, 0.01, 0.5, nameof(TextMaxMeanRunFraction));
        Check(MaxTextRunFraction, 0.01, 1, nameof(MaxTextRunFraction));
        Check(BlurredBandMaxActivity, 0.01, 0.9, nameof(BlurredBandMaxActivity));
        Check(OverlayMaxFraction, 0, 0.5, nameof(OverlayMaxFraction));
        Check(MinPanelFraction, 0.01, 0.5, nameof(MinPanelFraction));
        Check(MinPanelPixels, 8, 65536, nameof(MinPanelPixels));
        Check(MaxPanels, 2, RegionFinder.MaxPanelLimit, nameof(MaxPanels));
        Check(MinGutterPixels, 1, 4096, nameof(MinGutterPixels));
        Check(MinImageSide, 8, 65536, nameof(MinImageSide));
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            ThrowHelper.ThrowArgumentOutOfRange(name, $"{name} is {value}; it must be in {min}..{max}.");
    }

    private static void Check(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max)) // also rejects NaN
            ThrowHelper.ThrowArgumentOutOfRange(name, $"{name} is {value}; it must be in {min}..{max}.");
    }
}
