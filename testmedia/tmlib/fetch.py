"""Second half of fetch_sources.sh: turns extracted Debian packages into testmedia/sources/ or
testmedia/cache/. The shell script downloads and unpacks the packages; this file selects,
checks licences and converts. Run with /usr/bin/python3.

  fetch.py packages SELECT [--classes C,...]        print "package=version" lines needed
  fetch.py sources  SELECT PKGDIR OUTDIR            build sources/ + SOURCES.tsv
  fetch.py check    SELECT PKGDIR COMMITTEDDIR      rebuild in a temp dir, compare sha256
  fetch.py cache    SELECT PKGDIR CACHEDIR [--classes C,...]   copy media as-is + CACHE.tsv
"""

import argparse
import csv
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tmlib import debsrc  # noqa: E402
from tmlib.tools import convert, image_size, sha256_file, ToolError  # noqa: E402

PERMISSIVE = ("public domain", "cc0-1.0", "apache-2.0 and bsd-3-clause", "bsd-3-clause")
SOURCES_COLUMNS = ["file", "package", "path", "version", "licence", "source", "group",
                   "orig_size", "orig_bytes", "orig_sha256", "size", "bytes", "sha256"]
CACHE_COLUMNS = ["file", "class", "group", "package", "path", "version", "licence", "source",
                 "size", "bytes", "sha256"]
DEFAULT_CACHE_CLASSES = "permissive,astro,clipart,video"


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


def write_tsv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([r[c] for c in columns])


class PackageFiles:
    """Finds a file inside the extracted packages (PKGDIR/<package>/...), unpacking gcompris rcc
    bundles on demand into PKGDIR/<package>/rcc-x/<bundle>/."""

    def __init__(self, pkgdir):
        self.pkgdir = pkgdir

    def locate(self, package, path):
        root = os.path.join(self.pkgdir, package)
        if not os.path.isdir(root):
            raise FileNotFoundError("package %s is not extracted under %s (run fetch_sources.sh)" % (package, self.pkgdir))
        if path.startswith("<rcc>/"):
            bundle, rest = path[len("<rcc>/"):].split("/", 1)
            xdir = os.path.join(root, "rcc-x", bundle)
            if not os.path.isdir(xdir):
                rcc = os.path.join(root, "usr/share/gcompris-qt/rcc", bundle + ".rcc")
                tmp = xdir + ".tmp"
                shutil.rmtree(tmp, ignore_errors=True)
                debsrc.extract_rcc(rcc, tmp)
                os.replace(tmp, xdir)
            full = os.path.join(xdir, rest)
        else:
            full = os.path.join(root, path)
        if not os.path.isfile(full):
            raise FileNotFoundError("%s not found in package %s" % (path, package))
        return full

    def check_gcompris_licence(self, full, declared):
        """The README beside a gcompris image must state the licence the selection declares."""
        info, readme, d = None, None, os.path.dirname(full)
        while info is None and os.path.basename(d) != "rcc-x":  # nearest README that lists it
            readme = os.path.join(d, "README")
            if os.path.isfile(readme):
                info = debsrc.gcompris_licences(readme).get(os.path.relpath(full, d))
            d = os.path.dirname(d)
        if info is None:
            raise ValueError("%s: no README entry gives its licence" % full)
        got = debsrc.normalise_licence(info["licence"])
        if got != debsrc.normalise_licence(declared):
            raise ValueError("%s: README says licence %r, selection says %r" % (full, info["licence"], declared))
        return info


def cmd_packages(args):
    classes = set(args.classes.split(",")) if args.classes else None
    seen = []
    for r in read_tsv(args.select):
        if classes is not None and r.get("class") not in classes:
            continue
        pv = "%s=%s" % (r["package"], r["version"])
        if pv not in seen:
            seen.append(pv)
    print("\n".join(seen))


def convert_source(full, out, max_side):
    """Committed form of one source. max_side 0: the package file byte for byte (it must already
    be a JPEG or WebP of the same kind as the name says). Otherwise re-encoded: JPEG q85 4:2:0
    (photos) or trimmed RGBA PNG (clipart), long side at most max_side, orientation applied,
    metadata stripped."""
    if max_side == 0:
        with open(full, "rb") as f:
            head = f.read(12)
        kind = "jpg" if head[:3] == b"\xff\xd8\xff" else "webp" if head[8:12] == b"WEBP" else None
        if kind is None or not out.endswith("." + kind):
            raise ValueError("%s: max_side 0 keeps the file as is, but it is not a .%s" % (full, out.rsplit(".", 1)[-1]))
        shutil.copyfile(full, out)
        return
    resize = ["-resize", "%dx%d>" % (max_side, max_side)]
    if out.endswith(".png"):
        convert(full + "[0]", "-trim", "+repage", *resize, "-strip", "PNG32:" + out)
    else:
        convert(full + "[0]", "-auto-orient", "-strip", *resize, "-depth", "8",
                "-sampling-factor", "2x2,1x1,1x1", "-quality", "85", "-interlace", "none", out)


