using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fingerprint.Imaging.Regions;

/// <summary>
/// The geometry behind <see cref="RegionFinder"/>: border/band peeling and XY-cut panel splitting over the line grids
/// of one image. Not thread-safe; owns all its scratch.
/// </summary>
/// <remarks>
/// <para>
/// Sources. Panels: recursive XY-cut on projection profiles (Nagy and Seth 1984, "Hierarchical representation of
/// optically scanned documents", ICPR; the refinement of Ha, Haralick and Phillips 1995, "Recursive X-Y cut using
/// bounding boxes of connected components"), with the "profile" reduced to one question per line: is it a gutter
/// (uniform across the whole current rectangle, or a caption band between uniform lines)? Comic panel extraction by
/// gutter detection follows the same scheme (e.g. Tanaka et al. 2007, "Layout analysis of tree-structured scene
/// frames in comic images", IJCAI: a division line is a straight run of background across the whole frame). Borders:
/// the classic "trim while the edge row is the edge colour" (ImageMagick's <c>-trim</c> with <c>-fuzz</c>), made
/// safe for photographs by the boundary rule below. Caption bands: a text-line detector in the spirit of
/// run-length/projection text segmentation (Wong, Casey and Wahl 1982, "Document analysis system", IBM J. Res. Dev.:
/// text lines are background with short runs of ink).
/// </para>
/// <para>
/// Samples are colours (<see cref="SampleColour"/>); "the same colour" means within
/// <see cref="RegionOptions.ColorTolerance"/> in every channel. A line is uniform when at most
/// <see cref="RegionOptions.OutlierFraction"/> of its samples are off the colour and they are speckle (runs of at most
/// two samples on average), not structure. While a border is peeled, a line that is the border colour but for one
/// span of at most <see cref="RegionOptions.OverlayMaxFraction"/> (a logo stuck on a letterbox bar) goes on as border.
/// </para>
/// <para>
/// Peeling one layer from one side: the side's edge line must be uniform; its colour is the per-channel median of its
/// central half. Runs of another uniform colour at the ends of the edge line are the neighbouring sides' borders
/// (corners) and are set aside for the whole layer, so each side may have its own colour. Walk inward classifying
/// each line against the colour as <see cref="LineClass.Uniform"/>, <see cref="LineClass.Text"/> or
/// <see cref="LineClass.Content"/>; stop at the picture (a non-uniform run that is not a line of text closed by
/// uniform lines again). Candidate ends are the lines where a uniform line is followed by a non-uniform one. The
/// deepest candidate that is a strict boundary wins (a straight step: at least
/// <see cref="RegionOptions.BoundaryContrastFraction"/> of the samples change across it, and two of the next four
/// lines are content that far off the colour); failing that, the first candidate if it is a loose boundary (the same
/// without "content", for text-like picture edges); failing that, nothing. So a caption band is peeled down to the
/// picture below its last padding line, while a flat sky above an irregular horizon (no straight step), a smooth
/// gradient (no step at all) and a lone text line (no content after it) are not. Nothing is peeled that would leave a
/// side shorter than <see cref="RegionOptions.MinContentFraction"/> of the shorter side. Layers are peeled side after
/// side, round after round, so a pad around a caption meme, or a status bar above side borders, comes off layer by
/// layer.
/// </para>
/// <para>
/// The loose trim (<see cref="LooseTrim"/>, the <c>"content"</c> region) peels the strictly trimmed box again with the
/// same walk but no boundary rule and a smaller keep share (<see cref="RegionOptions.MinLooseContentFraction"/>): each
/// side comes off down to where the walk met the picture. It is a canonical form rather than a guess at the true
/// edge: a banked photo and its screenshot lose the same flat sky or studio backdrop, so they meet where the strict
/// trim cannot see the picture's edge (a pale sky against a light theme's white).
/// </para>
/// <para>
/// Panels: a gutter is a run of at least <see cref="RegionOptions.MinGutterPixels"/> lines uniform across the whole
/// current rectangle (widened through caption lines closed by uniform lines of the same colour), strictly inside it,
/// with a loose boundary on at least one side (with one, the cut is made on that side and the uniform run goes with the
/// other panel: a product shot on a background of the gutter's colour has no straight edge). Cuts are taken greedily
/// in order where both pieces keep the minimum panel size; horizontal gutters are tried first, so panels come in
/// reading order. Each new panel is peeled (frame lines, residual margins, its own caption). Level by level, every
/// panel is split again, up to four levels, keeping the last level within <see cref="RegionOptions.MaxPanels"/>; the
/// pieces of kept levels that were split again are the groups (a whole meme inside a collage).
/// </para>
/// </remarks>
internal sealed class RegionAnalyzer
{
    internal const int MinLineSamples = 8;
    private const int MaxCandidates = 256;
    private const int MaxPeelRounds = 16;
    private const int MaxSplitLevels = 4;
    private const int BoundaryLookahead = 4;
    private const int RunProbe = 4;
    private const int ProbeCount = 16;

