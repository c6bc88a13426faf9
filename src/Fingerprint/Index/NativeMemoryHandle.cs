using System.Runtime.InteropServices;

namespace Fingerprint.Index;

/// <summary>
/// Owns one block of native memory (NativeMemory.AlignedAlloc, page-aligned), freed when the handle is released: by
/// Dispose once no query holds a reference (SafeHandle reference counting), or by the finalizer. The GC is told about
/// the block's size so that unreachable indexes are collected promptly.
/// </summary>
internal sealed unsafe class NativeMemoryHandle : SafeHandle
{
    private const nuint Alignment = 4096;
    private readonly long _length;

    public NativeMemoryHandle(long length)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _length = length;
        SetHandle((IntPtr)NativeMemory.AlignedAlloc((nuint)length, Alignment));
        GC.AddMemoryPressure(length);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public byte* Pointer => (byte*)handle;

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        GC.RemoveMemoryPressure(_length);
        return true;
    }
}
