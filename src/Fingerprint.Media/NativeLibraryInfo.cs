namespace Fingerprint.Media;

/// <summary>One native library as <c>fingerprint info</c> reports it.</summary>
/// <param name="Name">Short name (<c>turbojpeg</c>).</param>
/// <param name="Soname">File the loader looks for (<c>libturbojpeg.so.0</c>).</param>
/// <param name="DebianPackage">Package that installs it (<c>libturbojpeg0</c>).</param>
/// <param name="Found">Whether it loaded.</param>
/// <param name="Version">What the library says about itself, or null when it was not found.</param>
/// <param name="Error">The loader's message when it was not found, else null.</param>
public sealed record NativeLibraryInfo(string Name, string Soname, string DebianPackage, bool Found, string? Version, string? Error);
