#!/usr/bin/env bash
# Side-by-side video hashing benchmark (DESIGN.md §8, STYLE.md §3.10): ours (benchmarks/Fingerprint.VideoBench: vPDQ at
# 1 frame per second, native size, SWS_AREA; TMK+PDQF at 15 fps, 64x64, bicubic) and ffmpeg alone running exactly the
# same decode, filters and pixel conversion into the null muxer (`ffmpeg ... -f null -`), interleaved in ONE run on
# the same clips. Prints a markdown table on stdout (progress on stderr); also writes it to $OUT when set.
#
#   benchmarks/peers/video_bench.sh                       # 720p and 1080p, 20 s each, 3 runs: the lead's quiet-machine run
#   DURATION=4 REPEAT=1 benchmarks/peers/video_bench.sh    # a quick check that everything works
#
# Clips are generated deterministically with ffmpeg (testsrc2 with temporal noise so the bitrate is realistic, libx264
# preset medium crf 23, yuv420p, 30 fps, single-threaded bit-exact encode) into $WORK and reused.
# Knobs (environment): SIZES ("1280x720 1920x1080"), DURATION (s, 20), REPEAT (3), MODES (vpdq,tmk), SECONDS_PER_FRAME (1),
# EXTRA_VIDEOS (more clips, space-separated, e.g. real ones), WORK (default /tmp/fp-video-bench), FFMPEG, OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"1280x720 1920x1080"}
DURATION=${DURATION:-20}
REPEAT=${REPEAT:-3}
MODES=${MODES:-vpdq,tmk}
SECONDS_PER_FRAME=${SECONDS_PER_FRAME:-1}
EXTRA_VIDEOS=${EXTRA_VIDEOS:-}
WORK=${WORK:-/tmp/fp-video-bench}
FFMPEG=${FFMPEG:-$(command -v ffmpeg)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p "$WORK"
videos=()
for size in $SIZES; do
  clip="$WORK/testsrc2-noise-${size}-${DURATION}s.mp4"
  if [ ! -s "$clip" ]; then
    echo "video_bench: generating $clip" >&2
    "$FFMPEG" -nostdin -hide_banner -loglevel error -y -threads 1 -filter_threads 1 \
      -f lavfi -i "testsrc2=size=${size}:rate=30:duration=${DURATION},noise=alls=12:allf=t+u:all_seed=1" \
      -c:v libx264 -preset medium -crf 23 -pix_fmt yuv420p -x264-params threads=1:lookahead-threads=1 \
      -fflags +bitexact -flags +bitexact -map_metadata -1 "$clip.tmp.mp4"
    mv "$clip.tmp.mp4" "$clip"
  fi
  videos+=(--video "$clip")
done
for v in $EXTRA_VIDEOS; do videos+=(--video "$v"); done

dotnet build benchmarks/Fingerprint.VideoBench/Fingerprint.VideoBench.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
BENCH=benchmarks/Fingerprint.VideoBench/bin/Release/net10.0/Fingerprint.VideoBench

table=$(mktemp)
{
  echo "Video benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$FFMPEG" -version | head -1 | cut -d' ' -f1-3), median of $REPEAT interleaved runs."
  echo
  "$BENCH" run "${videos[@]}" --modes "$MODES" --seconds-per-frame "$SECONDS_PER_FRAME" --repeat "$REPEAT" --ffmpeg "$FFMPEG"
} >"$table"
cat "$table"
if [ -n "${OUT:-}" ]; then cp "$table" "$OUT"; fi
rm -f "$table"