    /// <summary>The longest mean run of off-colour samples a uniform line may have (see <see cref="Classify"/>).</summary>
    private const int MaxOutlierRun = 2;

    /// <summary>Below a mean of this many levels between samples a picture is too flat to tell from a blur.</summary>
    private const int MinContentActivity = 4;

    /// <summary>
    /// A blurred-extension band is at least this share of its dimension: apps add them to change the aspect ratio
    /// (4:5 in 9:16 gives 11% bars, 16:9 in 9:16 34%), so thin low-activity strips (frame lines) are not bands.
    /// </summary>
    private const double MinBlurredBandFraction = 0.04;

    /// <summary>Pixels between the samples compared by the blurred-band activity measure (at least one sample step).</summary>
    private const int ActivitySpan = 8;

    private readonly RegionOptions _options;
    private readonly int _tolerance;
    private readonly LineGrid _rows = new();
    private readonly LineGrid _columns = new();
    private readonly int[] _histogram = new int[256];
    private readonly int[] _candidates = new int[MaxCandidates];
    private List<Box> _level = new(RegionFinder.MaxPanelLimit * 2);
    private List<Box> _next = new(RegionFinder.MaxPanelLimit * 2);
    private readonly List<Box> _cut = new(RegionFinder.MaxPanelLimit * 2);
    private int _minPanelWidth;
    private int _minPanelHeight;

    public RegionAnalyzer(RegionOptions options)
    {
        _options = options;
        _tolerance = options.ColorTolerance;
    }

    private enum Edge
    {
        Top,
        Bottom,
        Left,
        Right,
    }

    internal LineGrid Rows => _rows;

    internal LineGrid Columns => _columns;

    /// <summary>Samples every row and every column of the image now.</summary>
    public void Load(ImageView image)
    {
        _rows.Reset(image.Height, image.Width, _options.SamplesPerLine);
        _columns.Reset(image.Width, image.Height, _options.SamplesPerLine);
        LineSampler.SampleRows(image, _rows);
        LineSampler.SampleColumns(image, _columns);
    }

    /// <summary>
    /// Prepares the line grids of an image whose pixels start at <paramref name="pixels"/> (pinned by the caller until
    /// <see cref="Detach"/>): lines are sampled when the analysis first reads them, with the same values
    /// <see cref="Load"/> gives. A plain photo then costs a few edge lines and the gutter probes, not every line.
    /// </summary>
    public unsafe void Attach(byte* pixels, ImageView image)
    {
        _rows.Reset(image.Height, image.Width, _options.SamplesPerLine);
        _columns.Reset(image.Width, image.Height, _options.SamplesPerLine);
        _rows.Attach(pixels, image.Stride, image.Format, columns: false);
        _columns.Attach(pixels, image.Stride, image.Format, columns: true);
    }

    /// <summary>Ends <see cref="Attach"/>.</summary>
    public void Detach()
    {
        _rows.Detach();
        _columns.Detach();
    }

    /// <summary>
    /// The image-level trim: layers from every side (<see cref="PeelAll"/>), then a symmetric pair of blurred-extension
    /// bands (<see cref="PeelBlurredPair"/>), left/right before top/bottom, then layers again.
    /// </summary>
    public Box Trim(Box full)
    {
        Box box = full;
        PeelAll(ref box, full);
        if (_options.DetectBlurredBands)
        {
            bool changed = PeelBlurredPair(ref box, full, rowsAreLines: false);
            changed |= PeelBlurredPair(ref box, full, rowsAreLines: true);
            if (changed)
                PeelAll(ref box, full);
        }
        return box;
    }

