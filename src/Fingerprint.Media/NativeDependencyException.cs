namespace Fingerprint.Media;

/// <summary>
/// A native library could not be loaded. Names the library and the Debian package that provides it; the CLI maps this
/// to its DependencyMissing exit code.
/// </summary>
public sealed class NativeDependencyException : MediaException
{
    public NativeDependencyException()
        : this("unknown", "unknown", "unknown")
    {
    }

    public NativeDependencyException(string message)
        : base(MediaErrorCode.DependencyMissing, message)
    {
        LibraryName = "unknown";
        Soname = "unknown";
        DebianPackage = "unknown";
    }

    public NativeDependencyException(string message, Exception innerException)
        : base(MediaErrorCode.DependencyMissing, message, null, innerException)
    {
        LibraryName = "unknown";
        Soname = "unknown";
        DebianPackage = "unknown";
    }

    public NativeDependencyException(string libraryName, string soname, string debianPackage, string? loaderMessage = null)
        : base(MediaErrorCode.DependencyMissing,
               $"Native library {soname} ({libraryName}) could not be loaded; install it with: apt-get install {debianPackage}",
               loaderMessage)
    {
        LibraryName = libraryName;
        Soname = soname;
        DebianPackage = debianPackage;
    }

    /// <summary>The library's short name (as in <c>Interop/Libraries.cs</c>), e.g. <c>turbojpeg</c>.</summary>
    public string LibraryName { get; }

    /// <summary>The file the loader looked for, e.g. <c>libturbojpeg.so.0</c>.</summary>
    public string Soname { get; }

    /// <summary>The Debian package that installs it, e.g. <c>libturbojpeg0</c>.</summary>
    public string DebianPackage { get; }
}
