using System.Collections.Concurrent;

namespace Fingerprint.Media.Tests.TestSupport;

/// <summary>
/// Small test images made at test time with ImageMagick (the catalogue below is the recipe: one line per file), cached
/// per test run in a temp folder. Sources are deterministic: ImageMagick's plasma with a fixed -seed, gradients, and
/// the built-in rose.
/// </summary>
public sealed class GeneratedMedia : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ConcurrentDictionary<string, Lazy<string>> _files = new();

    /// <summary>name -> convert arguments (input side; the output path is appended).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Recipes = new Dictionary<string, string[]>
    {
        // JPEG
        ["jpeg-420.jpg"] = [.. Plasma(61, 47), "-quality", "85", "-sampling-factor", "2x2"],
        ["jpeg-444.jpg"] = [.. Plasma(33, 40), "-quality", "92", "-sampling-factor", "1x1"],
        ["jpeg-422.jpg"] = [.. Plasma(50, 17), "-quality", "75", "-sampling-factor", "2x1"],
        ["jpeg-progressive.jpg"] = [.. Plasma(70, 53), "-interlace", "JPEG", "-quality", "80"],
        ["jpeg-gray.jpg"] = [.. Plasma(45, 31), "-colorspace", "Gray", "-quality", "90"],
        ["jpeg-cmyk.jpg"] = [.. Plasma(39, 29), "-colorspace", "CMYK", "-quality", "90"],
        ["jpeg-restart.jpg"] = [.. Plasma(64, 48), "-define", "jpeg:restart-interval=2", "-quality", "88"],
        // PNG
        ["png-rgb8.png"] = [.. Plasma(37, 29), "PNG24:"],
        ["png-rgba8.png"] = [.. Plasma(37, 29), "-alpha", "set", "-channel", "A", "-evaluate", "set", "40%", "+channel", "PNG32:"],
        ["png-rgb16.png"] = [.. Plasma(31, 23), "-depth", "16", "PNG48:"],
        ["png-rgba16.png"] = [.. Plasma(31, 23), "-alpha", "set", "-depth", "16", "PNG64:"],
        ["png-gray1.png"] = [.. Plasma(35, 21), "-colorspace", "Gray", "-threshold", "50%", "-define", "png:bit-depth=1", "-define", "png:color-type=0"],
        ["png-gray2.png"] = [.. Plasma(35, 21), "-colorspace", "Gray", "-posterize", "4", "-define", "png:bit-depth=2", "-define", "png:color-type=0"],
        ["png-gray4.png"] = [.. Plasma(35, 21), "-colorspace", "Gray", "-posterize", "16", "-define", "png:bit-depth=4", "-define", "png:color-type=0"],
        ["png-gray8.png"] = [.. Plasma(35, 21), "-colorspace", "Gray", "-define", "png:bit-depth=8", "-define", "png:color-type=0"],
        ["png-gray16.png"] = ["-size", "41x19", "gradient:black-white", "-depth", "16", "-define", "png:bit-depth=16", "-define", "png:color-type=0"],
        ["png-graya8.png"] = [.. Plasma(35, 21), "-colorspace", "Gray", "-alpha", "set", "-channel", "A", "-evaluate", "set", "50%", "+channel", "-define", "png:color-type=4"],
        ["png-graya16.png"] = [.. Plasma(35, 21), "-colorspace", "Gray", "-alpha", "set", "-depth", "16", "-define", "png:color-type=4", "-define", "png:bit-depth=16"],
        ["png-palette.png"] = [.. Plasma(43, 27), "-colors", "50", "PNG8:"],
        ["png-palette-trns.png"] = [.. Plasma(43, 27), "-colors", "30", "-fill", "none", "-draw", "rectangle 3,3 12,9", "PNG8:"],
        ["png-rgb-interlaced.png"] = [.. Plasma(37, 29), "-interlace", "PNG", "PNG24:"],
        ["png-rgb16-interlaced.png"] = [.. Plasma(31, 23), "-depth", "16", "-interlace", "PNG", "PNG48:"],
        ["png-gray4-interlaced.png"] = [.. Plasma(35, 21), "-colorspace", "Gray", "-posterize", "16", "-interlace", "PNG", "-define", "png:bit-depth=4", "-define", "png:color-type=0"],
        ["png-graya8-interlaced.png"] = [.. Plasma(35, 21), "-colorspace", "Gray", "-alpha", "set", "-interlace", "PNG", "-define", "png:color-type=4"],
        ["png-palette-interlaced.png"] = [.. Plasma(43, 27), "-colors", "20", "-interlace", "PNG", "PNG8:"],
        ["png-allgray-rgb.png"] = [.. Plasma(30, 20), "-colorspace", "Gray", "-type", "TrueColor", "PNG24:"],
        // WebP
        ["webp-lossy.webp"] = [.. Plasma(53, 37), "-quality", "80"],
        ["webp-lossless.webp"] = [.. Plasma(53, 37), "-define", "webp:lossless=true"],
        ["webp-lossy-alpha.webp"] = [.. Plasma(53, 37), "-alpha", "set", "-channel", "A", "-evaluate", "set", "60%", "+channel", "-quality", "80"],
        ["webp-lossless-alpha.webp"] = [.. Plasma(53, 37), "-alpha", "set", "-channel", "A", "-evaluate", "set", "60%", "+channel", "-define", "webp:lossless=true"],
        // GIF (still)
        ["gif-still.gif"] = [.. Plasma(40, 30), "-colors", "64"],
        ["gif-interlaced.gif"] = [.. Plasma(40, 30), "-colors", "32", "-interlace", "GIF"],
        ["gif-transparent.gif"] = [.. Plasma(40, 30), "-colors", "32", "-fill", "none", "-draw", "rectangle 5,5 20,15"],
        // BMP
        ["bmp-24.bmp"] = [.. Plasma(37, 23), "BMP3:"],
        ["bmp-32.bmp"] = [.. Plasma(37, 23), "-alpha", "set", "BMP:"],
        ["bmp-8.bmp"] = [.. Plasma(37, 23), "-colors", "100", "-type", "Palette", "BMP3:"],
        ["bmp-4.bmp"] = [.. Plasma(37, 23), "-colors", "12", "-type", "Palette", "-depth", "4", "BMP3:"],
        ["bmp-1.bmp"] = [.. Plasma(37, 23), "-monochrome", "BMP3:"],
        ["bmp-rle8.bmp"] = [.. Plasma(37, 23), "-colors", "60", "-type", "Palette", "-compress", "RLE", "BMP3:"],
        ["bmp-565.bmp"] = [.. Plasma(37, 23), "-define", "bmp:subtype=RGB565", "BMP:"],
        ["bmp-555.bmp"] = [.. Plasma(37, 23), "-define", "bmp:subtype=RGB555", "BMP:"],
        ["bmp-os2.bmp"] = [.. Plasma(37, 23), "-colors", "40", "-type", "Palette", "BMP2:"],
        // PNM
        ["pnm-p1.pbm"] = [.. Plasma(29, 17), "-monochrome", "-compress", "none", "PBM:"],
        ["pnm-p2.pgm"] = [.. Plasma(29, 17), "-colorspace", "Gray", "-compress", "none", "PGM:"],
        ["pnm-p3.ppm"] = [.. Plasma(29, 17), "-compress", "none", "PPM:"],
        ["pnm-p4.pbm"] = [.. Plasma(29, 17), "-monochrome", "PBM:"],
        ["pnm-p5.pgm"] = [.. Plasma(29, 17), "-colorspace", "Gray", "PGM:"],
        ["pnm-p6.ppm"] = [.. Plasma(29, 17), "PPM:"],
        ["pnm-p5-16.pgm"] = ["-size", "29x17", "gradient:black-white", "-depth", "16", "PGM:"],
        ["pnm-p6-16.ppm"] = [.. Plasma(29, 17), "-depth", "16", "PPM:"],
        // HEIF / AVIF
        ["heif.heic"] = [.. Plasma(64, 48), "-quality", "80"],
        ["avif.avif"] = [.. Plasma(64, 48), "-quality", "80"],
        // Recognised but not decoded
        ["tiff.tiff"] = [.. Plasma(16, 16)],
    };

    private static string[] Plasma(int w, int h) => ["-seed", "4242", "-size", $"{w}x{h}", "plasma:fractal", "+repage"];

    /// <summary>Path of the named file, made on first use.</summary>
    public string Get(string name) => _files.GetOrAdd(name, n => new Lazy<string>(() => Make(n))).Value;

    private string Make(string name)
    {
        string[] recipe = Recipes[name];
        string path = _dir.File(name);
        // A trailing "FMT:" item is an output format prefix.
        if (recipe[^1].EndsWith(':'))
            ImageMagick.Run([.. recipe[..^1], recipe[^1] + path]);
        else
            ImageMagick.Run([.. recipe, path]);
        return path;
    }

    public string Directory => _dir.Path;

    public void Dispose() => _dir.Dispose();
}