    /// <summary>
    /// The loose trim of an already trimmed box: layers peeled from every side down to the first line of picture, with
    /// no boundary rule (<see cref="PeelAll"/> with <c>loose</c>). ImageMagick's <c>-trim -fuzz</c>, made aware of text
    /// bands. Not a guess at the original's edges but a canonical form: the same flat margin of sky, studio white or
    /// dark backdrop comes off the banked original and off its screenshot alike, so the two meet even where the
    /// picture's edge has the colour of the UI around it and no boundary can be seen.
    /// </summary>
    public Box LooseTrim(Box trimmed, Box full)
    {
        Box box = trimmed;
        PeelAll(ref box, full, loose: true);
        return box;
    }

    /// <summary>Peels layers from all four sides, round after round, until none changes.</summary>
    public void PeelAll(ref Box box, Box reference, bool loose = false)
    {
        for (int round = 0; round < MaxPeelRounds; round++)
        {
            bool changed = PeelLayer(ref box, Edge.Top, reference, loose);
            changed |= PeelLayer(ref box, Edge.Bottom, reference, loose);
            changed |= PeelLayer(ref box, Edge.Left, reference, loose);
            changed |= PeelLayer(ref box, Edge.Right, reference, loose);
            if (!changed)
                return;
        }
    }

    /// <summary>
    /// Splits <paramref name="outer"/> into panels by recursive XY-cut, level by level (horizontal gutters first, so
    /// panels come in reading order), keeping the finest level with at most <see cref="RegionOptions.MaxPanels"/>
    /// panels. Each panel is peeled of its own frame and margins. <paramref name="panels"/> is cleared; it receives
    /// nothing unless there are at least two panels. <paramref name="groups"/> receives the pieces of the kept levels
    /// that were cut again (not <paramref name="outer"/> itself), coarsest level first, at most MaxPanels of them.
    /// </summary>
    public void SplitPanels(Box outer, List<Box> panels, List<Box> groups)
    {
        panels.Clear();
        groups.Clear();
        _minPanelWidth = Math.Max(_options.MinPanelPixels, (int)Math.Ceiling(outer.Width * _options.MinPanelFraction));
        _minPanelHeight = Math.Max(_options.MinPanelPixels, (int)Math.Ceiling(outer.Height * _options.MinPanelFraction));
        _level.Clear();
        _level.Add(outer);
        for (int level = 0; level < MaxSplitLevels; level++)
        {
            _next.Clear();
            _cut.Clear();
            foreach (Box piece in _level)
            {
                if (SplitPiece(piece, rowsAreLines: true) || SplitPiece(piece, rowsAreLines: false))
                    _cut.Add(piece);
                else
                    _next.Add(piece);
            }
            if (_cut.Count == 0 || _next.Count > _options.MaxPanels)
                break;
            if (level > 0)
            {
                foreach (Box piece in _cut)
                {
                    if (groups.Count < _options.MaxPanels)
                        groups.Add(piece);
                }
            }
            (_level, _next) = (_next, _level);
        }
        if (_level.Count >= 2)
            panels.AddRange(_level);
        else
            groups.Clear();
    }

