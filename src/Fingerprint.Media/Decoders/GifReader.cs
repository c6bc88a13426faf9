using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fingerprint.Media.Decoders;

/// <summary>
/// giflib's low-level decoder over pinned memory: DGifOpen with an <c>[UnmanagedCallersOnly]</c> read callback, then
/// one record at a time. The caller keeps the input pinned for the reader's lifetime. Not thread-safe.
/// </summary>
internal sealed unsafe class GifReader : IDisposable
{
    internal const string FormatName = "GIF";

    /// <summary>The callback's view of the input, in native memory so its address never moves.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ReadState
    {
        public byte* Data;
        public long Length;
        public long Position;
    }

    private ReadState* _state;
    private SafeGifFileHandle? _gif;

    /// <summary>The Graphic Control Extension that applies to the next image (GIF89a §23).</summary>
    internal readonly record struct GraphicControl(int Disposal, int DelayCentiseconds, int TransparentIndex)
    {
        public static GraphicControl None => new(0, 0, -1);
    }

    /// <summary>One image descriptor and the palette it uses (local, else global; null when the file has neither).</summary>
    internal readonly struct Frame(int left, int top, int width, int height, bool interlaced, GraphicControl control,
        Interop.Gif.GifColorType* colors, int colorCount)
    {
        public int Left { get; } = left;
        public int Top { get; } = top;
        public int Width { get; } = width;
        public int Height { get; } = height;
        public bool Interlaced { get; } = interlaced;
        public GraphicControl Control { get; } = control;

        /// <summary>Palette entries owned by giflib (valid until the next record is read).</summary>
        public Interop.Gif.GifColorType* Colors { get; } = colors;
        public int ColorCount { get; } = colorCount;
    }

    public GifReader(byte* data, int length)
    {
        _state = (ReadState*)NativeMemory.Alloc((nuint)sizeof(ReadState));
        _state->Data = data;
        _state->Length = length;
        _state->Position = 0;
        SafeGifFileHandle gif = Interop.Gif.DGifOpen((nint)_state, &Read, out int error);
        if (gif.IsInvalid)
        {
            gif.Dispose();
            NativeMemory.Free(_state);
            _state = null;
            Throw(error, "reading the screen descriptor");
        }
        _gif = gif;
        ScreenWidth = gif.File->SWidth;
        ScreenHeight = gif.File->SHeight;
    }

    public int ScreenWidth { get; }
    public int ScreenHeight { get; }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(Interop.Gif.GifFileType* gif, byte* buffer, int length)
    {
        var state = (ReadState*)gif->UserData;
        if (state == null || length <= 0)
            return 0;
        long available = state->Length - state->Position;
        int n = (int)Math.Min(length, Math.Max(0, available));
        if (n > 0)
        {
            Buffer.MemoryCopy(state->Data + state->Position, buffer, length, n);
            state->Position += n;
        }
        return n;
    }

    private SafeGifFileHandle Gif => _gif ?? throw new ObjectDisposedException(nameof(GifReader));

