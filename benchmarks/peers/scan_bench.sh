#!/usr/bin/env bash
# Scan throughput side by side with a reference-style pipeline (issue 5.7, DESIGN.md §8: ">= 5x the reference
# pipeline"; this benchmark's target >= 3x): N deterministic 1-3 MP JPEG uploads and a bank of 100k PDQ hashes, then
# on CORES cores, in ONE run:
#   (a) ours       `fingerprint scan --db bank.db --jobs CORES uploads/` (defaults: fast profile, 8 dihedral variants,
#                  multi-index lookup, SHA-256 duplicate check, JSONL out), timed as a whole process
#   (b) reference  `Fingerprint.Harness ref-scan`: read, full decode (accurate IDCT, fancy upsampling), PDQ fullres,
#                  plain linear scan of the bank on CORES threads: what a straightforward pdqhash-based scanner does
# Uploads: `Fingerprint.Harness gen-uploads` (ImageMagick, single-threaded, from real photos >= 1.8 MP: random crop,
# resize to 1-3 MP, quality 60-95), cached in WORK between runs. Bank: the PDQ fullres hashes of ORIGINALS uploads'
# pre-JPEG images + seeded random hashes up to BANK_ROWS, imported with `fingerprint bank import`.
#
#   benchmarks/peers/scan_bench.sh                       # 10k uploads (first run generates them: ~10 min on 2 cores)
#   UPLOADS=400 benchmarks/peers/scan_bench.sh           # quick check
#
# Knobs (environment): UPLOADS, ORIGINALS, BANK_ROWS, SEED, CORES, CORPUS (source photos), WORK, OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."

UPLOADS=${UPLOADS:-10000}
ORIGINALS=${ORIGINALS:-100}
BANK_ROWS=${BANK_ROWS:-100000}
SEED=${SEED:-1}
CORES=${CORES:-2}
CORPUS=${CORPUS:-"testmedia/sources testmedia/cache/permissive testmedia/cache/restricted"}
WORK=${WORK:-benchmarks/.work/scan}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for tool in convert identify; do
  command -v "$tool" >/dev/null || { echo "scan_bench: missing $tool (apt-get install -y imagemagick)" >&2; exit 2; }
done
mkdir -p "$WORK"
CLI_OUT=benchmarks/.work/cli
dotnet build src/Fingerprint.Cli/Fingerprint.Cli.csproj -c Release -nologo -v q -clp:ErrorsOnly -o "$CLI_OUT" >&2
dotnet build benchmarks/Fingerprint.Harness/Fingerprint.Harness.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
HARNESS=benchmarks/Fingerprint.Harness/bin/Release/net10.0/Fingerprint.Harness
FP=(dotnet "$CLI_OUT/fingerprint.dll")

# Pin both pipelines to the same CORES cores when the host has more.
PIN=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt "$CORES" ]; then PIN=(taskset -c "0-$((CORES - 1))"); fi

data="$WORK/uploads-$UPLOADS-o$ORIGINALS-s$SEED"
corpus_args=()
for c in $CORPUS; do [ -e "$c" ] && corpus_args+=(--corpus "$c"); done
"$HARNESS" gen-uploads --out "$data" --count "$UPLOADS" --originals "$ORIGINALS" --seed "$SEED" --jobs "$CORES" "${corpus_args[@]}"

bank_hex="$WORK/bank-$BANK_ROWS.hex"
db="$WORK/bank.db"
"$HARNESS" gen-bank --count "$BANK_ROWS" --seed "$SEED" --originals "$data/originals.txt" --out "$bank_hex"
rm -f "$db" "$db-wal" "$db-shm"
"${FP[@]}" bank import --db "$db" bench "$bank_hex" --create >&2

# Warm the page cache for both runs alike.
cat "$data"/uploads/* >/dev/null

now() { date +%s.%N; }
echo "scan_bench: ours (fingerprint scan), $UPLOADS uploads, $CORES cores" >&2
t0=$(now)
rc=0
"${PIN[@]}" "${FP[@]}" scan --db "$db" --jobs "$CORES" --progress none "$data/uploads" >"$WORK/ours.jsonl" 2>"$WORK/ours.err" || rc=$?
t1=$(now)
[ "$rc" -le 1 ] || { echo "scan_bench: fingerprint scan exited with $rc" >&2; tail -5 "$WORK/ours.err" >&2; exit 1; }
ours_matched=$(grep -c '"matches":\[{' "$WORK/ours.jsonl" || true)
ours_failed=$(grep -c '"error":{' "$WORK/ours.jsonl" || true)

echo "scan_bench: reference-style pipeline (ref-scan), $UPLOADS uploads, $CORES threads" >&2
t2=$(now)
"${PIN[@]}" "$HARNESS" ref-scan --bank "$bank_hex" --threads "$CORES" --matches "$WORK/ref-matches.tsv" "$data/uploads" >"$WORK/ref.tsv"
t3=$(now)
metric() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$WORK/ref.tsv"; }

ours_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
ref_s=$(awk -v a="$t2" -v b="$t3" 'BEGIN { print b - a }')
rate() { awk -v n="$UPLOADS" -v s="$1" 'BEGIN { printf "%.1f", n / s }'; }
mp=$(awk -F'\t' 'NR > 1 { s += $4 * $5 / 1e6; n++ } END { printf "%.2f", s / n }' "$data/uploads.tsv")
bytes=$(du -sb "$data/uploads" | cut -f1)

table=$(mktemp)
{
  echo "Scan benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores (run on $CORES)."
  echo "Uploads: $UPLOADS JPEGs, mean $mp MP, $((bytes / 1024 / 1024)) MiB ($data); bank: $BANK_ROWS rows ($ORIGINALS of them the originals' hashes)."
  echo
  echo "| pipeline | wall s | images/s | matched uploads | failed | ratio |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| ours: fingerprint scan (fast profile, dihedral, MIH) | $(printf %.1f "$ours_s") | $(rate "$ours_s") | $ours_matched | $ours_failed | $(awk -v a="$ref_s" -v b="$ours_s" 'BEGIN { printf "%.2fx", a / b }') |"
  echo "| reference-style: full decode + PDQ fullres + linear scan | $(printf %.1f "$ref_s") | $(rate "$ref_s") | $(metric matched) | $(metric failed) | 1.00x |"
  echo
  echo "Wall time of each whole process (start-up, bank load and index build included; ref-scan's own scan phase alone: $(metric images_per_second) images/s)."
  echo "Commands: ${PIN[*]} ${FP[*]} scan --db $db --jobs $CORES --progress none $data/uploads > $WORK/ours.jsonl"
  echo "          ${PIN[*]} $HARNESS ref-scan --bank $bank_hex --threads $CORES $data/uploads"
} >"$table"
cat "$table"
[ -n "${OUT:-}" ] && cp "$table" "$OUT"
rm -f "$table"
