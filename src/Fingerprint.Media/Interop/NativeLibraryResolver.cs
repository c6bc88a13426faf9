using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

// Interop types live in namespace Fingerprint.Media (not .Interop) so that `Interop.TurboJpeg` reads as in dotnet/runtime
// without a namespace named like the class (STYLE.md §3.7).
namespace Fingerprint.Media;

/// <summary>
/// The assembly's one <see cref="NativeLibrary.SetDllImportResolver"/> (a second call would throw), installed from this
/// type's static constructor the first time any <c>Interop.*</c> class is touched (each has a static constructor that
/// calls <see cref="EnsureInstalled"/>). It maps the short names of <see cref="Libraries"/> to sonames, caches the
/// handles, and turns a missing library into a <see cref="NativeDependencyException"/> naming the Debian package.
/// </summary>
internal static class NativeLibraryResolver
{
    private static readonly ConcurrentDictionary<string, nint> s_handles = new(StringComparer.Ordinal);

    static NativeLibraryResolver()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    /// <summary>Runs the static constructor (once); cheap afterwards.</summary>
    internal static void EnsureInstalled()
    {
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!Libraries.Catalog.ContainsKey(libraryName))
            return 0;   // not ours: let the runtime's default probing handle it
        return Load(libraryName);
    }

    /// <summary>Loads (once) and returns the handle of a catalogued library; throws <see cref="NativeDependencyException"/>.</summary>
    internal static nint Load(string libraryName) =>
        s_handles.TryGetValue(libraryName, out nint handle)
            ? handle
            : s_handles.GetOrAdd(libraryName, static name => LoadFrom(Libraries.Catalog, name));

    /// <summary>
    /// The loading rule itself, over any catalogue (the seam tests use to point a name at a soname that does not
    /// exist). Unknown names and unloadable sonames both raise <see cref="NativeDependencyException"/>.
    /// </summary>
    internal static nint LoadFrom(IReadOnlyDictionary<string, NativeLibraryEntry> catalog, string libraryName)
    {
        if (!catalog.TryGetValue(libraryName, out NativeLibraryEntry? entry))
            throw new NativeDependencyException(libraryName, libraryName, "unknown", "the library is not in Fingerprint.Media's catalogue");
        if (NativeLibrary.TryLoad(entry.Soname, out nint handle))
            return handle;
        string? detail = null;
        try
        {
            NativeLibrary.Load(entry.Soname);   // only to obtain the loader's message (dlerror text)
        }
        catch (DllNotFoundException ex)
        {
            detail = ex.Message;
        }
        catch (BadImageFormatException ex)
        {
            detail = ex.Message;
        }
        throw new NativeDependencyException(entry.Name, entry.Soname, entry.DebianPackage, detail);
    }

    /// <summary>True when <paramref name="libraryName"/> loads; never throws.</summary>
    internal static bool TryLoad(string libraryName, out nint handle)
    {
        try
        {
            handle = Load(libraryName);
            return true;
        }
        catch (NativeDependencyException)
        {
            handle = 0;
            return false;
        }
    }
}
