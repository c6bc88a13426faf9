"""Fonts used for captions, by exact file path (never a fontconfig name, so that the same file is
always used), with the Debian package that ships each one. The smoke tier uses DejaVu only
(fonts-dejavu-core, installed by test.sh); CJK banners and comic lettering (standard/extended)
need fonts-droid-fallback and fonts-comic-neue."""

import os

from tmlib.tools import sha256_file

FONTS = {
    "impact": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core"),
    "sans": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
    "sans_bold": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core"),
    "serif": ("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", "fonts-dejavu-core"),
    "cjk": ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "fonts-droid-fallback"),
    "comic": ("/usr/share/fonts/opentype/comic-neue/ComicNeue-Bold.otf", "fonts-comic-neue"),
}

# Rough advance width per character as a fraction of the point size, used to fit a line of
# text into a width (uppercase Latin in DejaVu Sans Bold, full-width CJK, Comic Neue Bold).
ADVANCE = {"impact": 0.78, "sans": 0.66, "sans_bold": 0.74, "serif": 0.72, "cjk": 1.02, "comic": 0.62}


def path(name):
    return FONTS[name][0]


def missing(names):
    """[(font name, file, package)] for the fonts that are not installed."""
    return [(n, FONTS[n][0], FONTS[n][1]) for n in names if not os.path.isfile(FONTS[n][0])]


def describe(names):
    """{name: {"file", "package", "sha256"}} for tools.json."""
    return {n: {"file": FONTS[n][0], "package": FONTS[n][1], "sha256": sha256_file(FONTS[n][0])}
            for n in sorted(names)}


def fit_pointsize(text, font, max_width, max_height, lines=None):
    """Largest point size (integer) at which `text` (may contain newlines) fits the box, by the
    advance estimate above; the line height is taken as 1.25 x point size."""
    rows = text.split("\n")
    n = lines or len(rows)
    longest = max(len(r) for r in rows) or 1
    by_w = max_width / (ADVANCE[font] * longest)
    by_h = max_height / (1.25 * n)
    return max(8, int(min(by_w, by_h)))
