#!/usr/bin/env bash
# Checks that FfmpegFrameSource's ffmpeg command line (FfmpegArguments, frame-counter sampling) delivers the same RGB24
# bytes as an in-process libav decode made the way vPDQ's reference decoder makes it (vpdq_frames.c: first video
# stream, every decoded frame counted, frame n kept when n % mod == 0, one sws_scale to RGB24 with SWS_AREA).
# Not part of the test run: it needs gcc and the libav*-dev packages (apt-get install gcc pkg-config libavformat-dev
# libavcodec-dev libswscale-dev libavutil-dev). The argument lists below mirror FfmpegArguments.ForFrames; the unit test
# FfmpegArgumentsTests pins them, so a change there must be repeated here.
# Usage: compare-with-libav.sh [VIDEO_DIR]   (default: ../shared/conformance/video/videos beside the repository)
# Result 2026-11-27 on Debian 12, ffmpeg 5.1.9: all 8 sample videos byte-identical at native size, at 128x128 and
# with mod 30 (24 of 24 comparisons).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
videos=${1:-$here/../../../../../shared/conformance/video/videos}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/vpdq_frames" "$here/vpdq_frames.c" $(pkg-config --cflags --libs libavformat libavcodec libswscale libavutil)

ours() {   # ours FILE MOD W H   (W H = iw ih for native size)
  local file=$1 mod=$2 w=$3 h=$4 filters=""
  [ "$mod" -gt 1 ] && filters="select=not(mod(n\\,$mod)),"
  filters="${filters}scale=$w:$h:flags=area:in_color_matrix=bt601:in_range=limited,format=rgb24"
  ffmpeg -nostdin -hide_banner -loglevel error -protocol_whitelist file -noautorotate -i "file:$file" \
    -map 0:v:0 -an -sn -dn -sws_flags area -vf "$filters" -fps_mode passthrough -f rawvideo -pix_fmt rgb24 -
}

status=0
for video in "$videos"/*.mp4; do
  for case in "1 iw ih" "1 128 128" "30 iw ih"; do
    set -- $case
    if [ "$2" = iw ]; then "$work/vpdq_frames" "$video" "$1" >"$work/ref" 2>/dev/null
    else "$work/vpdq_frames" "$video" "$1" "$2" "$3" >"$work/ref" 2>/dev/null; fi
    ours "$video" "$1" "$2" "$3" >"$work/ours"
    if cmp -s "$work/ref" "$work/ours"; then r=identical; else r=DIFFERENT; status=1; fi
    printf '%-40s mod %-3s size %-8s %s (%s bytes)\n' "$(basename "$video")" "$1" "$2x$3" "$r" "$(stat -c %s "$work/ours")"
  done
done
exit $status
