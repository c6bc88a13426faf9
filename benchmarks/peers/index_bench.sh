#!/usr/bin/env bash
# Side-by-side index benchmark (DESIGN.md §8, STYLE.md §3.10): our HammingIndex (benchmarks/Fingerprint.IndexBench)
# and faiss (python3-faiss: IndexBinaryFlat and IndexBinaryMultiHash(256,16,16), nflip=1) in ONE run, on the same
# seeded hash files, radius 31, for random and clustered banks, 1 and 2 cores. Prints a markdown table on stdout
# (progress on stderr); also writes it to $OUT when set.
#
#   benchmarks/peers/index_bench.sh                        # 1M and 10M rows: the lead's quiet-machine run
#   SIZES=100000 BULK_QUERIES=2000 benchmarks/peers/index_bench.sh     # a quick check that everything works
#
# Knobs (environment): SIZES, KINDS, CORES, RADIUS, SINGLE_QUERIES (per-call queries, also the exactness check),
# DIHEDRAL_QUERIES (8-variant groups), BULK_QUERIES (our SearchBatch), FAISS_BULK_QUERIES (faiss batch subset: its MIH
# runs ~10 q/s at 10M), FLAT_BULK_QUERIES (our forced flat blocked scan, subset), MIN_SECONDS, WORK (scratch dir,
# needs ~2.5 GB at 10M), CHUNK_BITS (0 = automatic), OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"1000000 10000000"}
KINDS=${KINDS:-"random clustered"}
CORES=${CORES:-"1 2"}
RADIUS=${RADIUS:-31}
SINGLE_QUERIES=${SINGLE_QUERIES:-200}
DIHEDRAL_QUERIES=${DIHEDRAL_QUERIES:-50}
BULK_QUERIES=${BULK_QUERIES:-100000}
FAISS_BULK_QUERIES=${FAISS_BULK_QUERIES:-200}
FLAT_BULK_QUERIES=${FLAT_BULK_QUERIES:-1000}
MIN_SECONDS=${MIN_SECONDS:-3}
CHUNK_BITS=${CHUNK_BITS:-0}
WORK=${WORK:-$(mktemp -d /tmp/fp-index-bench.XXXXXX)}
PY=/usr/bin/python3
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! $PY -c "import faiss" 2>/dev/null; then
  echo "index_bench: installing python3-faiss" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-faiss >&2
fi

dotnet build benchmarks/Fingerprint.IndexBench/Fingerprint.IndexBench.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
BENCH=benchmarks/Fingerprint.IndexBench/bin/Release/net10.0/Fingerprint.IndexBench
mkdir -p "$WORK"

metric() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$2" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.1fx", a / b }'; }
fmt() { awk -v a="$1" 'BEGIN { if (a == "") print "-"; else if (a + 0 >= 100) printf "%.0f", a; else printf "%.3g", a }'; }

table=$(mktemp)
{
  echo "Index benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, radius $RADIUS (inclusive), faiss $($PY -c 'import faiss; print(faiss.__version__)')."
  echo
  echo "| bank | rows | cores | ours q/s | faiss MIH q/s | vs MIH | faiss flat q/s | ours dihedral q/s | faiss MIH dihedral q/s | vs MIH | ours bulk q/s (ns/pair) | our flat bulk ns/pair | faiss flat bulk ns/pair | our flat single ms (GB/s) | open ms | memory / raw | chunks | exact |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
} >"$table"

