using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Fingerprint.Index;

/// <summary>
/// The memory an index lives in, laid out as its snapshot file (<see cref="SnapshotLayout"/>): either native memory
/// the index was built into, or a read-only memory mapping of a snapshot file (rows are never copied). Queries bracket
/// their use of the memory with <see cref="AddRef"/> / <see cref="Release"/> (SafeHandle reference counting), so a
/// Dispose during a query frees or unmaps only after that query returns; queries started after Dispose throw
/// <see cref="ObjectDisposedException"/>. An image nobody disposes is released by the handle's finalizer.
/// </summary>
internal sealed unsafe class IndexImage : IDisposable
{
    private readonly SafeHandle _handle;
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;

    private IndexImage(SafeHandle handle, byte* pointer, long length, MemoryMappedFile? file, MemoryMappedViewAccessor? view)
    {
        _handle = handle;
        Pointer = pointer;
        Length = length;
        _file = file;
        _view = view;
    }

    public byte* Pointer { get; }

    public long Length { get; }

    public bool IsMapped => _view is not null;

    /// <summary>Native, page-aligned memory of <paramref name="length"/> bytes (contents undefined).</summary>
    public static IndexImage Allocate(long length)
    {
        var handle = new NativeMemoryHandle(length);
        return new IndexImage(handle, handle.Pointer, length, null, null);
    }

    /// <summary>Maps the whole of an open file read-only. The stream is owned by the mapping from here on.</summary>
    public static IndexImage Map(FileStream stream, long length)
    {
        MemoryMappedFile? file = null;
        MemoryMappedViewAccessor? view = null;
        try
        {
            file = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read,
                HandleInheritability.None, leaveOpen: false);
            view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            SafeMemoryMappedViewHandle handle = view.SafeMemoryMappedViewHandle;
            byte* pointer = (byte*)handle.DangerousGetHandle() + view.PointerOffset;
            return new IndexImage(handle, pointer, length, file, view);
        }
        catch
        {
            view?.Dispose();
            if (file is not null)
                file.Dispose();
            else
                stream.Dispose();
            throw;
        }
    }

    /// <summary>Takes a reference for the duration of a query; throws <see cref="ObjectDisposedException"/> after Dispose.</summary>
    public void AddRef()
    {
        bool added = false;
        _handle.DangerousAddRef(ref added);
    }

    public void Release() => _handle.DangerousRelease();

    public void Dispose()
    {
        if (_view is not null)
        {
            _view.Dispose();
            _file!.Dispose();
        }
        else
        {
            _handle.Dispose();
        }
    }
}
