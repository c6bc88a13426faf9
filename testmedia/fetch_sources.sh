#!/usr/bin/env bash
# Reproduces testmedia/sources/ from Debian packages, checks it, or fetches more media into the
# git-ignored testmedia/cache/ for the standard/extended corpus tiers. Needs network access to a
# Debian mirror (apt-get download) and is never run by tests; generate.py only reads local files.
#
#   testmedia/fetch_sources.sh [sources]   rebuild sources/*.jpg|png and sources/SOURCES.tsv
#   testmedia/fetch_sources.sh check       rebuild in a temp dir; compare sha256 with SOURCES.tsv
#   testmedia/fetch_sources.sh cache [--restricted] [--classes C1,C2]
#                                          copy more media (bytes unchanged) into cache/ + CACHE.tsv;
#                                          default classes: permissive,astro,clipart,video;
#                                          --restricted adds GPL/CC-BY(-SA) photos and clips
#                                          (extended tier only; never commit them)
#
# What is selected: sources.select.tsv (committed photos: package, version, path, licence, source)
# and cache.select.tsv (extra media). Packages are downloaded at the pinned version when the
# mirror still has it (else the current candidate, with a warning) into cache/debs/ and unpacked
# with dpkg -x into cache/pkgs/<package>/. Conversion (ImageMagick, single-threaded) and licence
# checks are in tmlib/fetch.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
cache=$here/cache
debs=$cache/debs
pkgs=$cache/pkgs

mode=${1:-sources}
[ $# -gt 0 ] && shift
classes=permissive,astro,clipart,video
while [ $# -gt 0 ]; do
  case $1 in
    --restricted) classes=$classes,restricted,video-restricted ;;
    --classes) classes=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

for tool in apt-get dpkg convert identify; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y imagemagick)" >&2; exit 2; }
done
[ -x "$py" ] || { echo "missing $py (Debian python3)" >&2; exit 2; }

case $mode in
  sources|check) select=$here/sources.select.tsv; pkg_list=$("$py" "$here/tmlib/fetch.py" packages "$select") ;;
  cache) select=$here/cache.select.tsv; pkg_list=$("$py" "$here/tmlib/fetch.py" packages "$select" --classes "$classes") ;;
  *) echo "unknown mode: $mode (sources|check|cache)" >&2; exit 2 ;;
esac

mkdir -p "$debs" "$pkgs"
# apt's download sandbox user must be able to write here when we run as root.
chmod 777 "$debs" 2>/dev/null || true

fetch_deb() {   # fetch_deb PACKAGE VERSION -> prints the .deb path
  local pkg=$1 ver=$2 deb
  deb=$(ls "$debs/${pkg}_"*.deb 2>/dev/null | head -1 || true)
  if [ -z "$deb" ]; then
    if ! (cd "$debs" && apt-get download -q "$pkg=$ver" >&2); then
      echo "warning: $pkg=$ver is no longer on the mirror; using the current candidate" \
           "(checksums in SOURCES.tsv may then differ)" >&2
      (cd "$debs" && apt-get download -q "$pkg" >&2) || {
        echo "apt-get download $pkg failed (try: apt-get update)" >&2; return 1; }
    fi
    deb=$(ls "$debs/${pkg}_"*.deb | head -1)
  fi
  echo "$deb"
}

for pv in $pkg_list; do
  pkg=${pv%%=*}
  ver=${pv#*=}
  deb=$(fetch_deb "$pkg" "$ver")
  stamp=$pkgs/$pkg/.extracted-from
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(basename "$deb")" ]; then
    echo "unpacking $(basename "$deb")" >&2
    rm -rf "$pkgs/$pkg"
    mkdir -p "$pkgs/$pkg"
    dpkg -x "$deb" "$pkgs/$pkg"
    basename "$deb" >"$stamp"
  fi
done

export MAGICK_THREAD_LIMIT=1
case $mode in
  sources) "$py" "$here/tmlib/fetch.py" sources "$select" "$pkgs" "$here/sources" ;;
  check) "$py" "$here/tmlib/fetch.py" check "$select" "$pkgs" "$here/sources" ;;
  cache) "$py" "$here/tmlib/fetch.py" cache "$select" "$pkgs" "$cache" --classes "$classes" ;;
esac
