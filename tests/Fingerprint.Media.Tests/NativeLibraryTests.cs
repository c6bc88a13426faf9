namespace Fingerprint.Media.Tests;

/// <summary>The resolver: catalogued sonames load, a missing one becomes a typed exception naming the package.</summary>
public class NativeLibraryTests
{
    [Fact]
    public void LoadFrom_MissingSoname_ThrowsNativeDependencyExceptionNamingThePackage()
    {
        var catalog = new Dictionary<string, NativeLibraryEntry>
        {
            ["turbojpeg"] = new("turbojpeg", "libfingerprint-does-not-exist.so.9", "libfingerprint-fake0"),
        };
        var ex = Assert.Throws<NativeDependencyException>(() => NativeLibraryResolver.LoadFrom(catalog, "turbojpeg"));
        Assert.Equal("turbojpeg", ex.LibraryName);
        Assert.Equal("libfingerprint-does-not-exist.so.9", ex.Soname);
        Assert.Equal("libfingerprint-fake0", ex.DebianPackage);
        Assert.Equal(MediaErrorCode.DependencyMissing, ex.Code);
        Assert.Contains("apt-get install libfingerprint-fake0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("libfingerprint-does-not-exist.so.9", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.NativeMessage);   // the loader's own text
    }

    [Fact]
    public void LoadFrom_UnknownName_ThrowsNativeDependencyException()
    {
        var ex = Assert.Throws<NativeDependencyException>(() => NativeLibraryResolver.LoadFrom(Libraries.Catalog, "no-such-library"));
        Assert.Equal("no-such-library", ex.LibraryName);
    }

    [Fact]
    public void Catalog_EveryLibraryLoadsHere()
    {
        foreach (NativeLibraryEntry entry in Libraries.Catalog.Values)
            Assert.NotEqual(0, NativeLibraryResolver.LoadFrom(Libraries.Catalog, entry.Name));
    }

    [Fact]
    public void Probe_ReportsEveryLibraryFoundWithAVersion()
    {
        IReadOnlyList<NativeLibraryInfo> infos = NativeLibraries.Probe();
        Assert.Equal(Libraries.Catalog.Count, infos.Count);
        foreach (NativeLibraryInfo info in infos)
        {
            Assert.True(info.Found, $"{info.Soname}: {info.Error}");
            Assert.False(string.IsNullOrEmpty(info.Version), info.Name);
            Assert.Null(info.Error);
        }
        Assert.Equal("0.7.3", infos.Single(i => i.Name == "spng").Version);
        Assert.Equal("1.2.4", infos.Single(i => i.Name == "webp").Version);
        Assert.Contains("16 scaling factors", infos.Single(i => i.Name == "turbojpeg").Version, StringComparison.Ordinal);
        Assert.StartsWith("1.15.1", infos.Single(i => i.Name == "heif").Version, StringComparison.Ordinal);
    }
}
