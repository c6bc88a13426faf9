#!/usr/bin/env bash
# Runs the `fingerprint` console host from a source checkout: installs missing Debian packages
# (scripts/deps.sh), builds the CLI in Release (incremental: fast when nothing changed), then runs it.
#   ./fingerprint.sh --help
#   ./fingerprint.sh hash photo.jpg
#   ./fingerprint.sh demo            # the README's main job on the bundled media
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/deps.sh
source "$root/scripts/deps.sh"
fp_install_deps >&2
out="$root/artifacts/cli"
log=$(mktemp)
if ! dotnet build "$root/src/Fingerprint.Cli/Fingerprint.Cli.csproj" -c Release -nologo -v q -clp:ErrorsOnly -o "$out" >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "fingerprint.sh: build failed" >&2
  exit 2
fi
rm -f "$log"
exec dotnet "$out/fingerprint.dll" "$@"
