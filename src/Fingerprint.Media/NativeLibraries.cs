using System.Runtime.InteropServices;

namespace Fingerprint.Media;

/// <summary>Which native libraries load here and what they report, for <c>fingerprint info</c>.</summary>
public static class NativeLibraries
{
    /// <summary>
    /// Loads each library of the catalogue and asks it for a version: libturbojpeg 2.1 has no version call, so the
    /// count of tjGetScalingFactors stands in; libspng spng_version_string; libwebp WebPGetDecoderVersion; libwebpdemux
    /// WebPGetDemuxVersion; giflib has none, so the presence of DGifOpen is reported; libheif heif_get_version plus
    /// which of its HEVC/AV1 decoders exist. Never throws.
    /// </summary>
    public static IReadOnlyList<NativeLibraryInfo> Probe()
    {
        var result = new List<NativeLibraryInfo>();
        foreach (NativeLibraryEntry entry in Libraries.Catalog.Values)
        {
            string? version = null, error = null;
            bool found;
            try
            {
                NativeLibraryResolver.Load(entry.Name);
                found = true;
                version = VersionOf(entry.Name);
            }
            catch (NativeDependencyException ex)
            {
                found = false;
                error = ex.Message;
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                found = true;
                error = ex.Message;
            }
            result.Add(new NativeLibraryInfo(entry.Name, entry.Soname, entry.DebianPackage, found, version, error));
        }
        return result;
    }

    private static unsafe string? VersionOf(string name)
    {
        switch (name)
        {
            case Libraries.TurboJpeg:
                Interop.TurboJpeg.GetScalingFactors(out int n);
                return $"TurboJPEG 2 API, {n} scaling factors";
            case Libraries.Spng:
                return Interop.PtrToString(Interop.Spng.VersionString());
            case Libraries.WebP:
                return HexVersion(Interop.WebP.GetDecoderVersion());
            case Libraries.WebPDemux:
                return HexVersion(Interop.WebPDemux.GetDemuxVersion());
            case Libraries.Gif:
                return NativeLibrary.TryGetExport(NativeLibraryResolver.Load(Libraries.Gif), "DGifOpen", out _)
                    ? "giflib 5 (DGifOpen present)"
                    : "DGifOpen missing";
            case Libraries.Heif:
                string? v = Interop.PtrToString(Interop.Heif.GetVersion());
                bool hevc = Interop.Heif.HaveDecoderForFormat(Interop.Heif.heif_compression_HEVC) != 0;
                bool av1 = Interop.Heif.HaveDecoderForFormat(Interop.Heif.heif_compression_AV1) != 0;
                return $"{v} (HEVC decoder: {(hevc ? "yes" : "no")}, AV1 decoder: {(av1 ? "yes" : "no")})";
            default:
                return null;
        }
    }

    /// <summary>0xMMmmpp to "M.m.p" (libwebp's version encoding).</summary>
    private static string HexVersion(int v) => $"{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}";
}
