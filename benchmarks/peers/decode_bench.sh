#!/usr/bin/env bash
# Decode+hash throughput side by side with the reference pipeline and djpeg (issue 3.7, DESIGN.md §8 "JPEG upload to
# hash": ">= 90% of the scaled-decode floor; >= 5x the reference pipeline"): file bytes held in memory -> PDQ,
# in-process, on 1 and 2 worker threads, for real JPEGs of ~1, 2-3 and ~12 MP, in ONE run:
#   fast              our fast profile (DecodeOptions.Fast: DCT-scaled decode, grey, EXIF applied) + our PDQ: what
#                     `fingerprint scan` does
#   reference cli512  the reference pipeline: full RGB decode (DecodeOptions.Reference) + the reference-algorithm PDQ
#                     (Meta's C++ core's own algorithm: whole planes, scalar) after pdq-photo-hasher's 512x512
#                     nearest-neighbour resize. The >= 5x target is judged against this, the faster reference variant.
#   reference fullres the same, the reference-algorithm PDQ on the whole image
#   our full decode   the same full decode + our streaming PDQ fullres (informative: what scaled decoding alone buys)
#   djpeg             `djpeg -outfile /dev/null FILE` (full decode), one bash loop per worker over the same files
#   djpeg 1/8         `djpeg -scale 1/8 ...`: the Huffman-bound scaled-decode floor; "net" subtracts the per-process
#                     start-up, measured by the same loop over a 16x16 JPEG (djpeg pays a process start per image, we do not)
# First, `Fingerprint.Harness ref-pdq` checks that the reference-algorithm PDQ gives our hashes on the whole corpus and
# Meta's expected values on conformance/pdq, and times it beside the C++ figures (it must be FASTER than the C++
# reference, so that ratios against it understate ours). Prints markdown tables on stdout (progress on stderr).
#
#   benchmarks/peers/decode_bench.sh                     # the lead's quiet-machine run
#   MIN_SECONDS=0.3 MAX_FILES=3 REF_PDQ_SECONDS=0.3 benchmarks/peers/decode_bench.sh   # quick check that everything works
#
# Knobs (environment): CORPUS (paths searched for JPEGs; default testmedia/sources + the fetched cache),
# SETS (LABEL:MIN_MP:MAX_MP, space separated), MAX_FILES per set, THREADS (e.g. 1,2), MIN_SECONDS per measurement,
# REF_PDQ_SECONDS per ref-pdq timing, WORK (scratch dir). The cache comes from
# `testmedia/fetch_sources.sh cache --restricted` (the ~12 MP set needs it).
set -euo pipefail
cd "$(dirname "$0")/../.."

CORPUS=${CORPUS:-"testmedia/sources testmedia/cache/permissive testmedia/cache/restricted"}
SETS=${SETS:-"~1MP:0.7:1.5 2-3MP:1.8:3.6 ~12MP:10:14"}
MAX_FILES=${MAX_FILES:-8}
THREADS=${THREADS:-1,2}
MIN_SECONDS=${MIN_SECONDS:-3}
REF_PDQ_SECONDS=${REF_PDQ_SECONDS:-2}
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

corpus=()
for c in $CORPUS; do
  if [ -e "$c" ]; then corpus+=(--corpus "$c"); else echo "decode_bench: $c missing (testmedia/fetch_sources.sh cache --restricted)" >&2; fi
done
args=(decode --max-files "$MAX_FILES" --threads "$THREADS" --min-seconds "$MIN_SECONDS" --work "$WORK" "${corpus[@]}")
for s in $SETS; do args+=(--set "$s"); done
ref_args=(ref-pdq --min-seconds "$REF_PDQ_SECONDS" "${corpus[@]}")

echo "Decode+hash benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(djpeg -version 2>&1 | head -1)."
echo
"$HARNESS" "${ref_args[@]}"
echo
"$HARNESS" "${args[@]}"
echo
echo "img/s: images per second over the set, every worker busy (in-process for ours and the reference pipeline: bytes in"
echo "memory -> PDQ hash). djpeg: one bash loop per worker, each image a djpeg process writing to /dev/null; net = minus the"
echo "start-up loop. Each pipeline ran about MIN_SECONDS=$MIN_SECONDS s per set and thread count, one after another."
echo "Commands: benchmarks/Fingerprint.Harness ${ref_args[*]}"
echo "          benchmarks/Fingerprint.Harness ${args[*]}"