    /// <summary>
    /// Advances to the next image descriptor, collecting its Graphic Control Extension; false at the trailer.
    /// The image's pixels must then be read with <see cref="ReadPixels"/> or skipped with <see cref="SkipPixels"/>.
    /// </summary>
    public bool NextFrame(out Frame frame)
    {
        GraphicControl control = GraphicControl.None;
        while (true)
        {
            if (Interop.Gif.DGifGetRecordType(Gif, out int type) == Interop.Gif.GIF_ERROR)
                ThrowLast("reading a record");
            switch (type)
            {
                case Interop.Gif.IMAGE_DESC_RECORD_TYPE:
                    if (Interop.Gif.DGifGetImageDesc(Gif) == Interop.Gif.GIF_ERROR)
                        ThrowLast("reading an image descriptor");
                    Interop.Gif.GifImageDesc desc = Gif.File->Image;
                    Interop.Gif.ColorMapObject* map = desc.ColorMap != null ? desc.ColorMap : Gif.File->SColorMap;
                    frame = new Frame(desc.Left, desc.Top, desc.Width, desc.Height, desc.Interlace != 0, control,
                        map != null ? map->Colors : null, map != null && map->Colors != null ? Math.Clamp(map->ColorCount, 0, 256) : 0);
                    return true;
                case Interop.Gif.EXTENSION_RECORD_TYPE:
                    byte* ext;
                    if (Interop.Gif.DGifGetExtension(Gif, out int code, &ext) == Interop.Gif.GIF_ERROR)
                        ThrowLast("reading an extension");
                    if (code == Interop.Gif.GRAPHICS_EXT_FUNC_CODE && ext != null && ext[0] >= 4)
                        control = new GraphicControl((ext[1] >> 2) & 7, ext[2] | (ext[3] << 8), (ext[1] & 1) != 0 ? ext[4] : -1);
                    while (ext != null)
                    {
                        if (Interop.Gif.DGifGetExtensionNext(Gif, &ext) == Interop.Gif.GIF_ERROR)
                            ThrowLast("reading an extension");
                    }
                    break;
                case Interop.Gif.TERMINATE_RECORD_TYPE:
                    frame = default;
                    return false;
                default:
                    MediaThrow.Corrupt(FormatName, $"unexpected record type {type}");
                    break;
            }
        }
    }

    /// <summary>Decodes the current image's colour indices (width x height bytes, rows in display order).</summary>
    public void ReadPixels(in Frame frame, Span<byte> indices)
    {
        int w = frame.Width, h = frame.Height;
        if (w <= 0 || h <= 0)
        {
            SkipPixels();
            return;
        }
        if (indices.Length < (long)w * h)
            throw new ArgumentException("Index buffer too small.", nameof(indices));
        fixed (byte* dst = indices)
        {
            if (!frame.Interlaced)
            {
                if (Interop.Gif.DGifGetLine(Gif, dst, checked(w * h)) == Interop.Gif.GIF_ERROR)
                    ThrowLast("decoding image data");
                return;
            }
            // Interlaced rows arrive in four passes (GIF89a Appendix E): every 8th row from 0, every 8th from 4,
            // every 4th from 2, every 2nd from 1.
            ReadOnlySpan<int> starts = [0, 4, 2, 1];
            ReadOnlySpan<int> steps = [8, 8, 4, 2];
            for (int pass = 0; pass < 4; pass++)
            {
                for (int y = starts[pass]; y < h; y += steps[pass])
                {
                    if (Interop.Gif.DGifGetLine(Gif, dst + (long)y * w, w) == Interop.Gif.GIF_ERROR)
                        ThrowLast("decoding image data");
                }
            }
        }
    }

    /// <summary>Skips the current image's LZW data without decoding it.</summary>
    public void SkipPixels()
    {
        byte* block;
        if (Interop.Gif.DGifGetCode(Gif, out _, &block) == Interop.Gif.GIF_ERROR)
            ThrowLast("skipping image data");
        while (block != null)
        {
            if (Interop.Gif.DGifGetCodeNext(Gif, &block) == Interop.Gif.GIF_ERROR)
                ThrowLast("skipping image data");
        }
    }

    private void ThrowLast(string stage) => Throw(Gif.File->Error, stage);

    internal static void Throw(int error, string stage)
    {
        string native = $"giflib: {Interop.PtrToString(Interop.Gif.GifErrorString(error)) ?? $"error {error}"}";
        switch (error)
        {
            case Interop.Gif.D_GIF_ERR_READ_FAILED or Interop.Gif.D_GIF_ERR_EOF_TOO_SOON:
                MediaThrow.Truncated(FormatName, native);
                break;
            case Interop.Gif.D_GIF_ERR_NOT_ENOUGH_MEM:
                MediaThrow.Native(MediaErrorCode.LimitExceeded, "GIF decoder ran out of memory", native);
                break;
            default:
                MediaThrow.Corrupt(FormatName, stage, native);
                break;
        }
    }

    public void Dispose()
    {
        _gif?.Dispose();
        _gif = null;
        if (_state != null)
        {
            NativeMemory.Free(_state);
            _state = null;
        }
    }
}
