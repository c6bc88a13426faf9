using Fingerprint.Simd;
using Fingerprint.TestUtilities;

namespace Fingerprint.Tests.Simd;

public class BoxFilterKernelsTests
{
    private delegate void RowPass(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rows, int cols, int window, Span<float> scratch);

    private delegate void SampledRowPass(ReadOnlySpan<float> src, int srcStride, int rows, int cols, int window,
        ReadOnlySpan<int> samples, Span<float> dst, int dstStride, Span<float> scratch);

    private delegate void ColumnPass(ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rows, int cols, int window, Span<float> sums);

    private delegate void Step(Span<float> sum, ReadOnlySpan<float> add, ReadOnlySpan<float> sub, Span<float> dst, int divisor);

    private static readonly (string Name, RowPass Pass)[] s_rowPaths =
    [
        ("Vector128", (s, ss, d, ds, r, c, w, sc) => BoxFilterKernels.BoxAlongRowsVector128(s, ss, d, ds, r, c, w, sc)),
        ("Vector256", (s, ss, d, ds, r, c, w, sc) => BoxFilterKernels.BoxAlongRowsVector256(s, ss, d, ds, r, c, w, sc)),
        ("Vector512", (s, ss, d, ds, r, c, w, sc) => BoxFilterKernels.BoxAlongRowsVector512(s, ss, d, ds, r, c, w, sc)),
        ("Dispatch", BoxFilterKernels.BoxAlongRows),
    ];

    private static readonly (string Name, SampledRowPass Pass)[] s_sampledPaths =
    [
        ("Scalar", (s, ss, r, c, w, p, d, ds, _) => BoxFilterKernels.BoxAlongRowsSampledScalar(s, ss, r, c, w, p, d, ds)),
        ("Vector128", (s, ss, r, c, w, p, d, ds, sc) => BoxFilterKernels.BoxAlongRowsSampledVector128(s, ss, r, c, w, p, d, ds, sc)),
        ("Vector256", (s, ss, r, c, w, p, d, ds, sc) => BoxFilterKernels.BoxAlongRowsSampledVector256(s, ss, r, c, w, p, d, ds, sc)),
        ("Vector512", (s, ss, r, c, w, p, d, ds, sc) => BoxFilterKernels.BoxAlongRowsSampledVector512(s, ss, r, c, w, p, d, ds, sc)),
        ("Dispatch", BoxFilterKernels.BoxAlongRowsSampled),
    ];

    private static readonly (string Name, ColumnPass Pass)[] s_columnPaths =
    [
        ("Vector128", BoxFilterKernels.BoxAlongColumnsVector128),
        ("Vector256", BoxFilterKernels.BoxAlongColumnsVector256),
        ("Vector512", BoxFilterKernels.BoxAlongColumnsVector512),
        ("Dispatch", BoxFilterKernels.BoxAlongColumns),
    ];

    private static readonly (string Name, Step Step)[] s_stepPaths =
    [
        ("Vector128", BoxFilterKernels.ColumnStepVector128),
        ("Vector256", BoxFilterKernels.ColumnStepVector256),
        ("Vector512", BoxFilterKernels.ColumnStepVector512),
        ("Dispatch", BoxFilterKernels.ColumnStep),
    ];

