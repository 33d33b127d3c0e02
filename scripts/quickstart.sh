#!/bin/bash
# The README's first command: installs what is missing, builds, runs the flagship job on the
# shipped defaults and shows where its results are.
#
# Flagship job, two parts (results in out/flagship/, override with OUT=folder):
#   kmc_LiIn100/   surface kMC of Li deposited on a random Li-In (100) surface alloy
#                  (inputs/kmc_LiIn100_random/config.ini) with its time-series and top-view plots;
#   layer_excess/  compute layer/excess on a Mg-doped Li(100) slab through LAMMPS on 2 MPI
#                  ranks (inputs/layer_excess_demo/in.layer_excess) with a profile plot.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
flagship="${OUT:-$repo/out/flagship}"
out="$flagship/layer_excess"
deck="$repo/inputs/layer_excess_demo/in.layer_excess"
seed=20261122

"$repo/scripts/setup.sh"
echo "[quickstart] building (a few minutes the first time)"
"$repo/scripts/build.sh" >/dev/null

# Part 1: kMC. anodekmc kmc writes its folder itself (run.json, config, time series, snapshots).
mkdir -p "$flagship"
echo "[quickstart] running the kMC flagship (Li on random Li-In(100), about 10 s)"
rm -rf "$flagship/kmc_LiIn100"
"$build/anodekmc" kmc "$repo/inputs/kmc_LiIn100_random/config.ini" --quiet \
    --output.folder "$flagship/kmc_LiIn100"
/usr/bin/python3 "$repo/analysis/plot_kmc.py" "$flagship/kmc_LiIn100" >/dev/null

# Part 2: LAMMPS with compute layer/excess.
# Write into a fresh temporary folder, then move it into place: an interrupted run never
# leaves a half-written result folder behind.
mkdir -p "$(dirname "$out")"
tmp="$(mktemp -d "$out.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
echo "[quickstart] running the flagship job on 2 MPI ranks"
start=$(date +%s.%N)
(cd "$tmp" && mpirun --oversubscribe -np 2 "$build/anodekmc" lammps -in "$deck" \
     -var seed "$seed" -var out . -log log.lammps -screen screen.txt)
end=$(date +%s.%N)
(cd "$tmp" && /usr/bin/python3 "$repo/analysis/plot_layer_excess.py" layer_excess.dat \
    --solute Mg --host Li --output layer_excess.png > layer_excess_table.txt)
cp "$deck" "$tmp/"   # the exact deck that produced these results

# Provenance beside the results.
/usr/bin/python3 - "$tmp/run.json" "$deck" "$seed" "$start" "$end" "$("$build/anodekmc" --version)" <<'PY'
import hashlib, json, sys
path, deck, seed, start, end, version = sys.argv[1:]
with open(deck, "rb") as f:
    deck_sha = hashlib.sha256(f.read()).hexdigest()
record = {
    "job": "flagship: compute layer/excess on a Mg-doped Li(100) slab (constructed, no potential)",
    "anodekmc": version,
    "command": f"mpirun -np 2 anodekmc lammps -in {deck} -var seed {seed} -var out .",
    "config": {"deck": deck, "deck_sha256": deck_sha, "variables": {"seed": int(seed), "out": "."}},
    "seed": int(seed),
    "potential_id": "none (constructed slab; the fitted Li-M potential arrives with the potentials issue)",
    "mpi_ranks": 2,
    "wall_time_s": round(float(end) - float(start), 3),
}
with open(path, "w") as f:
    json.dump(record, f, indent=2)
    f.write("\n")
PY
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT

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
print(f"  tracer D of deposited Li: {res['tracer_D_m2_per_s']:.3g} m^2/s")
PY
echo "[quickstart] kMC results in $flagship/kmc_LiIn100: run.json, timeseries.csv, timeseries.png, topview.png,"
echo "  island_sizes.csv, snapshots/*.dump (OVITO), checkpoint.bin"
echo
echo "== compute layer/excess: Mg in a Li(100) slab, 2 MPI ranks =="
grep -E "^  (area|excess|expected)" "$out/screen.txt" || true
echo
cat "$out/layer_excess_table.txt"
echo
echo "[quickstart] layer/excess results in $out:"
echo "  layer_excess.dat   per-plane table (fix ave/time output of compute layer/excess)"
echo "  layer_excess.png   composition and excess profile"
echo "  log.lammps         LAMMPS log, with the anodekmc version and git sha"
echo "  in.layer_excess    the deck that was run"
echo "  run.json           provenance: version, git sha, deck and its sha256, seed, potential id, wall time"
