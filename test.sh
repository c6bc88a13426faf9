#!/usr/bin/env bash
# Runs every test project and prints one summary line "N passed, N failed" (summed over all runs).
# Installs missing Debian packages (scripts/deps.sh) and builds first. Used as-is by .ci/run.
# The core suite runs three times: default ISA, DOTNET_EnableAVX2=0 (Vector128 paths) and
# DOTNET_EnableHWIntrinsic=0 (scalar paths), so every kernel path is exercised on an AVX2 host (STYLE.md §3.5).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=scripts/deps.sh
source scripts/deps.sh
# python3: Debian's /usr/bin/python3 runs the corpus generator (testmedia/README.md); a fresh Debian 12 lacks it.
fp_install_deps imagemagick fonts-dejavu-core libjpeg-turbo-progs python3 || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Fingerprint.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results_dir=$(mktemp -d)
passed=0
failed=0
status=0

# The smoke tier of the test corpus (testmedia/generated/smoke: ~25 s of CPU, 48 MB), which the CLI tests scan.
# --if-stale makes it a no-op when it is already up to date. Generated before any test runs, so no project can read it
# while the generator replaces it.
echo "== corpus (smoke tier) ==" >&2
if /usr/bin/python3 testmedia/generate.py --tier smoke --if-stale >"$results_dir/corpus.log" 2>&1 &&
   /usr/bin/python3 testmedia/verify_manifest.py testmedia/generated/smoke >>"$results_dir/corpus.log" 2>&1; then
  tail -1 "$results_dir/corpus.log" >&2
else
  echo "corpus: generating or verifying the smoke tier failed; see output below" >&2
  tail -40 "$results_dir/corpus.log" >&2
  failed=$((failed + 1))
  status=1
fi

run_project() {   # run_project LABEL PROJECT [ENV=VALUE ...]
  local label=$1 project=$2
  shift 2
  local log="$results_dir/$label.log"
  echo "== $label ==" >&2
  env "$@" dotnet test "$project" -c Release --no-build -nologo \
      --blame-hang-timeout 15m --logger "console;verbosity=minimal" >"$log" 2>&1
  local rc=$?
  grep -E "^(Passed|Failed)!|error|Failed [A-Za-z]" "$log" | head -40 >&2
  local line p f
  line=$(grep -E "(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+" "$log" | tail -1)
  if [ -z "$line" ]; then
    echo "$label: no test summary (exit $rc); see output below" >&2
    tail -40 "$log" >&2
    failed=$((failed + 1))
    status=1
    return
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then status=1; fi
  if [ "$f" -ne 0 ]; then
    # The logs are removed at the end: show each failure's message and the top of its stack trace here.
    awk '/^  Failed /{p=1; n=0} p{print; if (++n >= 30) p=0}' "$log" | head -150 >&2
  fi
}

run_project core           tests/Fingerprint.Tests/Fingerprint.Tests.csproj
run_project core-noavx2    tests/Fingerprint.Tests/Fingerprint.Tests.csproj DOTNET_EnableAVX2=0
run_project core-scalar    tests/Fingerprint.Tests/Fingerprint.Tests.csproj DOTNET_EnableHWIntrinsic=0
run_project media          tests/Fingerprint.Media.Tests/Fingerprint.Media.Tests.csproj
run_project storage        tests/Fingerprint.Storage.Tests/Fingerprint.Storage.Tests.csproj
run_project cli            tests/Fingerprint.Cli.Tests/Fingerprint.Cli.Tests.csproj

rm -rf "$results_dir"
echo "$passed passed, $failed failed"
exit $status