    /// <summary>
    /// (rows, cols, window, seed): every length 1..70 on the filtered side against a varying other side, windows 1..20
    /// (up to the length), plus large odd sizes and PDQ's real windows (8, 13, 24, 32).
    /// </summary>
    public static TheoryData<int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int>();
        for (int n = 1; n <= 70; n++)
        {
            int other = 1 + (n * 37) % 70;
            data.Add(other, n, 1 + (n * 7) % Math.Min(n, 20), 1000 + n);
            data.Add(n, other, Math.Min(Math.Min(n, other), 20), 2000 + n);
        }
        for (int w = 1; w <= 20; w++)
            data.Add(17 + w, 41, w, 3000 + w);
        data.Add(37, 1001, 8, 4001);
        data.Add(35, 1601, 13, 4002);
        data.Add(49, 3001, 24, 4003);
        data.Add(3, 4099, 32, 4004);
        data.Add(70, 129, 2, 4005);
        return data;
    }

    private static float[] RandomFloats(SplitMix64 rng, int count, bool lumaLike)
    {
        var a = new float[count];
        for (int i = 0; i < count; i++)
            a[i] = lumaLike ? (float)(rng.NextDouble() * 255.0) : (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.NextInt(-3, 4)));
        return a;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BoxAlongRows_EveryPath_MatchesScalar(int rows, int cols, int window, int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        int srcStride = cols + rng.NextInt(3), dstStride = cols + rng.NextInt(3);
        float[] src = RandomFloats(rng, (rows - 1) * srcStride + cols, lumaLike: seed % 2 == 0);
        var expected = new float[(rows - 1) * dstStride + cols];
        BoxFilterKernels.BoxAlongRowsScalar(src, srcStride, expected, dstStride, rows, cols, window);
        var scratch = new float[BoxFilterKernels.RowScratchLength(cols, window)];
        foreach ((string name, RowPass pass) in s_rowPaths)
        {
            var actual = new float[expected.Length];
            pass(src, srcStride, actual, dstStride, rows, cols, window, scratch);
            AssertRowsEqual(expected, actual, rows, cols, dstStride, name);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BoxAlongColumns_EveryPath_MatchesScalar(int cols, int rows, int window, int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        int srcStride = cols + rng.NextInt(3), dstStride = cols + rng.NextInt(3);
        float[] src = RandomFloats(rng, (rows - 1) * srcStride + cols, lumaLike: seed % 2 == 1);
        var expected = new float[(rows - 1) * dstStride + cols];
        BoxFilterKernels.BoxAlongColumnsScalar(src, srcStride, expected, dstStride, rows, cols, window);
        var sums = new float[cols];
        foreach ((string name, ColumnPass pass) in s_columnPaths)
        {
            var actual = new float[expected.Length];
            pass(src, srcStride, actual, dstStride, rows, cols, window, sums);
            AssertRowsEqual(expected, actual, rows, cols, dstStride, name);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BoxAlongRowsSampled_EveryPath_MatchesFullPassAtSamples(int rows, int cols, int window, int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        int srcStride = cols + rng.NextInt(3);
        float[] src = RandomFloats(rng, (rows - 1) * srcStride + cols, lumaLike: true);
        var full = new float[rows * cols];
        BoxFilterKernels.BoxAlongRowsScalar(src, srcStride, full, cols, rows, cols, window);
        // PDQ's sampling (64 non-decreasing indices, repeating when cols < 64), and a short irregular set.
        int[][] sampleSets =
        [
            Enumerable.Range(0, 64).Select(j => (int)(((j + 0.5) * cols) / 64)).ToArray(),
            Enumerable.Range(0, 1 + rng.NextInt(5)).Select(_ => rng.NextInt(cols)).Order().ToArray(),
        ];
        var scratch = new float[BoxFilterKernels.RowScratchLength(cols, window, 64)];
        foreach (int[] samples in sampleSets)
        {
            int m = samples.Length;
            var expected = new float[rows * m];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < m; j++)
                    expected[r * m + j] = full[r * cols + samples[j]];
            foreach ((string name, SampledRowPass pass) in s_sampledPaths)
            {
                var actual = new float[rows * m];
                pass(src, srcStride, rows, cols, window, samples, actual, m, scratch);
                AssertRowsEqual(expected, actual, rows, m, m, name);
            }
        }
    }

    public static TheoryData<int, int, int, int> ChunkCases() => new()
    {
        // (rows, cols, window, chunk): chunks shorter than the window, than the lead, single columns, and uneven ends.
        { 17, 70, 20, 1 }, { 33, 101, 13, 2 }, { 9, 64, 8, 3 }, { 16, 257, 32, 7 }, { 40, 300, 3, 64 }, { 24, 55, 1, 5 },
        { 8, 20, 20, 4 }, { 21, 1000, 8, 255 },
    };

    [Theory]
    [MemberData(nameof(ChunkCases))]
    public void RowPasses_AnyChunkSize_MatchScalar(int rows, int cols, int window, int chunk)
    {
        var rng = new SplitMix64((ulong)(rows * 7919 + cols * 31 + window * 7 + chunk));
        float[] src = RandomFloats(rng, rows * cols, lumaLike: true);
        var expected = new float[rows * cols];
        BoxFilterKernels.BoxAlongRowsScalar(src, cols, expected, cols, rows, cols, window);
        int[] samples = Enumerable.Range(0, 64).Select(j => (int)(((j + 0.5) * cols) / 64)).ToArray();
        var expectedSampled = new float[rows * 64];
        BoxFilterKernels.BoxAlongRowsSampledScalar(src, cols, rows, cols, window, samples, expectedSampled, 64);
        var scratch = new float[BoxFilterKernels.RowScratchLength(cols, window, 64, chunk)];
        (string, Action<float[]>, Action<float[]>)[] paths =
        [
            ("Vector128", a => BoxFilterKernels.BoxAlongRowsVector128(src, cols, a, cols, rows, cols, window, scratch, chunk),
                a => BoxFilterKernels.BoxAlongRowsSampledVector128(src, cols, rows, cols, window, samples, a, 64, scratch, chunk)),
            ("Vector256", a => BoxFilterKernels.BoxAlongRowsVector256(src, cols, a, cols, rows, cols, window, scratch, chunk),
                a => BoxFilterKernels.BoxAlongRowsSampledVector256(src, cols, rows, cols, window, samples, a, 64, scratch, chunk)),
            ("Vector512", a => BoxFilterKernels.BoxAlongRowsVector512(src, cols, a, cols, rows, cols, window, scratch, chunk),
                a => BoxFilterKernels.BoxAlongRowsSampledVector512(src, cols, rows, cols, window, samples, a, 64, scratch, chunk)),
        ];
        foreach ((string name, Action<float[]> full, Action<float[]> sampled) in paths)
        {
            var actual = new float[rows * cols];
            full(actual);
            AssertRowsEqual(expected, actual, rows, cols, cols, $"{name} chunk {chunk}");
            var actualSampled = new float[rows * 64];
            sampled(actualSampled);
            AssertRowsEqual(expectedSampled, actualSampled, rows, 64, 64, $"{name} sampled chunk {chunk}");
        }
    }

    public static TheoryData<int> StepLengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 67; n++)
            data.Add(n);
        data.Add(1601);
        return data;
    }

    [Theory]
    [MemberData(nameof(StepLengths))]
    public void ColumnStep_EveryPath_MatchesScalar(int length)
    {
        var rng = new SplitMix64((ulong)(5000 + length));
        float[] sum0 = RandomFloats(rng, length, lumaLike: true);
        float[] add = RandomFloats(rng, length, lumaLike: true);
        float[] sub = RandomFloats(rng, length, lumaLike: true);
        (bool Add, bool Sub)[] kinds = [(true, false), (true, true), (false, true)];
        foreach ((bool useAdd, bool useSub) in kinds)
        {
            int divisor = 1 + rng.NextInt(40);
            float[] expectedSum = (float[])sum0.Clone();
            var expected = new float[length];
            BoxFilterKernels.ColumnStepScalar(expectedSum, useAdd ? add : default, useSub ? sub : default, expected, divisor);
            foreach ((string name, Step step) in s_stepPaths)
            {
                float[] actualSum = (float[])sum0.Clone();
                var actual = new float[length];
                step(actualSum, useAdd ? add : default, useSub ? sub : default, actual, divisor);
                Assert.True(expectedSum.AsSpan().SequenceEqual(actualSum), $"{name} sums (add {useAdd}, sub {useSub})");
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} outputs (add {useAdd}, sub {useSub})");
            }
        }
    }

    [Fact]
    public void Box1DScalar_WindowOne_ComputesAddThenSubtract()
    {
        // SPEC.md §1.2: with w = 1 the reference is not an identity: out[1] = (in[0] + in[1]) - in[0] in float.
        // 2^24 + 1 rounds to 2^24, so out[1] is 0, not 1; out[2] continues from that running sum.
        float[] input = [16777216f, 1f, 5f];
        var output = new float[3];
        BoxFilterKernels.Box1DScalar(input, 1, output, 1, 3, 1);
        Assert.Equal([16777216f, 0f, 4f], output);   // running sum: 2^24, (2^24 + 1) - 2^24 = 0, (0 + 5) - 1 = 4
    }

    [Theory]
    [InlineData(7, 16)]
    [InlineData(8, 16)]
    [InlineData(1, 5)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(13, 40)]
    [InlineData(20, 20)]
    public void Box1DScalar_IntegerInput_IsMeanOfClippedWindow(int window, int length)
    {
        // With small integers every float sum is exact, so the schedule alone decides the result: output o averages
        // inputs [o - (w - h), o + h - 1] clipped to [0, n - 1], h = (w + 2) / 2 (SPEC.md §1.2; the reference's comment
        // draws 7 -> [o-3, o+3] and 8 -> [o-3, o+4]).
        var rng = new SplitMix64((ulong)(window * 100 + length));
        float[] input = Enumerable.Range(0, length).Select(_ => (float)rng.NextInt(256)).ToArray();
        var output = new float[length];
        BoxFilterKernels.Box1DScalar(input, 1, output, 1, length, window);
        int h = (window + 2) / 2;
        for (int o = 0; o < length; o++)
        {
            int lo = Math.Max(0, o - (window - h)), hi = Math.Min(length - 1, o + h - 1);
            float sum = 0;
            for (int i = lo; i <= hi; i++)
                sum += input[i];
            Assert.Equal(sum / (hi - lo + 1), output[o]);
        }
    }

    [Fact]
    public void BoxPlan_MatchesScheduleOfReference()
    {
        for (int n = 1; n <= 40; n++)
        {
            for (int w = 1; w <= n; w++)
            {
                var plan = new BoxPlan(n, w);
                int h = (w + 2) / 2;
                for (int o = 0; o < n; o++)
                {
                    int lo = Math.Max(0, o - (w - h)), hi = Math.Min(n - 1, o + h - 1);
                    Assert.Equal(hi - lo + 1, plan.Count(o));
                    Assert.Equal(o + h - 1 <= n - 1 ? o + h - 1 : -1, plan.AddIndex(o));
                    Assert.Equal(o - (w - h) - 1 >= 0 ? o - (w - h) - 1 : -1, plan.SubtractIndex(o));
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void BoxAlongRows_WindowOutsideLength_Throws(int window)
    {
        var scratch = new float[BoxFilterKernels.RowScratchLength(10, 10)];
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BoxFilterKernels.BoxAlongRows(new float[40], 10, new float[40], 10, 4, 10, window, scratch));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BoxFilterKernels.BoxAlongRowsScalar(new float[40], 10, new float[40], 10, 4, 10, window));
    }

    [Fact]
    public void BoxAlongRows_ShortBuffers_Throw()
    {
        var scratch = new float[BoxFilterKernels.RowScratchLength(10, 2)];
        Assert.Throws<ArgumentException>(() => BoxFilterKernels.BoxAlongRows(new float[39], 10, new float[40], 10, 4, 10, 2, scratch));
        Assert.Throws<ArgumentException>(() => BoxFilterKernels.BoxAlongRows(new float[40], 10, new float[39], 10, 4, 10, 2, scratch));
        Assert.Throws<ArgumentException>(() => BoxFilterKernels.BoxAlongRowsVector256(new float[160], 10, new float[160], 10, 16, 10, 2, new float[10]));
        Assert.Throws<ArgumentException>(() => BoxFilterKernels.ColumnStep(new float[8], new float[7], default, new float[8], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BoxFilterKernels.BoxAlongRowsSampled(new float[40], 10, 4, 10, 2, [3, 2], new float[8], 2, new float[BoxFilterKernels.RowScratchLength(10, 2, 2)]));
    }

    private static void AssertRowsEqual(float[] expected, float[] actual, int rows, int cols, int stride, string path)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> e = expected.AsSpan(r * stride, cols), a = actual.AsSpan(r * stride, cols);
            if (!e.SequenceEqual(a))
            {
                int c = 0;
                while (e[c].Equals(a[c]))
                    c++;
                Assert.Fail($"{path}: row {r} column {c}: expected {e[c]:R}, got {a[c]:R}");
            }
        }
    }
}
