namespace Fingerprint.Hashing.Classic;

/// <summary>
/// Stage 3 of pHash: OpenCV's <c>cv::dct</c> of a 32x32 single-precision block (orthonormal 2-D DCT-II), bit for bit.
/// </summary>
/// <remarks>
/// Source: OpenCV 4.6 <c>modules/core/src/dxt.cpp</c>, the path a build without IPP takes (Debian's python3-opencv):
/// <c>OcvDctImpl::apply</c> transforms every row, then every column of the result, with the 1-D <c>DCT&lt;float&gt;</c>,
/// which reorders its input (even samples forward, odd samples backward), takes <c>RealDFT&lt;float&gt;</c> of
/// length 32 (a 16-point complex <c>DFT&lt;float&gt;</c> in place: bit-reversal permutation, two radix-4 passes, then
/// the real-signal split) and rotates the result by the <c>DCTInit</c> table. Twiddles come from <c>DFTInit</c> and
/// <c>DCTInit</c>: a double-precision complex recurrence from <c>DFTTab</c>, each value rounded to float. The scalar
/// butterflies are copied operation for operation, in float, multiply then add (no FMA), as the reference's
/// <c>-O2 -msse2</c> build computes them; OpenCV's SSE3 radix-4 kernel is not compiled into that build. The output
/// of a constant block is exact: every AC coefficient is 0. Verified bit for bit against python3-opencv 4.6.
/// </remarks>
internal static class OpenCvDct32
{
    public const int Size = 32;

    /// <summary>Floats of scratch <see cref="Forward2D"/> needs.</summary>
    public const int ScratchLength = 2 * Size;

    private const int Half = Size / 2;
    private const float Sin45 = (float)0.70710678118654752440084436210485;

    // DFTInit(32): wave[k] = exp(-2 pi i k / 32).
    private static readonly float[] s_waveRe = new float[Size];
    private static readonly float[] s_waveIm = new float[Size];

    // DCTInit(32): dct_wave[k] = 2 * DctScale[5] * exp(-i pi k / 64) = 0.25 * exp(-i pi k / 64), k = 0..16.
    private static readonly float[] s_dctRe = new float[Half + 1];
    private static readonly float[] s_dctIm = new float[Half + 1];

    // DFTInit's itab for 32 points, read with step 2 by the 16-point transform: the 4-bit bit reversal.
    private static readonly byte[] s_bitReverse16 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];

#pragma warning disable CA1810 // tables are computed by a recurrence, once
    static OpenCvDct32()
