using Fingerprint.Hashing;
using Fingerprint.Matching;

namespace Fingerprint.Cli.Bench;

/// <summary>
/// Everything `bench robustness` computes for one corpus image (each file is decoded and hashed once), and how long
/// each stage took on the worker that ran it.
/// </summary>
internal sealed class ItemHashes
{
    /// <summary>PDQ of the whole image (<see cref="PdqHasher.Hash"/>).</summary>
    public HashResult Pdq { get; init; }

    /// <summary>The 8 dihedral PDQ variants of the whole image.</summary>
    public DihedralHashes Dihedral { get; init; }

    /// <summary>
    /// Trimmed region, panels, panel groups (<see cref="RegionScope.Query"/>) and aspect crops
    /// (<see cref="RegionScope.AspectCrops"/>), those at or above the quality gate.
    /// </summary>
    public IReadOnlyList<HashedRegion> Regions { get; init; } = [];

    public Hash64 AHash { get; init; }
    public Hash64 DHash { get; init; }
    public Hash64 PHash { get; init; }

    /// <summary>Why the file could not be decoded; null when it was.</summary>
    public string? Error { get; init; }

    public int Width { get; init; }
    public int Height { get; init; }

    public double DecodeMs { get; init; }
    public double PdqMs { get; init; }
    public double DihedralMs { get; init; }

    /// <summary>Region finding plus hashing the regions found (dihedral), as a scan does for an upload (<see cref="RegionScope.Query"/>).</summary>
    public double RegionsMs { get; init; }

    /// <summary>Region finding alone (trimmed and panels).</summary>
    public double FindMs { get; init; }

    public double ClassicMs { get; init; }

    public bool Failed => Error is not null;
}
