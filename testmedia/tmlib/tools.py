"""Deterministic wrappers around ImageMagick 6 (`convert`, `identify`) and ffmpeg 5.1.

Every call goes through an argument list (never a shell string) and runs single-threaded:
ImageMagick gets `-limit thread 1` plus MAGICK_THREAD_LIMIT=1 (OpenMP off), ffmpeg gets
`-threads 1 -filter_threads 1 -fflags +bitexact -flags +bitexact -map_metadata -1`.
PNG files are written without tIME/date chunks so that the same inputs give the same bytes.
"""

import hashlib
import os
import subprocess
import sys

# Environment for every child process: single-threaded, no OpenCL, fixed locale.
TOOL_ENV = dict(os.environ)
TOOL_ENV.update({
    "MAGICK_THREAD_LIMIT": "1",
    "OMP_NUM_THREADS": "1",
    "MAGICK_OCL_DEVICE": "OFF",
    "LC_ALL": "C",
    "TZ": "UTC",
    "SOURCE_DATE_EPOCH": "0",
})

# Put in front of every convert call. png:exclude-chunk drops tIME/tEXt date chunks.
IM_PREFIX = ["convert", "-limit", "thread", "1", "-define", "png:exclude-chunk=date,time"]

FFMPEG_PREFIX = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                 "-threads", "1", "-filter_threads", "1", "-filter_complex_threads", "1"]
# Output-side flags that make ffmpeg's output depend only on its inputs and version.
FFMPEG_OUT = ["-threads", "1", "-fflags", "+bitexact", "-flags", "+bitexact",
              "-map_metadata", "-1", "-map_chapters", "-1"]


class ToolError(RuntimeError):
    pass


def run(args, cwd=None):
    """Runs a command (argument list); raises ToolError with stderr's tail on failure."""
    p = subprocess.run(args, cwd=cwd, env=TOOL_ENV, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        tail = p.stderr.decode("utf-8", "replace")[-2000:]
        raise ToolError("command failed (exit %d): %s\n%s" % (p.returncode, " ".join(map(str, args)), tail))
    return p.stdout.decode("utf-8", "replace")


def convert(*args):
    """convert with the deterministic prefix; args are the rest of the command line."""
    return run(IM_PREFIX + [str(a) for a in args])


def image_size(path):
    """(width, height) of the first frame, from the file header (identify -ping)."""
    out = run(["identify", "-limit", "thread", "1", "-ping", "-format", "%w %h\n", str(path) + "[0]"])
    w, h = out.split()[:2]
    return int(w), int(h)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def first_line(args):
    try:
        return run(args).splitlines()[0].strip()
    except (ToolError, OSError, IndexError) as e:  # pragma: no cover - reported, not fatal
        return "unavailable (%s)" % e


def dpkg_version(pkg):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=TOOL_ENV)
        return out.stdout.decode().strip() or None
    except OSError:
        return None


def die(msg, code=2):
    print("error: " + msg, file=sys.stderr)
    sys.exit(code)
