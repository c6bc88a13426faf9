namespace Fingerprint.Simd;

/// <summary>
/// The schedule of one 1-D box filter of full window <c>w</c> over <c>n</c> samples, as the PDQ reference runs it
/// (facebook/ThreatExchange pdq/cpp/downscaling/downscaling.cpp, <c>box1DFloat</c>; conformance/SPEC.md §1.2).
/// With h = (w + 2) / 2 the reference keeps one float running sum and
/// <list type="number">
/// <item>adds samples 0 .. h-2 (no output; <see cref="Lead"/> of them);</item>
/// <item>for o = 0 .. w-h: adds sample o+h-1 and writes sum / (h + o);</item>
/// <item>for o = w-h+1 .. n-h: adds sample o+h-1, then subtracts sample o-(w-h+1), and writes sum / w;</item>
/// <item>for o = n-h+1 .. n-1: subtracts sample o-(w-h+1) and writes sum / (w + n - h - o).</item>
/// </list>
/// Output o therefore averages samples [o-(w-h), o+h-1] clipped to [0, n-1], divided by the count actually inside.
/// Row-at-a-time drivers (the column passes) use this to know, for each output, which sample to add, which to subtract
/// and the divisor. Requires 1 &lt;= w &lt;= n (the reference reads out of bounds otherwise; PDQ's window
/// ceil(n / 128) always satisfies it).
/// </summary>
internal readonly struct BoxPlan
{
    public BoxPlan(int length, int window)
    {
        if (window < 1 || window > length)
            throw new ArgumentOutOfRangeException(nameof(window), window, $"A box window must be in 1..{length} (the length).");
        Length = length;
        Window = window;
        Half = (window + 2) / 2;
    }

    public int Length { get; }
    public int Window { get; }

    /// <summary>h = (w + 2) / 2: 7 gives 4, 8 gives 5.</summary>
    public int Half { get; }

    /// <summary>Samples accumulated before the first output (h - 1): samples 0 .. Lead-1.</summary>
    public int Lead => Half - 1;

    /// <summary>The sample output <paramref name="o"/> adds, or -1 (phase 4).</summary>
    public int AddIndex(int o) => o <= Length - Half ? o + Half - 1 : -1;

    /// <summary>The sample output <paramref name="o"/> subtracts (after the add), or -1 (phase 2).</summary>
    public int SubtractIndex(int o) => o >= Window - Half + 1 ? o - (Window - Half + 1) : -1;

    /// <summary>The divisor of output <paramref name="o"/>: the number of samples inside the clipped window.</summary>
    public int Count(int o) => o <= Window - Half ? Half + o : (o <= Length - Half ? Window : Window + Length - Half - o);
}