    /// <summary>
    /// Peels one layer from <paramref name="edge"/>. Strict (default): where the walk's deepest straight boundary is (see
    /// the class remarks). <paramref name="loose"/>: where the walk met the picture, boundary or not, provided it met it
    /// (a walk that runs out of depth or candidates peels nothing).
    /// </summary>
    private bool PeelLayer(ref Box box, Edge edge, Box reference, bool loose)
    {
        bool rowsAreLines = edge is Edge.Top or Edge.Bottom;
        LineGrid grid = rowsAreLines ? _rows : _columns;
        int lineLo = rowsAreLines ? box.Y0 : box.X0;
        int lineHi = rowsAreLines ? box.Y1 : box.X1;
        int extent = lineHi - lineLo;
        int referenceExtent = rowsAreLines ? reference.Height : reference.Width;
        double keepFraction = loose ? _options.MinLooseContentFraction : _options.MinContentFraction;
        int minKeep = Math.Max(1, (int)Math.Ceiling(Math.Min(reference.Width, reference.Height) * keepFraction));
        int maxDepth = extent - minKeep;
        if (maxDepth < 1)
            return false;
        grid.Range(rowsAreLines ? box.X0 : box.Y0, rowsAreLines ? box.X1 : box.Y1, out int s0, out int s1);
        int n = s1 - s0;
        if (n < MinLineSamples)
            return false;
        int dir = edge is Edge.Top or Edge.Left ? 1 : -1;
        int first = dir > 0 ? lineLo : lineHi - 1;

        ReadOnlySpan<byte> edgeLine = grid.Span(first, s0, n);
        int background = CentralMedian(edgeLine);
        int prefix = EndRun(edgeLine, background, fromStart: true);
        int suffix = EndRun(edgeLine[(prefix * SampleColour.Channels)..], background, fromStart: false);
        int m0 = s0 + prefix;
        int m = n - prefix - suffix;
        if (m < Math.Max(MinLineSamples, n / 3))
            return false;
        int prefixColour = SampleColour.At(edgeLine, 0);
        int suffixColour = SampleColour.At(edgeLine, n - 1);

        // Walk inward from a uniform edge line. Uniform lines continue the layer. A run of non-uniform lines continues
        // it only while it looks like a line of text: text-like from its first lines on (one of the first RunProbe lines is Text), at most a
        // third non-text lines (a heavy face's busiest rows), at most maxRun lines, closed by a uniform line again.
        // Anything else ends the walk: it is the picture.
        int maxRun = Math.Max(1, (int)(referenceExtent * _options.MaxTextRunFraction));
        int candidates = 0;
        int runLength = 0, runText = 0;
        bool metPicture = false;
        LineClass previous = LineClass.Content;
        for (int depth = 0; depth < extent; depth++)
        {
            int index = first + dir * depth;
            LineClass cls = IsColour(grid.Span(index, s0, prefix), prefixColour)
                && IsColour(grid.Span(index, m0 + m, suffix), suffixColour)
                ? Classify(LineStats.Measure(grid.Span(index, m0, m), background, _tolerance, _options.TextMinContrast))
                : LineClass.Content;
            if (depth == 0 && cls != LineClass.Uniform)
                return false; // a layer starts with a plain line: padding, a bar, or a band's top margin
            // A logo or badge stuck on the bar: the bar goes on around it. Not in the loose trim, where a narrow
            // object on a studio backdrop (a hammer's head standing upright) would pass for one.
            if (!loose && cls != LineClass.Uniform && IsOverlayLine(grid.Span(index, m0, m), background))
                cls = LineClass.Uniform;
            if (cls == LineClass.Uniform)
            {
                if (runLength > 0 && 3 * runText < 2 * runLength)
                {
                    metPicture = true;
                    break; // the run that just closed was not text
                }
                runLength = runText = 0;
            }
            else
            {
                if (previous == LineClass.Uniform)
                {
                    if (candidates == MaxCandidates)
                        break;
                    _candidates[candidates++] = depth;
                }
                runLength++;
                if (cls == LineClass.Text)
                    runText++;
                if (runLength > maxRun || (runLength == RunProbe && runText == 0))
                {
                    metPicture = true;
                    break;
                }
            }
            if (depth >= maxDepth)
                break;
            previous = cls;
        }

        // A run still open where the walk stopped (at the depth limit: the rows under a sky's irregular horizon turn
        // from text-like hill tops into picture) is the picture too.
        metPicture |= runLength > 0;
        int chosen = loose
            ? (metPicture && candidates > 0 ? _candidates[candidates - 1] : 0)
            : StrictEnd(grid, first, dir, candidates, extent, m0, m, background);
        if (chosen == 0)
            return false;

        switch (edge)
        {
            case Edge.Top:
                box.Y0 += chosen;
                break;
            case Edge.Bottom:
                box.Y1 -= chosen;
                break;
            case Edge.Left:
                box.X0 += chosen;
                break;
            default:
                box.X1 -= chosen;
                break;
        }
        return true;
    }

