#!/bin/bash
# Runs a shipped kMC example briefly (its own config, capped at a few thousand events) and its
# plots, so every example under inputs/ keeps parsing and running.
# Usage: check_example.sh ANODEKMC_EXE PYTHON REPO_DIR CONFIG WORK_DIR
set -euo pipefail
exe="$1"; python="$2"; repo="$3"; config="$4"; work="$5"
rm -rf "$work"
mkdir -p "$work"
"$exe" kmc "$repo/$config" --quiet --output.folder "$work/out" --run.max_events 20000 \
    --run.checkpoint_every_events 0
test -s "$work/out/run.json"
test -s "$work/out/timeseries.csv"
"$python" "$repo/analysis/plot_kmc.py" "$work/out"
test -s "$work/out/timeseries.png"
echo "example $config OK"
