#!/bin/bash
# The README's first command: installs what is missing, builds, runs the flagship job on the
# shipped defaults and shows where its results are.
#
# Flagship job (results in out/flagship/, override with OUT=folder):
#   screen_quick/  dopant screening in QUICK mode (indicative numbers) of In, Zn and Mg against
#                  pure Li on 2 MPI ranks: every descriptor from the shipped potential through
#                  LAMMPS (segregation, adsorption, NEB barriers) and the kMC engine, ranked,
#                  with report.md, screening.csv and figures (inputs/screen_default/screen.ini);
#   table/         the continuum lookup table of Li surface diffusivity on Li(100) and Li-In
#                  surfaces (inputs/table_Li_LiIn100/spec.ini): CSV, MOOSE and JSON formats;
#   kmc_LiIn100/   surface kMC of Li deposited on a random Li-In (100) surface alloy
#                  (inputs/kmc_LiIn100_random/config.ini) with its time-series and top-view plots.
# Each command writes its own run.json (version, git sha, config, seed, potential id) beside its results.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
flagship="${OUT:-$repo/out/flagship}"

"$repo/scripts/setup.sh"
echo "[quickstart] building (a few minutes the first time)"
"$repo/scripts/build.sh" >/dev/null
mkdir -p "$flagship"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

# Part 1: dopant screening, quick mode. anodekmc screen writes each finished row at once and
# the report files atomically; a fresh folder each time so the numbers are this build's.
echo "[quickstart] dopant screening, QUICK mode: Li baseline + In, Zn, Mg on 2 MPI ranks (2-4 min)"
rm -rf "$flagship/screen_quick"
mpirun --oversubscribe -np 2 "$build/anodekmc" screen "$repo/inputs/screen_default/screen.ini" --quick \
    --dopants "In Zn Mg" --output "$flagship/screen_quick"

# Part 2: the continuum lookup table (kMC over T x composition x facet, Arrhenius fits).
echo
echo "[quickstart] lookup table of Li surface diffusivity on Li(100) and Li-In surfaces (about 40 s)"
rm -rf "$flagship/table"
"$build/anodekmc" table build "$repo/inputs/table_Li_LiIn100/spec.ini" --quiet --output "$flagship/table"

# Part 3: one kMC plating run with its plots.
echo "[quickstart] kMC of Li plating on random Li-In(100) (about 10 s)"
rm -rf "$flagship/kmc_LiIn100"
"$build/anodekmc" kmc "$repo/inputs/kmc_LiIn100_random/config.ini" --quiet \
    --output.folder "$flagship/kmc_LiIn100"
/usr/bin/python3 "$repo/analysis/plot_kmc.py" "$flagship/kmc_LiIn100" >/dev/null

echo
echo "== lookup table: Arrhenius fits of the tracer diffusivity (first rows of arrhenius.csv) =="
# (sed reads the whole stream: head would exit early, and under pipefail the SIGPIPE it can give
# grep on a longer file ends the script before its summary)
grep -v "^#" "$flagship/table/arrhenius.csv" | sed -n 1,7p | cut -d, -f1,2,4,5,7,8,11
echo
echo "== kMC: Li on random Li-In(100), 300 K, 10 ML/s (illustrative bond-counting barriers) =="
/usr/bin/python3 - "$flagship/kmc_LiIn100/run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
res = r["results"]
print(f"  simulated {res['time_s']:.4g} s, {res['events']} events ({res['events_per_wall_s']:.3g} events/s)")
print(f"  coverage {res['coverage_ml']:.3f} ML: {res['islands']} islands "
      f"(density {res['island_density_per_site']:.3g} per site, mean size {res['mean_island_size_sites']:.1f} sites), "
      f"{res['monomers']} monomers, first dimer at {res['first_dimer_time_s']:.3g} s")
PY
echo
echo "[quickstart] results in $flagship:"
echo "  table/        table.csv, arrhenius.csv, table.json, moose/*, run.json"
echo "  kmc_LiIn100/  run.json, timeseries.csv, timeseries.png, topview.png, snapshots/*.dump (OVITO)"
echo "  screen_quick/ report.md, screening.csv, screening.png, arrhenius.png, arrhenius.csv, run.json, rows/*/"
echo
echo "[quickstart] screening report (QUICK mode, indicative only): $flagship/screen_quick/report.md"