    /// <summary>
    /// The strict trim's end among the walk's <paramref name="candidates"/>: the deepest strict boundary, else the first
    /// candidate if it is a loose one, else 0 (nothing peeled).
    /// </summary>
    private int StrictEnd(LineGrid grid, int first, int dir, int candidates, int extent, int m0, int m, int background)
    {
        for (int c = candidates - 1; c >= 0; c--)
        {
            if (IsBoundary(grid, first, dir, _candidates[c], extent, m0, m, background, strict: true))
                return _candidates[c];
        }
        return candidates > 0 && IsBoundary(grid, first, dir, _candidates[0], extent, m0, m, background, strict: false)
            ? _candidates[0]
            : 0;
    }

    /// <summary>
    /// Is there a straight boundary between line depth - 1 (background side) and line depth (content side), counting
    /// lines from <paramref name="first"/> in direction <paramref name="dir"/>, <paramref name="available"/> lines in
    /// all? A step: at least the boundary share of samples differ from the last background line in one of the next two
    /// lines. Content: at least two of the next four lines have that share off the background (strict: and are
    /// <see cref="LineClass.Content"/>, not text).
    /// </summary>
    private bool IsBoundary(LineGrid grid, int first, int dir, int depth, int available, int m0, int m, int background, bool strict)
    {
        int need = (int)Math.Ceiling(m * _options.BoundaryContrastFraction);
        ReadOnlySpan<byte> a = grid.Span(first + dir * (depth - 1), m0, m);
        ReadOnlySpan<byte> b = grid.Span(first + dir * depth, m0, m);
        ReadOnlySpan<byte> c = depth + 1 < available ? grid.Span(first + dir * (depth + 1), m0, m) : b;
        int stepping = 0;
        for (int j = 0; j < m; j++)
        {
            if (SampleColour.Distance(b, a, j) > _tolerance || SampleColour.Distance(c, a, j) > _tolerance)
                stepping++;
        }
        if (stepping < need)
            return false;

        int end = Math.Min(depth + BoundaryLookahead, available);
        int strong = 0;
        for (int k = depth; k < end; k++)
        {
            LineStats stats = LineStats.Measure(grid.Span(first + dir * k, m0, m), background, _tolerance, _options.TextMinContrast);
            if (stats.Ink >= need && (!strict || Classify(stats) == LineClass.Content))
                strong++;
        }
        return strong >= Math.Min(2, end - depth);
    }

