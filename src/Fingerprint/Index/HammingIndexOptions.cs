namespace Fingerprint.Index;

/// <summary>
/// How a <see cref="HammingIndex"/> is built and run.
/// <para>
/// Chunking rule (documented with its measurements in benchmarks/peers/index_README.md): with
/// <see cref="HammingIndexStrategy.Auto"/>, a bank under 4096 rows is flat. Otherwise the chunk count m (11..32, chunks
/// of floor(256 / m) or one more bits) is the one whose cheapest exact probe plan at <see cref="DesignRadius"/> has the
/// least modelled cost (<c>MultiIndexCostModel</c>), among those whose offsets tables (2^b + 1 uint32 per chunk) take
/// at most half the space of the postings (N uint32 per chunk), or 8 MiB, whichever is more. At r = 31 this gives
/// 16 x 16 bits from about 30k to 1M rows, 13 x 19/20 at 2M-5M and 12 x 21/22 at 10M. Each query then takes the
/// cheaper of its probe plan and a flat pass; radii no plan covers (large r) always take the flat pass.
/// </para>
/// </summary>
public sealed record HammingIndexOptions
{
    public static HammingIndexOptions Default { get; } = new();

    /// <summary>Strategy; <see cref="HammingIndexStrategy.MultiIndex"/> forces tables and probing wherever a plan exists.</summary>
    public HammingIndexStrategy Strategy { get; init; } = HammingIndexStrategy.Auto;

    /// <summary>Nominal multi-index chunk width in bits (8..24); 0 = chosen by the rule above. 16 gives the reference's 16 x 16.</summary>
    public int ChunkBits { get; init; }

    /// <summary>Radius (bits) the automatic chunk width is tuned for.</summary>
    public int DesignRadius { get; init; } = 31;

    /// <summary>Caller-defined position the index reflects (e.g. a bank change-log sequence); stored in snapshots.</summary>
    public long Checkpoint { get; init; }

    /// <summary>Threads a build, a batch or a large flat pass may use (1 = the calling thread only).</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;
}