#pragma warning restore CA1810
    {
        // DFTTab[5] = (cos, sin)(2 pi / 32); w1 = (re, -im).
        double w1Re = 0.98078528040323043, w1Im = -0.19509032201612825;
        double wRe = w1Re, wIm = w1Im;
        s_waveRe[0] = 1f;
        s_waveIm[0] = 0f;
        s_waveRe[Half] = -1f;
        s_waveIm[Half] = 0f;
        for (int i = 1; i < Half; i++)
        {
            s_waveRe[i] = (float)wRe;
            s_waveIm[i] = (float)wIm;
            s_waveRe[Size - i] = (float)wRe;
            s_waveIm[Size - i] = (float)-wIm;
            double t = wRe * w1Re - wIm * w1Im;
            wIm = wRe * w1Im + wIm * w1Re;
            wRe = t;
        }

        // DctScale[5] = 0.125; DFTTab[7] = (cos, sin)(2 pi / 128); w1 = (re, -im); w starts at (float)scale.
        w1Re = 0.99879545620517241;
        w1Im = -0.04906767432741802;
        wRe = (float)(2 * 0.125);
        wIm = 0;
        for (int i = 0; i <= Half; i++)
        {
            s_dctRe[i] = (float)wRe;
            s_dctIm[i] = (float)wIm;
            double t = wRe * w1Re - wIm * w1Im;
            wIm = wRe * w1Im + wIm * w1Re;
            wRe = t;
        }
    }

    /// <summary>2-D DCT of a row-major 32x32 block, in place: rows first, then columns, as <c>OcvDctImpl</c>.</summary>
    public static void Forward2D(Span<float> block, Span<float> scratch)
    {
        if (block.Length < Size * Size || scratch.Length < ScratchLength)
            Internal.ThrowHelper.ThrowArgumentException_BufferTooSmall(nameof(block));
        Span<float> column = scratch.Slice(0, Size);
        Span<float> work = scratch.Slice(Size, Size);
        for (int r = 0; r < Size; r++)
        {
            Span<float> row = block.Slice(r * Size, Size);
            Forward1D(row, row, work);
        }
        for (int c = 0; c < Size; c++)
        {
            for (int r = 0; r < Size; r++)
                column[r] = block[r * Size + c];
            Forward1D(column, column, work);
            for (int r = 0; r < Size; r++)
                block[r * Size + c] = column[r];
        }
    }

    /// <summary>
    /// <c>DCT&lt;float&gt;</c> for n = 32. <paramref name="src"/> and <paramref name="dst"/> may be the same span:
    /// the input is copied into <paramref name="work"/> before anything is written.
    /// </summary>
    internal static void Forward1D(ReadOnlySpan<float> src, Span<float> dst, Span<float> work)
    {
        Span<float> buf = work.Slice(0, Size);
        for (int j = 0; j < Half; j++)
        {
            buf[j] = src[2 * j];
            buf[Size - j - 1] = src[2 * j + 1];
        }

        RealDft(buf);

        dst[0] = buf[0] * s_dctRe[0] * Sin45;
        for (int j = 1; j < Half; j++)
        {
            float re = s_dctRe[j], im = s_dctIm[j];
            float t0 = re * buf[j * 2 - 1] - im * buf[j * 2];
            float t1 = -im * buf[j * 2 - 1] - re * buf[j * 2];
            dst[j] = t0;
            dst[Size - j] = t1;
        }
        dst[Half] = buf[Size - 1] * s_dctRe[Half];
    }

    /// <summary>
    /// <c>RealDFT&lt;float&gt;</c> for n = 32, in place (as the DCT calls it: its two buffers are one when the
    /// factorisation has a single factor), scale 1, packed output re(0), re(1), im(1), ..., re(16).
    /// </summary>
    private static void RealDft(Span<float> dst)
    {
        Dft16(dst);

        float t = dst[0] - dst[1];
        dst[0] = dst[0] + dst[1];
        dst[1] = t;

        float t0 = dst[Half];
        t = dst[Size - 1];
        dst[Size - 1] = dst[1];

        const float Scale2 = 0.5f;
        int j = 2;
        for (int k = 1; j < Half; j += 2, k++)
        {
            float h2Re = Scale2 * (dst[j + 1] + t);
            float h2Im = Scale2 * (dst[Size - j] - dst[j]);
            float h1Re = Scale2 * (dst[j] + dst[Size - j]);
            float h1Im = Scale2 * (dst[j + 1] - t);

            t = h2Re * s_waveRe[k] - h2Im * s_waveIm[k];
            h2Im = h2Re * s_waveIm[k] + h2Im * s_waveRe[k];
            h2Re = t;
            t = dst[Size - j - 1];

            dst[j - 1] = h1Re + h2Re;
            dst[Size - j - 1] = h1Re - h2Re;
            dst[j] = h1Im + h2Im;
            dst[Size - j] = h2Im - h1Im;
        }

        // j == Half here.
        dst[Half - 1] = t0;
        dst[Half] = -t;
    }

    /// <summary>
    /// <c>DFT&lt;float&gt;</c> of 16 complex values (interleaved re, im) in place, with the 32-point twiddle table
    /// (tab_size 32): the bit-reversal permutation, then radix-4 passes while n * 4 &lt;= 16.
    /// </summary>
    private static void Dft16(Span<float> d)
    {
        const int N = Half;
        for (int i = 0; i < N; i++)
        {
            int j = s_bitReverse16[i];
            if (j > i)
            {
                (d[2 * i], d[2 * j]) = (d[2 * j], d[2 * i]);
                (d[2 * i + 1], d[2 * j + 1]) = (d[2 * j + 1], d[2 * i + 1]);
            }
        }

        int dw0 = Size;
        for (int n = 1; n * 4 <= N;)
        {
            int nx = n;
            n *= 4;
            dw0 /= 4;

            for (int i = 0; i < N; i += n)
            {
                // j = 0: no twiddles.
                int v0 = 2 * i, v1 = 2 * (i + nx * 2), x = 2 * nx;
                float r0 = d[v1], i0 = d[v1 + 1];
                float r4 = d[v1 + x], i4 = d[v1 + x + 1];

                float r1 = r0 + r4, i1 = i0 + i4;
                float r3 = i0 - i4, i3 = r4 - r0;

                float r2 = d[v0], i2 = d[v0 + 1];
                r4 = d[v0 + x];
                i4 = d[v0 + x + 1];

                r0 = r2 + r4;
                i0 = i2 + i4;
                r2 -= r4;
                i2 -= i4;

                d[v0] = r0 + r1; d[v0 + 1] = i0 + i1;
                d[v1] = r0 - r1; d[v1 + 1] = i0 - i1;
                d[v0 + x] = r2 + r3; d[v0 + x + 1] = i2 + i3;
                d[v1 + x] = r2 - r3; d[v1 + x + 1] = i2 - i3;

                for (int j = 1, dw = dw0; j < nx; j++, dw += dw0)
                {
                    v0 = 2 * (i + j);
                    v1 = v0 + 2 * nx * 2;
                    float w1Re = s_waveRe[dw], w1Im = s_waveIm[dw];
                    float w2Re = s_waveRe[dw * 2], w2Im = s_waveIm[dw * 2];
                    float w3Re = s_waveRe[dw * 3], w3Im = s_waveIm[dw * 3];

                    r2 = d[v0 + x] * w2Re - d[v0 + x + 1] * w2Im;
                    i2 = d[v0 + x] * w2Im + d[v0 + x + 1] * w2Re;
                    r0 = d[v1] * w1Im + d[v1 + 1] * w1Re;
                    i0 = d[v1] * w1Re - d[v1 + 1] * w1Im;
                    r3 = d[v1 + x] * w3Im + d[v1 + x + 1] * w3Re;
                    i3 = d[v1 + x] * w3Re - d[v1 + x + 1] * w3Im;

                    r1 = i0 + i3;
                    i1 = r0 + r3;
                    r3 = r0 - r3;
                    i3 -= i0;
                    r4 = d[v0];
                    i4 = d[v0 + 1];

                    r0 = r4 + r2;
                    i0 = i4 + i2;
                    r2 = r4 - r2;
                    i2 = i4 - i2;

                    d[v0] = r0 + r1; d[v0 + 1] = i0 + i1;
                    d[v1] = r0 - r1; d[v1 + 1] = i0 - i1;
                    d[v0 + x] = r2 + r3; d[v0 + x + 1] = i2 + i3;
                    d[v1 + x] = r2 - r3; d[v1 + x + 1] = i2 - i3;
                }
            }
        }
    }
}