    /// <summary>
    /// The "blurred extension" letterbox of re-uploaded video and photos: the picture centred on a blurred, enlarged
    /// copy of itself. Each band line is smooth (its activity, the mean absolute difference between samples about
    /// 8 px apart, is at most <see cref="RegionOptions.BlurredBandMaxActivity"/> of the picture's, taken as the median
    /// over nine lines of the middle third), the picture starts along a straight line (its first two lines are at least
    /// half as active as the picture and twice as active as the band's last line), and, because apps centre the
    /// picture, the bands on the two opposite sides match in depth to within 1% (at least 2 px); each is at least 4% of
    /// the dimension. A smooth area on one side of a photo (sky, bokeh) has no twin and is kept.
    /// </summary>
    private bool PeelBlurredPair(ref Box box, Box reference, bool rowsAreLines)
    {
        LineGrid grid = rowsAreLines ? _rows : _columns;
        int lo = rowsAreLines ? box.Y0 : box.X0;
        int hi = rowsAreLines ? box.Y1 : box.X1;
        int extent = hi - lo;
        int referenceExtent = rowsAreLines ? reference.Height : reference.Width;
        int minKeep = Math.Max(1, (int)Math.Ceiling(referenceExtent * _options.MinContentFraction));
        int maxDepth = (extent - minKeep) / 2;
        int minDepth = Math.Max(_options.MinTrimPixels, (int)Math.Ceiling(referenceExtent * MinBlurredBandFraction));
        if (maxDepth < minDepth)
            return false;
        grid.Range(rowsAreLines ? box.X0 : box.Y0, rowsAreLines ? box.X1 : box.Y1, out int s0, out int s1);
        int n = s1 - s0;
        if (n < MinLineSamples)
            return false;

        int lag = Math.Max(1, (ActivitySpan + grid.Step / 2) / grid.Step);   // ActivitySpan in samples, rounded
        if (n <= 2 * lag)
            return false;
        Span<long> probes = stackalloc long[9];
        int third = extent / 3;
        for (int k = 0; k < probes.Length; k++)
            probes[k] = Activity(grid.Span(lo + third + k * third / probes.Length, s0, n), lag);
        probes.Sort();
        long content = probes[probes.Length / 2];
        if (content < MinContentActivity * 16)
            return false; // too flat to tell a blurred band from the picture
        long bandMax = (long)(content * _options.BlurredBandMaxActivity);

        // Both bands reach at least minDepth, so both lines at depth minDepth - 1 are band lines: checking them first
        // skips the walks (which read line after line of a smooth sky or backdrop) when no pair is possible.
        if (Activity(grid.Span(lo + minDepth - 1, s0, n), lag) > bandMax || Activity(grid.Span(hi - minDepth, s0, n), lag) > bandMax)
            return false;
        int first = BlurredDepth(grid, lo, 1, maxDepth, s0, n, lag, bandMax, content);
        int second = BlurredDepth(grid, hi - 1, -1, maxDepth, s0, n, lag, bandMax, content);
        if (first < minDepth && second < minDepth)
            return false;
        if (first < minDepth || second < minDepth || Math.Abs(first - second) > Math.Max(2, extent / 100))
        {
            // One band ends at a straight edge; on the other side the walk ran on into a picture whose own edge is
            // smooth too (a sky, a plain wall), so that band has no visible end. Apps centre the picture: take the
            // confident side's depth on both when every line of the other side up to it is band-smooth. Only for
            // the outermost layer (the bands of a blurred letterbox are the frame's edges): inside a peeled border
            // it would cut a smooth side off the picture itself.
            bool outermost = lo == (rowsAreLines ? reference.Y0 : reference.X0) && hi == (rowsAreLines ? reference.Y1 : reference.X1);
            if (!outermost)
                return false;
            int depth = first < minDepth ? second : second < minDepth ? first : Math.Min(first, second);
            bool topConfident = first == depth;
            int start = topConfident ? hi - 1 : lo, dir = topConfident ? -1 : 1;
            for (int k = 0; k < depth; k++)
            {
                if (Activity(grid.Span(start + dir * k, s0, n), lag) > bandMax)
                    return false;
            }
            first = second = depth;
        }
        if (rowsAreLines)
        {
            box.Y0 += first;
            box.Y1 -= second;
        }
        else
        {
            box.X0 += first;
            box.X1 -= second;
        }
        return true;
    }

    private static int BlurredDepth(LineGrid grid, int first, int dir, int maxDepth, int s0, int n, int lag, long bandMax, long content)
    {
        int depth = 0;
        long last = 0;
        while (depth <= maxDepth)
        {
            long activity = Activity(grid.Span(first + dir * depth, s0, n), lag);
            if (activity > bandMax)
                break;
            last = activity;
            depth++;
        }
        if (depth == 0 || depth > maxDepth)
            return 0;
        // A straight edge: the picture's first two lines are each at least half as active as the picture and at least
        // twice as active as the band's last line.
        for (int k = 0; k < 2; k++)
        {
            long activity = Activity(grid.Span(first + dir * (depth + k), s0, n), lag);
            if (activity * 2 < content || activity < 2 * last)
                return 0;
        }
        return depth;
    }

    /// <summary>
    /// Sum of absolute channel differences between samples <paramref name="lag"/> apart (about
    /// <see cref="ActivitySpan"/> px), scaled to a mean per pair and channel in 1/16 levels. The lag keeps pixel noise
    /// from dominating fine sampling steps.
    /// </summary>
    private static long Activity(ReadOnlySpan<byte> line, int lag)
    {
        int channels = SampleColour.Channels;
        long sum = 0;
        for (int o = lag * channels; o < line.Length; o++)
            sum += Math.Abs(line[o] - line[o - lag * channels]);
        return sum * 16 / Math.Max(1, line.Length - lag * channels);
    }

