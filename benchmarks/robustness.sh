#!/usr/bin/env bash
# Runs `fingerprint bench robustness` on a tier of the test corpus, from a fresh clone, in one command:
#   benchmarks/robustness.sh                 # smoke tier (committed sources only; what CI runs)
#   benchmarks/robustness.sh standard        # fetches the corpus cache once (Debian mirror), then generates and scores
#   benchmarks/robustness.sh extended --seed 7 -a pdq,pdq-meme
# Steps: Debian packages (scripts/deps.sh; the tier's fonts), testmedia/fetch_sources.sh cache [--restricted] when the
# tier needs a cache that is missing, testmedia/generate.py --tier TIER --if-stale, then the bench (built by
# fingerprint.sh) with --corpus testmedia/generated/TIER --out artifacts/robustness/TIER and any further options.
# The report is artifacts/robustness/TIER/report.html (plus results.csv, results.json, summary.md, positives.csv).
# The numbers published in benchmarks/RESULTS.md ("Robustness") come from `benchmarks/robustness.sh standard`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tier=smoke
if [ $# -gt 0 ] && [[ $1 != -* ]]; then
  tier=$1
  shift
fi
case $tier in
  smoke|standard|extended) ;;
  *) echo "robustness.sh: unknown tier '$tier' (smoke, standard or extended)" >&2; exit 2 ;;
esac

# shellcheck source=../scripts/deps.sh
source "$root/scripts/deps.sh"
extra=(imagemagick fonts-dejavu-core)
if [ "$tier" != smoke ]; then
  extra+=(fonts-droid-fallback fonts-comic-neue)
fi
fp_install_deps "${extra[@]}" >&2

cache="$root/testmedia/cache/CACHE.tsv"
case $tier in
  standard)
    if [ ! -f "$cache" ]; then "$root/testmedia/fetch_sources.sh" cache >&2; fi ;;
  extended)
    if [ ! -f "$cache" ] || ! cut -f2 "$cache" | grep -qx restricted; then
      "$root/testmedia/fetch_sources.sh" cache --restricted >&2
    fi ;;
esac

/usr/bin/python3 "$root/testmedia/generate.py" --tier "$tier" --if-stale >&2
out="$root/artifacts/robustness/$tier"
exec "$root/fingerprint.sh" bench robustness --corpus "$root/testmedia/generated/$tier" --out "$out" "$@"