def build_sources(select, pkgdir, outdir):
    pf = PackageFiles(pkgdir)
    rows = []
    for r in read_tsv(select):
        lic = r["licence"]
        if lic.strip().lower() not in PERMISSIVE:
            raise ValueError("%s: licence %r is not public-domain/CC0/permissive; it must not be committed" % (r["file"], lic))
        full = pf.locate(r["package"], r["path"])
        if r["package"] == "gcompris-qt-data":
            pf.check_gcompris_licence(full, lic)
        out = os.path.join(outdir, r["file"])
        convert_source(full, out, int(r["max_side"]))
        ow, oh = image_size(full)
        w, h = image_size(out)
        rows.append(dict(r, orig_size="%dx%d" % (ow, oh), orig_bytes=os.path.getsize(full),
                         orig_sha256=sha256_file(full), size="%dx%d" % (w, h),
                         bytes=os.path.getsize(out), sha256=sha256_file(out)))
        print("  %-40s %9s -> %9s %8d B" % (r["file"], "%dx%d" % (ow, oh), "%dx%d" % (w, h), os.path.getsize(out)))
    write_tsv(os.path.join(outdir, "SOURCES.tsv"), SOURCES_COLUMNS, rows)
    return rows


def cmd_sources(args):
    os.makedirs(args.outdir, exist_ok=True)
    rows = build_sources(args.select, args.pkgdir, args.outdir)
    total = sum(int(r["bytes"]) for r in rows)
    print("wrote %d files, %.2f MB, and SOURCES.tsv to %s" % (len(rows), total / 1e6, args.outdir))


def cmd_check(args):
    committed = {r["file"]: r for r in read_tsv(os.path.join(args.committed, "SOURCES.tsv"))}
    with tempfile.TemporaryDirectory() as tmp:
        rows = build_sources(args.select, args.pkgdir, tmp)
    bad = 0
    for r in rows:
        c = committed.get(r["file"])
        if c is None:
            print("MISSING from committed SOURCES.tsv: " + r["file"])
            bad += 1
            continue
        on_disk = sha256_file(os.path.join(args.committed, r["file"]))
        for what, a, b in (("package file", r["orig_sha256"], c["orig_sha256"]),
                           ("rebuilt file", r["sha256"], c["sha256"]),
                           ("committed file", on_disk, c["sha256"])):
            if a != b:
                print("MISMATCH %s: %s sha256 %s, SOURCES.tsv says %s" % (r["file"], what, a, b))
                bad += 1
    print("check: %d files, %d mismatches" % (len(rows), bad))
    return 1 if bad else 0


SHORT = {"gcompris-qt-data": "gc", "opencv-doc": "cv", "python3-skimage": "sk", "stellarium-data": "st",
         "openclipart-png": "clip"}


def cache_names(rows):
    """File names in the cache: package short name + the last path components, as many as it
    takes to make every name unique (plasma wallpapers are all .../contents/images/2560x1600.jpg)."""
    depth = {id(r): 2 for r in rows}
    while True:
        names = {}
        for r in rows:
            parts = r["path"].split("/")
            names[id(r)] = "__".join([SHORT.get(r["package"], r["package"])] + parts[-depth[id(r)]:])
        seen = {}
        for r in rows:
            seen.setdefault((r["class"], names[id(r)]), []).append(r)
        clashes = [g for g in seen.values() if len(g) > 1]
        if not clashes:
            return names
        for g in clashes:
            for r in g:
                depth[id(r)] += 1


def cmd_cache(args):
    classes = set(args.classes.split(","))
    pf = PackageFiles(args.pkgdir)
    rows, skipped = [], 0
    selected = [r for r in read_tsv(args.select) if r["class"] in classes]
    names = cache_names(selected)
    for r in selected:
        try:
            full = pf.locate(r["package"], r["path"])
        except FileNotFoundError as e:
            print("skip: %s" % e)
            skipped += 1
            continue
        if r["package"] == "gcompris-qt-data" and r["class"] != "restricted":
            pf.check_gcompris_licence(full, r["licence"])
        rel = os.path.join(r["class"], names[id(r)])
        out = os.path.join(args.cachedir, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copyfile(full, out)
        size = ""
        if not r["class"].startswith("video"):
            try:
                size = "%dx%d" % image_size(out)
            except ToolError:
                size = "?"
        rows.append(dict(r, file=rel, size=size, bytes=os.path.getsize(out), sha256=sha256_file(out)))
    rows.sort(key=lambda r: r["file"])
    write_tsv(os.path.join(args.cachedir, "CACHE.tsv"), CACHE_COLUMNS, rows)
    print("cache: %d files (%s) in %s, %d skipped" % (len(rows), ",".join(sorted(classes)), args.cachedir, skipped))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("packages")
    p.add_argument("select")
    p.add_argument("--classes")
    p = sub.add_parser("sources")
    p.add_argument("select")
    p.add_argument("pkgdir")
    p.add_argument("outdir")
    p = sub.add_parser("check")
    p.add_argument("select")
    p.add_argument("pkgdir")
    p.add_argument("committed")
    p = sub.add_parser("cache")
    p.add_argument("select")
    p.add_argument("pkgdir")
    p.add_argument("cachedir")
    p.add_argument("--classes", default=DEFAULT_CACHE_CLASSES)
    args = ap.parse_args()
    if args.cmd == "packages":
        return cmd_packages(args)
    if args.cmd == "sources":
        return cmd_sources(args)
    if args.cmd == "check":
        return cmd_check(args)
    return cmd_cache(args)


if __name__ == "__main__":
    sys.exit(main() or 0)
