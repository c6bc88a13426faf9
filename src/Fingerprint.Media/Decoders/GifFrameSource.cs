using System.Buffers;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// An animated GIF as frames (GIF89a §23 Graphic Control Extension semantics, as browsers render them): the canvas is
/// the logical screen, initially transparent black; each image is drawn at its offset (clipped to the screen), skipping
/// its transparent index; out-of-range indices take palette entry 0 (as in <see cref="GifDecoder"/>). After a frame is
/// delivered its disposal applies: 2 clears its rectangle to transparent black (the background colour is ignored, as
/// browsers do), 3 restores the rectangle as it was before the frame, 0 and 1 leave it. Delays: see <see cref="FrameSchedule"/>.
/// </summary>
internal sealed class GifFrameSource : AnimatedFrameSource
{
    public GifFrameSource(ReadOnlyMemory<byte> data, DecodeOptions options, GifStructure structure)
        : base(data, options, structure.ScreenWidth, structure.ScreenHeight,
               structure.DelaysCentiseconds.Select(cs => cs * 10).ToArray(), GifReader.FormatName)
    {
    }

    protected override IAnimator CreateAnimator() => new GifAnimator(Data, Width, Height, Options.Limits);

    private sealed unsafe class GifAnimator : IAnimator
    {
        private readonly MemoryHandleOwner _pin;
        private readonly GifReader _reader;
        private readonly MediaLimits _limits;
        private readonly byte[] _canvas;
        private byte[]? _saved;
        private byte[] _indices = [];
        private (int X, int Y, int W, int H, int Disposal)? _previous;

        public GifAnimator(ReadOnlyMemory<byte> data, int width, int height, MediaLimits limits)
        {
            Width = width;
            Height = height;
            _limits = limits;
            _canvas = new byte[checked(width * height * 4)];
            _pin = new MemoryHandleOwner(data);
            try
            {
                _reader = new GifReader(_pin.Pointer, data.Length);
            }
            catch
            {
                _pin.Dispose();
                throw;
            }
        }

        public int Width { get; }
        public int Height { get; }
        public ReadOnlySpan<byte> Canvas => _canvas;

        public bool Advance()
        {
            if (_previous is { } p)
            {
                if (p.Disposal == 2)
                    ClearRect(p.X, p.Y, p.W, p.H);
                else if (p.Disposal == 3 && _saved is not null)
                    CopyRect(_saved, p.X, p.Y, p.W, p.H, restore: true);
            }
            if (!_reader.NextFrame(out GifReader.Frame frame))
                return false;
            MediaThrow.CheckDimensions(_limits, GifReader.FormatName, Math.Max(frame.Width, 1), Math.Max(frame.Height, 1), 1);
            // Clip the frame rectangle to the canvas.
            int x0 = Math.Clamp(frame.Left, 0, Width), y0 = Math.Clamp(frame.Top, 0, Height);
            int x1 = (int)Math.Clamp((long)frame.Left + frame.Width, 0, Width), y1 = (int)Math.Clamp((long)frame.Top + frame.Height, 0, Height);
            int cw = Math.Max(0, x1 - x0), ch = Math.Max(0, y1 - y0);
            int disposal = frame.Control.Disposal;
            if (disposal == 3)
            {
                _saved ??= new byte[_canvas.Length];
                CopyRect(_saved, x0, y0, cw, ch, restore: false);
            }
            int fw = frame.Width, fh = frame.Height;
            if (fw > 0 && fh > 0)
            {
                int count = fw * fh;
                if (_indices.Length < count)
                {
                    if (_indices.Length > 0)
                        ArrayPool<byte>.Shared.Return(_indices);
                    _indices = ArrayPool<byte>.Shared.Rent(count);
                }
                _reader.ReadPixels(frame, _indices);
                if (frame.Colors == null || frame.ColorCount == 0)
                    MediaThrow.Corrupt(GifReader.FormatName, "no colour table (neither global nor local)");
                int transparent = frame.Control.TransparentIndex;
                for (int y = y0; y < y1; y++)
                {
                    int srcRow = (y - frame.Top) * fw - frame.Left;
                    int dst = (y * Width + x0) * 4;
                    for (int x = x0; x < x1; x++, dst += 4)
                    {
                        int index = _indices[srcRow + x];
                        if (index == transparent)
                            continue;
                        if (index >= frame.ColorCount)
                            index = 0;
                        Interop.Gif.GifColorType c = frame.Colors[index];
                        _canvas[dst] = c.Red;
                        _canvas[dst + 1] = c.Green;
                        _canvas[dst + 2] = c.Blue;
                        _canvas[dst + 3] = 255;
                    }
                }
            }
            else
            {
                _reader.SkipPixels();
            }
            _previous = (x0, y0, cw, ch, disposal);
            return true;
        }

        private void ClearRect(int x, int y, int w, int h)
        {
            for (int r = y; r < y + h; r++)
                _canvas.AsSpan((r * Width + x) * 4, w * 4).Clear();
        }

        private void CopyRect(byte[] other, int x, int y, int w, int h, bool restore)
        {
            for (int r = y; r < y + h; r++)
            {
                int at = (r * Width + x) * 4;
                if (restore)
                    other.AsSpan(at, w * 4).CopyTo(_canvas.AsSpan(at));
                else
                    _canvas.AsSpan(at, w * 4).CopyTo(other.AsSpan(at));
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            _pin.Dispose();
            if (_indices.Length > 0)
                ArrayPool<byte>.Shared.Return(_indices);
            _indices = [];
        }
    }
}
