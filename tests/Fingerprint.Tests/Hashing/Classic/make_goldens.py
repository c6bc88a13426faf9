#!/usr/bin/python3
"""Golden values for the classic 64-bit hashes (aHash, dHash, pHash), produced independently of our C# code.

Run from the repository root with Debian's Python (it has python3-opencv 4.6 and numpy):

    /usr/bin/python3 tests/Fingerprint.Tests/Hashing/Classic/make_goldens.py

It writes
  testmedia/expected/classic-inputs/*.ppm.gz|*.pgm.gz  the raw pixel inputs (binary PNM, gzip), read by the tests as-is
  testmedia/expected/classic-hashes.tsv                 one row per input: the three hashes
  testmedia/expected/classic-dct32.txt                  cv::dct of two 32x32 blocks (stage test of the pHash DCT)
  testmedia/expected/classic-gray.txt                   OpenCV's resized grey grids of a few inputs (stage test)

How each golden is made (nothing here calls our code):
  ahash  cv2.img_hash.AverageHash_create().compute(bgr).tobytes().hex()
  phash  cv2.img_hash.PHash_create().compute(bgr).tobytes().hex()
         (the 8 bytes OpenCV returns, printed in order; byte i is row i of the 8x8 grid, bit k of it is column k)
  dhash  OpenCV has no dHash. The definition of Python imagehash.dhash (Krawetz, "Kind of Like That"): 9x8 grey
         image, bit (row r, column c) = pixel[r][c+1] > pixel[r][c], bits row-major with the first one most
         significant (imagehash's str()). The grey 9x8 image is made by OpenCV exactly as for aHash:
         cv2.resize(bgr, (9, 8), interpolation=cv2.INTER_LINEAR_EXACT), then cv2.cvtColor(..., COLOR_BGR2GRAY)
         (imagehash uses PIL convert('L') then resize with LANCZOS/ANTIALIAS instead; see DHash.cs).
Colour inputs are stored as RGB and given to OpenCV as BGR (what cv2.imread returns for the same file). The script
also checks that a BGRA copy with seeded random alpha gives the same three hashes (alpha is ignored), so one row
covers Rgb24, Rgba32 and Bgra32.

Synthetic inputs come from integer formulas and SplitMix64 (the same generator as Fingerprint.TestUtilities), so
they are stable across numpy versions. The "im-*" inputs are ImageMagick's built-in sample images (ImageMagick
License), converted with `convert <name>: -depth 8 ppm:-`.
"""

import gzip
import os
import platform
import subprocess
import sys

import cv2
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
EXPECTED = os.path.join(ROOT, "testmedia", "expected")
INPUTS = os.path.join(EXPECTED, "classic-inputs")
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def bytes(self, n):
        out = bytearray()
        while len(out) < n:
            v = self.next()
            for _ in range(8):
                if len(out) == n:
                    break
                out.append(v & 255)
                v >>= 8
        return bytes(out)


def noise(seed, w, h, c):
    return np.frombuffer(SplitMix64(seed).bytes(w * h * c), np.uint8).reshape(h, w, c).copy()


def flat(w, h, value):
    return np.tile(np.array(value, np.uint8).reshape(1, 1, -1), (h, w, 1))


