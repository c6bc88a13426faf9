#!/usr/bin/env bash
# Decode+hash throughput side by side with djpeg (issue 3.7, DESIGN.md §8 "JPEG upload to hash"): file bytes held in
# memory -> PDQ, in-process, on 1 and 2 worker threads, for real JPEGs of ~1, 2-3 and ~12 MP, in ONE run:
#   fast      our fast profile (DecodeOptions.Fast: DCT-scaled decode, EXIF applied) + PDQ, what `fingerprint scan` does
#   fullres   our full-decode pipeline (DecodeOptions.Reference: full size, accurate IDCT, fancy upsampling) + PDQ
#   djpeg     `djpeg -outfile /dev/null FILE` (full decode), one bash loop per worker over the same files
#   djpeg 1/8 `djpeg -scale 1/8 ...`: the Huffman-bound scaled-decode floor; "net" subtracts the per-process start-up,
#             measured by the same loop over a 16x16 JPEG (djpeg pays a process start per image, we do not)
# Targets: fast >= 3x fullres, fast >= 90% of djpeg -scale 1/8. Prints a markdown table on stdout (progress on stderr).
#
#   benchmarks/peers/decode_bench.sh                     # the lead's quiet-machine run
#   MIN_SECONDS=0.3 MAX_FILES=3 benchmarks/peers/decode_bench.sh      # quick check that everything works
#
# Knobs (environment): CORPUS (paths searched for JPEGs; default testmedia/sources + the fetched cache),
# SETS (LABEL:MIN_MP:MAX_MP, space separated), MAX_FILES per set, THREADS (e.g. 1,2), MIN_SECONDS per measurement,
# WORK (scratch dir). The cache comes from `testmedia/fetch_sources.sh cache --restricted` (the ~12 MP set needs it).
set -euo pipefail
cd "$(dirname "$0")/../.."

CORPUS=${CORPUS:-"testmedia/sources testmedia/cache/permissive testmedia/cache/restricted"}
SETS=${SETS:-"~1MP:0.7:1.5 2-3MP:1.8:3.6 ~12MP:10:14"}
MAX_FILES=${MAX_FILES:-8}
THREADS=${THREADS:-1,2}
MIN_SECONDS=${MIN_SECONDS:-3}
WORK=${WORK:-benchmarks/.work/decode}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v djpeg >/dev/null; then
  echo "decode_bench: installing libjpeg-turbo-progs (djpeg)" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libjpeg-turbo-progs >&2
fi

dotnet build benchmarks/Fingerprint.Harness/Fingerprint.Harness.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
HARNESS=benchmarks/Fingerprint.Harness/bin/Release/net10.0/Fingerprint.Harness
mkdir -p "$WORK"

args=(decode --max-files "$MAX_FILES" --threads "$THREADS" --min-seconds "$MIN_SECONDS" --work "$WORK")
for c in $CORPUS; do
  if [ -e "$c" ]; then args+=(--corpus "$c"); else echo "decode_bench: $c missing (testmedia/fetch_sources.sh cache --restricted)" >&2; fi
done
for s in $SETS; do args+=(--set "$s"); done

echo "Decode+hash benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(djpeg -version 2>&1 | head -1)."
echo
"$HARNESS" "${args[@]}"
echo
echo "img/s: images per second over the set, every worker busy (in-process for ours: bytes in memory -> PDQ hash)."
echo "djpeg: one bash loop per worker, each image a djpeg process writing to /dev/null; net = minus the start-up loop."
echo "Command: benchmarks/Fingerprint.Harness ${args[*]}"
