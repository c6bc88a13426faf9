"""Reading media out of extracted Debian packages.

gcompris-qt-data keeps its images in Qt resource bundles (usr/share/gcompris-qt/rcc/NAME.rcc);
`extract_rcc` unpacks one (format: Qt rcc v1-v3, zlib-compressed or stored entries), and
`gcompris_licences` reads the per-folder README files that give each image's author, licence
and source URL (blocks of "Copyright:", "License:", "Source:", "Files:" lines).
"""

import os
import struct
import zlib


def extract_rcc(rcc_path, outdir):
    b = open(rcc_path, "rb").read()
    if b[:4] != b"qres":
        raise ValueError("not a Qt rcc file: %s" % rcc_path)
    ver, tree, data, names = struct.unpack(">IIII", b[4:20])
    node = 14 if ver == 1 else 22

    def name(off):
        p = names + off
        n = struct.unpack(">H", b[p:p + 2])[0]
        return b[p + 6:p + 6 + 2 * n].decode("utf-16-be")

    count = 0

    def walk(idx, prefix):
        nonlocal count
        p = tree + idx * node
        noff, flags = struct.unpack(">IH", b[p:p + 6])
        nm = name(noff) if idx else ""
        if flags & 2:
            cnt, first = struct.unpack(">II", b[p + 6:p + 14])
            for i in range(cnt):
                walk(first + i, os.path.join(prefix, nm))
            return
        doff = struct.unpack(">I", b[p + 10:p + 14])[0]
        q = data + doff
        sz = struct.unpack(">I", b[q:q + 4])[0]
        blob = b[q + 4:q + 4 + sz]
        if flags & 1:
            blob = zlib.decompress(blob[4:])
        elif flags & 4:
            raise ValueError("zstd-compressed rcc entry in %s (not supported)" % rcc_path)
        out = os.path.join(outdir, prefix, nm)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(blob)
        count += 1

    walk(0, "")
    return count


def gcompris_licences(readme_path):
    """{file name: {"licence": str, "author": str, "source": str}} from one gcompris README."""
    result = {}
    block = {"authors": [], "licence": "", "source": "", "files": []}
    in_files = False

    def flush():
        for f in block["files"]:
            result[f] = {"licence": block["licence"], "author": ", ".join(block["authors"]),
                         "source": block["source"]}

    for raw in open(readme_path, encoding="utf-8", errors="replace"):
        line = raw.strip()
        if not line:
            if block["files"]:
                flush()
                block = {"authors": [], "licence": "", "source": "", "files": []}
            in_files = False
            continue
        key, _, val = line.partition(":")
        if key == "Copyright" and not in_files:
            block["authors"].append(val.strip())
        elif key == "License" and not in_files:
            block["licence"] = val.strip()
        elif key == "Source" and not in_files:
            block["source"] = val.strip()
        elif key == "Files" and not in_files:
            in_files = True
        elif in_files:
            block["files"].append(line)
    if block["files"]:
        flush()
    return result


def normalise_licence(s):
    s = s.strip().lower().replace(" ", "")
    if s in ("publicdomain", "pd"):
        return "Public Domain"
    if s in ("cc0", "cc0-1.0", "cc01.0"):
        return "CC0-1.0"
    return s
