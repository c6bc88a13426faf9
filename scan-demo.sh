#!/usr/bin/env bash
# The main job on the bundled test media: builds a bank of known images and scans a folder of uploads against it.
#   1. installs missing Debian packages and builds the CLI (fingerprint.sh does both);
#   2. generates the bundled smoke corpus from the committed photos in testmedia/sources (deterministic, ~1 min the
#      first time, skipped when already up to date);
#   3. fingerprint bank add   -> a bank of 16 known originals (photos and memes) in artifacts/demo/banks.db;
#   4. fingerprint scan       -> 103 uploads (re-encoded, resized, mirrored, rotated, cropped, captioned, padded,
#                                screenshotted copies, videos and GIFs, and never-banked distractors), one line per
#                                match; the JSONL records (full evidence) are kept in artifacts/demo/results.jsonl.
# Options are passed to `fingerprint scan` (e.g. --threshold 40, --no-dihedral).
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
fp_install_deps imagemagick fonts-dejavu-core >&2

echo "== generating the bundled corpus (testmedia/generated/smoke) ==" >&2
/usr/bin/python3 testmedia/generate.py --tier smoke --if-stale >&2
/usr/bin/python3 testmedia/verify_manifest.py testmedia/generated/smoke >&2
corpus=testmedia/generated/smoke/scan

demo=artifacts/demo
mkdir -p "$demo"
rm -f "$demo/banks.db" "$demo/banks.db-wal" "$demo/banks.db-shm"

echo "== ./fingerprint.sh bank add --db $demo/banks.db --bank known-memes --campaign demo $corpus/bank ==" >&2
./fingerprint.sh bank add --db "$demo/banks.db" --bank known-memes --campaign demo --progress none "$corpus/bank" >/dev/null

echo "== ./fingerprint.sh scan --db $demo/banks.db $corpus/uploads ==" >&2
set +e
./fingerprint.sh scan --db "$demo/banks.db" --format jsonl --progress plain "$@" "$corpus/uploads" > "$demo/results.jsonl"
rc=$?
set -e
# One line per match, from the JSONL records (the text format prints the same: --format text).
/usr/bin/python3 - "$demo/results.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for m in r.get("matches") or []:
        where = f" region={m['region']}" if m.get("region") else ""
        if m.get("timestamp") is not None:
            where += f" at {m['timestamp']}s"
        print(f"MATCH {r['path']} -> {m['bank']}#{m['entry']} {m.get('label')!r} distance {m['distance']}/{m['threshold']} variant={m['variant']}{where}")
    if r.get("error"):
        print(f"ERROR {r['path']}: {r['error']['code']}: {r['error']['message']}")
PY
echo "full records: $demo/results.jsonl (exit code $rc: 0 = matches found, 1 = none, 3 = some inputs failed)" >&2
exit 0
