// Interop types live in namespace Fingerprint.Media (not .Interop) so that `Interop.TurboJpeg` reads as in dotnet/runtime
// without a namespace named like the class (STYLE.md §3.7).
namespace Fingerprint.Media;

/// <summary>
/// Every native library this assembly uses: the short name given to <c>[LibraryImport]</c>, the soname the resolver
/// loads (Debian 12, x86-64), and the Debian package that installs it (NetVips' Interop/Libraries.cs pattern).
/// </summary>
internal static class Libraries
{
    internal const string TurboJpeg = "turbojpeg";
    internal const string Spng = "spng";
    internal const string WebP = "webp";
    internal const string WebPDemux = "webpdemux";
    internal const string Gif = "gif";
    internal const string Heif = "heif";

    /// <summary>The catalogue the resolver uses: short name to (soname, Debian package).</summary>
    internal static readonly IReadOnlyDictionary<string, NativeLibraryEntry> Catalog = new Dictionary<string, NativeLibraryEntry>
    {
        [TurboJpeg] = new(TurboJpeg, "libturbojpeg.so.0", "libturbojpeg0"),
        [Spng] = new(Spng, "libspng.so.0", "libspng0"),
        [WebP] = new(WebP, "libwebp.so.7", "libwebp7"),
        [WebPDemux] = new(WebPDemux, "libwebpdemux.so.2", "libwebpdemux2"),
        [Gif] = new(Gif, "libgif.so.7", "libgif7"),
        [Heif] = new(Heif, "libheif.so.1", "libheif1"),
    };
}

/// <summary>One row of <see cref="Libraries.Catalog"/>.</summary>
internal sealed record NativeLibraryEntry(string Name, string Soname, string DebianPackage);