def gradient_gray(w, h):
    y, x = np.mgrid[0:h, 0:w]
    return ((x + y) * 255 // (w + h - 2)).astype(np.uint8)[..., None]


def gradient_rgb(w, h):
    y, x = np.mgrid[0:h, 0:w]
    r = x * 255 // (w - 1)
    g = y * 255 // (h - 1)
    b = ((x // 100 + y // 100) % 2) * 200 + 20
    return np.stack([r, g, b], axis=-1).astype(np.uint8)


def blocks(seed, w, h, cell):
    cols, rows = (w + cell - 1) // cell, (h + cell - 1) // cell
    colours = noise(seed, cols, rows, 3)
    return np.repeat(np.repeat(colours, cell, axis=0), cell, axis=1)[:h, :w].copy()


def shapes(w, h):
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([x * 200 // (w - 1) + 30, 60 + 0 * x, y * 150 // (h - 1) + 50], axis=-1)
    circle = (x - w // 3) ** 2 + (y - h // 2) ** 2 <= (h // 3) ** 2
    rect = (x >= w * 5 // 8) & (x < w * 7 // 8) & (y >= h // 5) & (y < h * 3 // 5)
    img[circle] = [240, 220, 30]
    img[rect] = [10, 40, 160]
    return img.astype(np.uint8)


def symmetric_gray(w, h):
    y, x = np.mgrid[0:h, 0:w]
    m = np.minimum(x, w - 1 - x)
    return ((m * 4 + y) & 255).astype(np.uint8)[..., None]


def imagemagick(name):
    ppm = subprocess.run(["convert", name + ":", "-depth", "8", "ppm:-"], check=True, capture_output=True).stdout
    return parse_pnm(ppm)


def parse_pnm(data):
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            while data[pos:pos + 1] not in (b"\n", b""):
                pos += 1
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    pos += 1
    magic, w, h, maxval = fields[0], int(fields[1]), int(fields[2]), int(fields[3])
    assert maxval == 255, maxval
    c = {b"P5": 1, b"P6": 3}[magic]
    return np.frombuffer(data[pos:pos + w * h * c], np.uint8).reshape(h, w, c).copy()


def write_pnm(path, img):
    h, w, c = img.shape
    header = ("P5" if c == 1 else "P6") + "\n%d %d\n255\n" % (w, h)
    with open(path, "wb") as f:
        f.write(gzip.compress(header.encode("ascii") + img.tobytes(), compresslevel=9, mtime=0))


INPUTS_SPEC = [
    # name, image; the comment says which code path of OpenCV's resize it exercises
    ("noise-rgb-97x61", lambda: noise(1, 97, 61, 3)),          # bit-exact linear, all grids
    ("noise-gray-64x64", lambda: noise(2, 64, 64, 1)),         # 64 -> 32 is exactly 2x: INTER_AREA path (pHash)
    ("noise-rgb-16x16", lambda: noise(3, 16, 16, 3)),          # 16 -> 8 is exactly 2x: INTER_AREA path (aHash)
    ("noise-rgb-18x16", lambda: noise(4, 18, 16, 3)),          # 18x16 -> 9x8 is exactly 2x: INTER_AREA path (dHash)
    ("tiny-rgb-1x1", lambda: noise(5, 1, 1, 3)),               # upscale from one pixel
    ("tiny-rgb-2x3", lambda: noise(6, 2, 3, 3)),
    ("tiny-rgb-7x5", lambda: noise(7, 7, 5, 3)),
    ("tiny-rgb-8x8", lambda: noise(8, 8, 8, 3)),               # same size as the aHash grid: copy
    ("tiny-rgb-9x8", lambda: noise(9, 9, 8, 3)),               # same size as the dHash grid: copy
    ("tiny-gray-5x40", lambda: noise(10, 5, 40, 1)),
    ("tiny-rgb-40x1", lambda: noise(11, 40, 1, 3)),
    ("tiny-rgb-32x32", lambda: noise(12, 32, 32, 3)),          # same size as the pHash grid: copy
    ("flat-gray-33x17", lambda: flat(33, 17, [137])),
    ("flat-rgb-20x20", lambda: flat(20, 20, [200, 30, 90])),
    ("gradient-gray-300x200", lambda: gradient_gray(300, 200)),
    ("gradient-rgb-1600x1004", lambda: gradient_rgb(1600, 1004)),
    ("blocks-rgb-512x384", lambda: blocks(13, 512, 384, 32)),
    ("shapes-rgb-250x170", lambda: shapes(250, 170)),
    ("symmetric-gray-120x90", lambda: symmetric_gray(120, 90)),  # mirror symmetric: exact zeros in the DCT
    ("im-rose", lambda: imagemagick("rose")),
    ("im-granite", lambda: imagemagick("granite")),
    ("im-logo", lambda: imagemagick("logo")),
    ("im-wizard", lambda: imagemagick("wizard")),
]

AHASH = cv2.img_hash.AverageHash_create()
PHASH = cv2.img_hash.PHash_create()


def dhash_hex(bgr):
    small = cv2.resize(bgr, (9, 8), interpolation=cv2.INTER_LINEAR_EXACT)
    gray = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    bits = gray[:, 1:] > gray[:, :-1]
    return "%016x" % int("".join("1" if b else "0" for b in bits.flatten()), 2)


def hashes(img):
    if img.shape[2] == 1:
        x = np.ascontiguousarray(img[..., 0])
    else:
        x = np.ascontiguousarray(img[..., ::-1])  # RGB -> BGR
    return AHASH.compute(x).tobytes().hex(), dhash_hex(x), PHASH.compute(x).tobytes().hex()


def hashes_bgra(img, seed):
    h, w, _ = img.shape
    alpha = noise(seed, w, h, 1)
    bgra = np.ascontiguousarray(np.concatenate([img[..., ::-1], alpha], axis=-1))
    small = cv2.resize(bgra, (9, 8), interpolation=cv2.INTER_LINEAR_EXACT)
    gray = cv2.cvtColor(small, cv2.COLOR_BGRA2GRAY)
    bits = gray[:, 1:] > gray[:, :-1]
    dh = "%016x" % int("".join("1" if b else "0" for b in bits.flatten()), 2)
    return AHASH.compute(bgra).tobytes().hex(), dh, PHASH.compute(bgra).tobytes().hex()


def dct_block(f, title, block):
    f.write("# %s: input (32 rows of 32 integers), then cv2.dct(input.astype(float32)) (32 rows, %%.9g)\n" % title)
    for row in block:
        f.write(" ".join(str(int(v)) for v in row) + "\n")
    out = cv2.dct(block.astype(np.float32))
    for row in out:
        f.write(" ".join("%.9g" % float(v) for v in row) + "\n")


GRAY_STAGE_INPUTS = ["noise-rgb-97x61.ppm.gz", "noise-gray-64x64.pgm.gz", "noise-rgb-18x16.ppm.gz", "tiny-rgb-2x3.ppm.gz",
                     "tiny-gray-5x40.pgm.gz", "im-rose.ppm.gz", "im-wizard.ppm.gz"]


def gray_grid(img, w, h):
    x = np.ascontiguousarray(img[..., 0] if img.shape[2] == 1 else img[..., ::-1])
    small = cv2.resize(x, (w, h), interpolation=cv2.INTER_LINEAR_EXACT)
    return small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)


def main():
    os.makedirs(INPUTS, exist_ok=True)
    im_version = subprocess.run(["convert", "-version"], check=True, capture_output=True, text=True).stdout.splitlines()[0]
    header = [
        "# Classic 64-bit hashes: golden values from OpenCV (see make_goldens.py for exact definitions).",
        "# Command (from the repository root): /usr/bin/python3 tests/Fingerprint.Tests/Hashing/Classic/make_goldens.py",
        "# Tools: Python %s, OpenCV (python3-opencv) %s, numpy %s, %s" % (
            platform.python_version(), cv2.__version__, np.__version__, im_version),
        "# ahash, phash: cv2.img_hash AverageHash/PHash output bytes in order, as hex.",
        "# dhash: imagehash.dhash definition on OpenCV's 9x8 INTER_LINEAR_EXACT + COLOR_BGR2GRAY grey, imagehash hex order.",
        "# Inputs: testmedia/expected/classic-inputs/<file> (binary PNM, gzip; RGB or grey). Colour rows also hold for",
        "# BGRA with any alpha (checked by the script).",
        "file\twidth\theight\tchannels\tahash\tdhash\tphash",
    ]
    rows = []
    for i, (name, make) in enumerate(INPUTS_SPEC):
        img = make()
        h, w, c = img.shape
        fname = name + (".pgm.gz" if c == 1 else ".ppm.gz")
        write_pnm(os.path.join(INPUTS, fname), img)
        back = parse_pnm(gzip.decompress(open(os.path.join(INPUTS, fname), "rb").read()))
        assert np.array_equal(back, img), name
        a, d, p = hashes(img)
        if c == 3:
            assert hashes_bgra(img, 1000 + i) == (a, d, p), name
        rows.append("%s\t%d\t%d\t%d\t%s\t%s\t%s" % (fname, w, h, c, a, d, p))
        print(rows[-1])
    with open(os.path.join(EXPECTED, "classic-hashes.tsv"), "w") as f:
        f.write("\n".join(header + rows) + "\n")

    with open(os.path.join(EXPECTED, "classic-dct32.txt"), "w") as f:
        f.write("# cv2.dct (OpenCV %s, float32, 2-D, orthonormal DCT-II) of 32x32 blocks: the pHash DCT stage.\n"
                % cv2.__version__)
        f.write("# Command (from the repository root): /usr/bin/python3 tests/Fingerprint.Tests/Hashing/Classic/make_goldens.py\n")
        dct_block(f, "noise (SplitMix64 seed 99)", noise(99, 32, 32, 1)[..., 0])
        dct_block(f, "symmetric-gray 32x32", symmetric_gray(32, 32)[..., 0])

    with open(os.path.join(EXPECTED, "classic-gray.txt"), "w") as f:
        f.write("# OpenCV %s: cv2.resize(bgr, (w, h), interpolation=INTER_LINEAR_EXACT) then COLOR_BGR2GRAY (grey inputs:\n"
                % cv2.__version__)
        f.write("# resize only). Each block: a line '<file> <w> <h>', then h lines of w integers.\n")
        f.write("# Command (from the repository root): /usr/bin/python3 tests/Fingerprint.Tests/Hashing/Classic/make_goldens.py\n")
        for fname in GRAY_STAGE_INPUTS:
            img = parse_pnm(gzip.decompress(open(os.path.join(INPUTS, fname), "rb").read()))
            for (w, h) in [(8, 8), (9, 8), (32, 32)]:
                f.write("%s %d %d\n" % (fname, w, h))
                for row in gray_grid(img, w, h):
                    f.write(" ".join(str(int(v)) for v in row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