    private bool SplitPiece(Box piece, bool rowsAreLines)
    {
        LineGrid grid = rowsAreLines ? _rows : _columns;
        int lo = rowsAreLines ? piece.Y0 : piece.X0;
        int hi = rowsAreLines ? piece.Y1 : piece.X1;
        int minAlong = rowsAreLines ? _minPanelHeight : _minPanelWidth;
        int minAcross = rowsAreLines ? _minPanelWidth : _minPanelHeight;
        if (hi - lo < 2 * minAlong + _options.MinGutterPixels || (rowsAreLines ? piece.Width : piece.Height) < minAcross)
            return false;
        grid.Range(rowsAreLines ? piece.X0 : piece.Y0, rowsAreLines ? piece.X1 : piece.Y1, out int s0, out int s1);
        int n = s1 - s0;
        if (n < MinLineSamples)
            return false;

        int maxTextRun = Math.Max(1, (int)((rowsAreLines ? piece.Height : piece.Width) * _options.MaxTextRunFraction));
        int pieceStart = lo;
        int line = lo;
        while (line < hi)
        {
            if (!IsOwnUniform(grid, line, s0, n, out int colour))
            {
                line++;
                continue;
            }
            int r0 = line;
            int r1 = line + 1;
            while (r1 < hi && ClassifyLine(grid, r1, s0, n, colour) == LineClass.Uniform)
                r1++;
            if (_options.DetectTextBands)
            {
                // A caption band between panels ("Expectation" / "Reality") belongs to the gutter when uniform
                // lines close it on the far side.
                int textRun = 0;
                for (int e = r1; e < hi; e++)
                {
                    LineClass cls = ClassifyLine(grid, e, s0, n, colour);
                    if (cls == LineClass.Uniform)
                    {
                        r1 = e + 1;
                        textRun = 0;
                    }
                    else if (cls != LineClass.Text || ++textRun > maxTextRun)
                    {
                        break;
                    }
                }
            }
            line = r1;
            if (r0 == lo || r1 == hi || r1 - r0 < _options.MinGutterPixels)
                continue; // a margin of the piece, or too thin
            if (r0 - pieceStart < minAlong || hi - r1 < minAlong)
                continue;
            bool before = IsBoundary(grid, r0, -1, 1, r0 - lo + 1, s0, n, colour, strict: false);
            bool after = IsBoundary(grid, r1 - 1, 1, 1, hi - r1 + 1, s0, n, colour, strict: false);
            if (!before && !after)
                continue;
            // A photo on a plain background of the gutter's colour (a product shot on white) melts into the gutter: its
            // side has no straight edge. The gutter is then cut on the straight side only, and the uniform run stays
            // with the other panel, whose own background it may be.
            AddPanel(piece, rowsAreLines, pieceStart, before ? r0 : r1);
            pieceStart = after ? r1 : r0;
        }
        if (pieceStart == lo)
            return false;
        AddPanel(piece, rowsAreLines, pieceStart, hi);
        return true;
    }

    private void AddPanel(Box parent, bool rowsAreLines, int start, int end)
    {
        Box child = rowsAreLines
            ? new Box(parent.X0, start, parent.X1, end)
            : new Box(start, parent.Y0, end, parent.Y1);
        Box peeled = child;
        PeelAll(ref peeled, child);
        _next.Add(peeled.Width >= _minPanelWidth && peeled.Height >= _minPanelHeight ? peeled : child);
    }

    private LineClass ClassifyLine(LineGrid grid, int line, int s0, int n, int background) =>
        Classify(LineStats.Measure(grid.Span(line, s0, n), background, _tolerance, _options.TextMinContrast));

    private LineClass Classify(in LineStats stats)
    {
        int ink = stats.Ink;
        // Outliers are speckle (JPEG noise, dust): scattered single samples or pairs. A run of three or more is
        // structure, such as the gutter gap in a comic's frame line.
        if (ink <= Outliers(stats.Count) && ink <= MaxOutlierRun * stats.Runs)
            return LineClass.Uniform;
        if (_options.DetectTextBands
            && stats.Near >= stats.Count * _options.TextMinBackgroundFraction
            && stats.Strong * 3 >= ink
            && ink <= stats.Runs * Math.Max(3.0, stats.Count * _options.TextMaxMeanRunFraction))
            return LineClass.Text;
        return LineClass.Content;
    }

    private int Outliers(int count) => (int)(count * _options.OutlierFraction);

