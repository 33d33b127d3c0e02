#!/bin/bash
# Runs inputs/neb_Li100_hop/in.neb (LAMMPS's own CI-NEB on 7 replicas) and compares its forward
# barrier with the catalog row of `anodekmc barriers` for the same hop (inputs/barriers_Li100,
# row 0,0: isolated adatom on Li(100)). Same potential, slab, fixed layers, vacuum and spring
# (5 intermediate replicas here, 7 intermediate images in the catalog: with a climbing image the
# barrier does not depend on the count); both stop at a maximum force of 0.01 eV/A, which leaves each barrier within
# about 1 meV of the converged value (force x the ~0.1 A an image can still move), so the two
# must agree within 2 meV.
# Usage: check_neb_deck.sh ANODEKMC_EXE MPIEXEC REPO_DIR WORK_DIR
set -euo pipefail
exe="$1"; mpiexec="$2"; repo="$3"; work="$4"
rm -rf "$work"; mkdir -p "$work"; cd "$work"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
"$mpiexec" -np 7 --oversubscribe "$exe" lammps -partition 7x1 -in "$repo/inputs/neb_Li100_hop/in.neb" \
    -var pot "$repo/potentials/anodekmc_LiM.eamdb" -var dir "$repo/inputs/neb_Li100_hop" > stdout.txt 2>&1 || {
  tail -20 stdout.txt; exit 1; }
# Last line of the universe log that starts with a step number: column 7 is EBF.
neb=$(awk '$1 ~ /^[0-9]+$/ && NF > 10 { ebf = $7 } END { print ebf }' log.lammps)
catalog=$(awk -F, '$1 == "0" && $2 == "0" && $3 == "flat" { print $7 }' "$repo/inputs/barriers_Li100/catalog.csv")
echo "LAMMPS neb barrier: $neb eV; anodekmc barriers catalog: $catalog eV"
[ -n "$neb" ] && [ -n "$catalog" ] || { echo "could not read both barriers"; exit 1; }
awk -v a="$neb" -v b="$catalog" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "difference %.6f eV (tolerance 0.002)\n", d; exit !(d < 0.002) }'
grep -q "replica 4: E - E_initial" screen.3 || { echo "replica 4 did not print its energy"; exit 1; }