for size in $SIZES; do
  for kind in $KINDS; do
    bank="$WORK/$kind-$size.bin"
    echo "index_bench: generating $kind bank of $size rows" >&2
    $BENCH gen-bank --kind "$kind" --count "$size" --seed 20240601 --out "$bank"
    $BENCH gen-queries --bank "$bank" --count "$SINGLE_QUERIES" --variants 1 --seed 1 --out "$WORK/single.bin"
    $BENCH gen-queries --bank "$bank" --count "$DIHEDRAL_QUERIES" --variants 8 --seed 2 --out "$WORK/dihedral.bin"
    $BENCH gen-queries --bank "$bank" --count "$BULK_QUERIES" --variants 1 --seed 3 --out "$WORK/bulk.bin"
    for cores in $CORES; do
      ours="$WORK/ours-$kind-$size-$cores.tsv"
      theirs="$WORK/faiss-$kind-$size-$cores.tsv"
      echo "index_bench: ours, $kind $size, $cores core(s)" >&2
      $BENCH run --bank "$bank" --single "$WORK/single.bin" --dihedral "$WORK/dihedral.bin" --bulk "$WORK/bulk.bin" \
        --radius "$RADIUS" --threads "$cores" --chunk-bits "$CHUNK_BITS" --snapshot "$WORK/snapshot.fpidx" \
        --flat-bulk "$FLAT_BULK_QUERIES" --min-seconds "$MIN_SECONDS" >"$ours"
      rm -f "$WORK/snapshot.fpidx"
      echo "index_bench: faiss, $kind $size, $cores core(s)" >&2
      $PY benchmarks/peers/index_faiss.py --bank "$bank" --single "$WORK/single.bin" --dihedral "$WORK/dihedral.bin" \
        --bulk "$WORK/bulk.bin" --bulk-max "$FAISS_BULK_QUERIES" --radius "$RADIUS" --threads "$cores" \
        --min-seconds "$MIN_SECONDS" >"$theirs"

      # One core: per-call rates on both sides. Two cores: ours runs per-call queries on 2 threads; faiss parallelises
      # only across the queries of one call, so its 2-core figure is the batched call (whichever of the two is higher).
      faiss_mih=$(metric faiss_mih_single_qps "$theirs")
      faiss_flat=$(metric faiss_flat_single_qps "$theirs")
      if [ "$cores" -gt 1 ]; then
        faiss_mih=$(awk -v a="$faiss_mih" -v b="$(metric faiss_mih_batch_qps "$theirs")" 'BEGIN { print (a > b ? a : b) }')
        faiss_flat=$(awk -v a="$faiss_flat" -v b="$(metric faiss_flat_batch_qps "$theirs")" 'BEGIN { print (a > b ? a : b) }')
      fi
      exact="yes"
      [ "$(metric single_matches "$ours")" = "$(metric faiss_mih_single_matches "$theirs")" ] || exact="NO (single vs MIH)"
      [ "$(metric single_matches "$ours")" = "$(metric faiss_flat_single_matches "$theirs")" ] || exact="NO (single vs flat)"
      [ "$(metric dihedral_matches "$ours")" = "$(metric faiss_flat_dihedral_matches "$theirs")" ] || exact="NO (dihedral)"
      echo "| $kind | $size | $cores | $(fmt "$(metric single_qps "$ours")") | $(fmt "$faiss_mih") | $(ratio "$(metric single_qps "$ours")" "$faiss_mih") | $(fmt "$faiss_flat") | $(fmt "$(metric dihedral_qps "$ours")") | $(fmt "$(metric faiss_mih_dihedral_qps "$theirs")") | $(ratio "$(metric dihedral_qps "$ours")" "$(metric faiss_mih_dihedral_qps "$theirs")") | $(fmt "$(metric bulk_qps "$ours")") ($(fmt "$(metric bulk_ns_per_pair "$ours")")) | $(fmt "$(metric flat_bulk_ns_per_pair "$ours")") | $(fmt "$(metric faiss_flat_bulk_ns_per_pair "$theirs")") | $(fmt "$(metric flat_single_ms "$ours")") ($(fmt "$(metric flat_single_gbps "$ours")")) | $(fmt "$(metric open_ms "$ours")") | $(fmt "$(metric memory_ratio "$ours")") | $(metric chunks "$ours") | $exact |" >>"$table"
    done
    rm -f "$bank"
  done
done
{
  echo
  echo "ours q/s: per-call Search (1 query per call) on 'cores' threads; faiss: per-call range_search (1 core), or its batched call when cores > 1."
  echo "bulk: our SearchBatch over $BULK_QUERIES queries (MaxDegreeOfParallelism = cores); ns/pair = time / (queries x rows)."
  echo "flat bulk: forced flat blocked scan over $FLAT_BULK_QUERIES of them; faiss flat bulk: its batched range_search over $FAISS_BULK_QUERIES."
  echo "flat single: one query, one forced flat pass over all rows on 'cores' threads (GB/s of rows read: compare with the memory bandwidth bound)."
  echo "open: median of 7 opens of the written snapshot (page cache warm). memory: index bytes / (rows x 40 bytes of rows + ids)."
  echo "Raw outputs: $WORK"
} >>"$table"
cat "$table"
[ -n "${OUT:-}" ] && cp "$table" "$OUT"
rm -f "$table"
