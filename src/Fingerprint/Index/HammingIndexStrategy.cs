namespace Fingerprint.Index;

/// <summary>How a <see cref="HammingIndex"/> answers queries. Every strategy is exact.</summary>
public enum HammingIndexStrategy
{
    /// <summary>Chosen by bank size (build) and by modelled cost (each query): see <see cref="HammingIndexOptions"/>.</summary>
    Auto = 0,

    /// <summary>A batched pass over all rows (PDQ's flat.h); no tables, memory = rows + ids.</summary>
    Flat = 1,

    /// <summary>Multi-index hashing (Norouzi et al.) tables; queries whose radius no plan covers fall back to a flat pass.</summary>
    MultiIndex = 2,
}
