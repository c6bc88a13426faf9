#!/usr/bin/env bash
# Installs the Debian packages Fingerprint needs at run time, when they are missing (DESIGN.md §2, §5).
# Sourced by fingerprint.sh and test.sh. Idempotent: does nothing when everything is present.
#   native decoders (LibraryImport):  libturbojpeg0 libspng0 libwebp7 libwebpdemux2 libgif7 libheif1
#   video frames (ffmpeg/ffprobe CLI): ffmpeg
# Extra packages for tests/corpus generation can be passed as arguments.
fp_missing_packages() {
  local missing=()
  local pkg
  for pkg in libturbojpeg0 libspng0 libwebp7 libwebpdemux2 libgif7 libheif1 ffmpeg "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
      missing+=("$pkg")
    fi
  done
  echo "${missing[@]:-}"
}

fp_install_deps() {
  local missing
  missing=$(fp_missing_packages "$@")
  if [ -z "${missing// /}" ]; then
    return 0
  fi
  echo "fingerprint: installing missing Debian packages: $missing" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "fingerprint: not root and no sudo; install these first: apt-get install -y $missing" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2 || true
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  fp_install_deps "$@"
fi