    /// <summary>Uniform against its own colour (per-channel median of three spread samples); early exit on content.</summary>
    private bool IsOwnUniform(LineGrid grid, int line, int s0, int n, out int colour)
    {
        int a = grid.SampleAt(line, s0 + n / 4), b = grid.SampleAt(line, s0 + n / 2), c = grid.SampleAt(line, s0 + 3 * n / 4);
        colour = MedianOfThree(a & 0xFF, b & 0xFF, c & 0xFF)
            | MedianOfThree(a >> 8 & 0xFF, b >> 8 & 0xFF, c >> 8 & 0xFF) << 8
            | MedianOfThree(a >> 16, b >> 16, c >> 16) << 16;
        // Most lines are picture: probe spread samples first, where neighbours would be alike, reading them one by
        // one (a line that fails here is never sampled in full).
        int allowed = Outliers(n);
        int far = 0;
        for (int j = n / (2 * ProbeCount); j < n; j += Math.Max(1, n / ProbeCount))
        {
            if (SampleColour.Distance(grid.SampleAt(line, s0 + j), colour) > _tolerance && ++far > allowed)
                return false;
        }
        return IsColour(grid.Span(line, s0, n), colour);
    }

    /// <summary>
    /// The line is the background colour except within one span of at most <see cref="RegionOptions.OverlayMaxFraction"/>
    /// of it: a logo, badge or sticker placed over a bar (a channel logo on a letterbox), which must not end the bar.
    /// The straight-boundary rule still decides where the bar ends.
    /// </summary>
    private bool IsOverlayLine(ReadOnlySpan<byte> line, int colour)
    {
        int n = line.Length / SampleColour.Channels;
        int maxSpan = (int)(n * _options.OverlayMaxFraction);
        if (maxSpan == 0)
            return false;
        int c0 = colour & 0xFF, c1 = colour >> 8 & 0xFF, c2 = colour >> 16;
        ref byte p = ref MemoryMarshal.GetReference(line);
        int first = -1, last = -1;
        for (int j = 0; j < n; j++)
        {
            if (SampleColour.Distance(ref Unsafe.Add(ref p, j * SampleColour.Channels), c0, c1, c2) > _tolerance)
            {
                if (first < 0)
                    first = j;
                else if (j - first >= maxSpan)
                    return false;
                last = j;
            }
        }
        return last - first < maxSpan;
    }

    /// <summary>All samples but the allowed outliers are within the tolerance of <paramref name="colour"/>.</summary>
    private bool IsColour(ReadOnlySpan<byte> span, int colour)
    {
        int allowed = Outliers(span.Length / SampleColour.Channels);
        return SampleColour.CountFar(span, colour, _tolerance, 0, 1, allowed) <= allowed;
    }

    /// <summary>Length of the run of one colour (other than the background) at one end of the line; 0 if none.</summary>
    private int EndRun(ReadOnlySpan<byte> line, int background, bool fromStart)
    {
        int n = line.Length / SampleColour.Channels;
        if (n == 0)
            return 0;
        int colour = SampleColour.At(line, fromStart ? 0 : n - 1);
        if (SampleColour.Distance(colour, background) <= _tolerance)
            return 0;
        int run = 0;
        while (run < n && SampleColour.Distance(line, fromStart ? run : n - 1 - run, colour) <= _tolerance)
            run++;
        return run;
    }

    /// <summary>The per-channel median of the central half of the line (lower median for an even count), packed.</summary>
    private int CentralMedian(ReadOnlySpan<byte> line)
    {
        int n = line.Length / SampleColour.Channels;
        int start = n / 4, count = n - 2 * (n / 4);
        int packed = 0;
        for (int channel = 0; channel < SampleColour.Channels; channel++)
        {
            Span<int> histogram = _histogram;
            histogram.Clear();
            for (int j = start; j < start + count; j++)
                histogram[line[j * SampleColour.Channels + channel]]++;
            int rank = (count - 1) / 2;
            int v = 0;
            for (; v < 255; v++)
            {
                rank -= histogram[v];
                if (rank < 0)
                    break;
            }
            packed |= v << (8 * channel);
        }
        return packed;
    }

    private static int MedianOfThree(int a, int b, int c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
