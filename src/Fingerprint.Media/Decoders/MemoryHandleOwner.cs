using System.Buffers;

namespace Fingerprint.Media.Decoders;

/// <summary>Pins a <see cref="ReadOnlyMemory{T}"/> for as long as native code may read it.</summary>
internal sealed unsafe class MemoryHandleOwner : IDisposable
{
    private MemoryHandle _handle;

    public MemoryHandleOwner(ReadOnlyMemory<byte> memory)
    {
        _handle = memory.Pin();
        Pointer = (byte*)_handle.Pointer;
    }

    public byte* Pointer { get; }

    public void Dispose() => _handle.Dispose();
}
