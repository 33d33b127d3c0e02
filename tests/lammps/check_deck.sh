#!/bin/bash
# Runs a shipped LAMMPS deck from inputs/ in a reduced-length mode through `anodekmc lammps`
# (from the repository root, as its header says), then checks that it ended normally, printed
# its result line and wrote its output files, so every deck keeps running.
# Usage: check_deck.sh ANODEKMC_EXE REPO_DIR DECK WORK_DIR RESULT_REGEX FILE... -- [-var name value ...]
set -euo pipefail
exe="$1"; repo="$2"; deck="$3"; work="$4"; pattern="$5"
shift 5
files=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do files+=("$1"); shift; done
[ $# -gt 0 ] && shift  # the --
rm -rf "$work"
mkdir -p "$work"
cd "$repo"
"$exe" lammps -in "$repo/$deck" -log "$work/log.lammps" -var out "$work" "$@" > "$work/stdout.txt" 2>&1 || {
  tail -20 "$work/stdout.txt"; echo "deck $deck failed"; exit 1; }
grep -E "$pattern" "$work/stdout.txt" || { tail -20 "$work/stdout.txt"; echo "deck $deck: no line matching '$pattern'"; exit 1; }
for f in "${files[@]}"; do
  test -s "$work/$f" || { echo "deck $deck did not write $f"; exit 1; }
done
echo "deck $deck OK"
