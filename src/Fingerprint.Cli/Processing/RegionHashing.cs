using Fingerprint.Hashing;
using Fingerprint.Imaging;
using Fingerprint.Matching;
using Fingerprint.Video;

namespace Fingerprint.Cli.Processing;

/// <summary>
/// The meme-aware part of a <see cref="MediaProcessor"/> (one per worker): hashes the regions of a still with the
/// still's hasher, and of every sampled frame with the frame hasher (through <see cref="RegionHashingFrameSource"/>),
/// into <see cref="ProcessedMedia.Regions"/>. Regions below the quality gate are dropped (<see cref="RegionHasher"/>).
/// </summary>
internal sealed class RegionHashing
{
    private readonly RegionScope _scope;
    private readonly RegionHasher _still;
    private readonly RegionHasher _frames;
    private readonly List<HashedRegion> _scratch = [];
    private IReadOnlyList<FrameRegion>? _tapped;

    private RegionHashing(RegionScope scope, PdqHasher stillHasher, PdqHasher frameHasher)
    {
        _scope = scope;
        _still = new RegionHasher(stillHasher);
        _frames = new RegionHasher(frameHasher, _still.Finder);
    }

    /// <summary>Null when <paramref name="scope"/> is <see cref="RegionScope.None"/>.</summary>
    public static RegionHashing? Create(RegionScope scope, PdqHasher stillHasher, PdqHasher frameHasher) =>
        scope == RegionScope.None ? null : new RegionHashing(scope, stillHasher, frameHasher);

    /// <summary>Sets <see cref="ProcessedMedia.Regions"/> to the regions of a still (or an animation's first frame).</summary>
    public void HashStill(ProcessedMedia result, ImageView view)
    {
        _scratch.Clear();
        _still.HashRegions(view, _scope, _scratch);
        result.Regions = _scratch.Select(ToRegionHash).ToList();
    }

    /// <summary>Wraps a frame source so the regions of every frame read through it are hashed; one source at a time.</summary>
    public IFrameSource Tap(IFrameSource source)
    {
        var tap = new RegionHashingFrameSource(source, _frames, _scope);
        _tapped = tap.Regions;      // a live view: filled as the frames are read
        return tap;
    }

    /// <summary>Appends the regions the last <see cref="Tap"/> collected to <see cref="ProcessedMedia.Regions"/>.</summary>
    public void CollectFrames(ProcessedMedia result)
    {
        if (_tapped is null)
            return;
        var all = new List<RegionHash>(result.Regions ?? []);
        foreach (FrameRegion f in _tapped)
            all.Add(ToRegionHash(f.Region) with { Frame = f.FrameNumber, TimestampSeconds = f.TimestampSeconds });
        result.Regions = all;
        _tapped = null;
    }

    private static RegionHash ToRegionHash(HashedRegion r) =>
        new(r.Name, r.Rect.X, r.Rect.Y, r.Rect.Width, r.Rect.Height, r.Hashes);
}
