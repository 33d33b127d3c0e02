#!/usr/bin/python3
"""Where the Li adatom sits relative to the In atoms of the top plane, in the MD runs of the
Li-In(100) consistency study. For each run: time (isolated-adatom frames) on hollows touching
k = 0..4 In atoms of the top plane, jumps (hops + exchanges) out of those sites, and whether an In
atom ever entered the dumped layer (z > 9.0 A) or the adatom layer (z > 9.25 A).
The In atom IDs come from re-creating the slab and the deck's `set type/fraction` with the same
seed (solute_types.in); top-plane In is assumed to stay at its lattice site (checked: the dump shows
whether any In atom left the top plane upwards).

Usage (from the repository root, after run_study.py --solute In ... --out STUDY; seeds 1001-1008 are
run_study.py's MD velocity seeds 1000 + s):
  mkdir -p TYPES; for s in 1001 1002 1003 1004 1005 1006 1007 1008; do
    build/anodekmc lammps -in inputs/consistency_Li100/solute_types.in -var seed $s -var out TYPES -screen none -log none; done
  /usr/bin/python3 inputs/consistency_Li100/solute_sites.py STUDY TYPES
Only for the default solute fraction 0.25 (solute_types.in's value)."""
import sys, os, glob, re
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_study as rs

def in_ids(types_file):
    ids, pos = [], []
    with open(types_file) as f:
        lines = f.read().split("\n")[9:]
    for l in lines:
        w = l.split()
        if len(w) == 5 and w[1] == "2":
            ids.append(int(w[0])); pos.append((float(w[2]), float(w[3])))
    return set(ids), np.array(pos)

def main(study, types_dir):
    rows = []
    for d in sorted(glob.glob(os.path.join(study, "md", "T*_seed*"))):
        m = re.search(r"T([0-9.]+)_seed(\d+)", d)
        T, s = float(m.group(1)), int(m.group(2))
        log = os.path.join(d, "log.lammps")
        if not os.path.exists(log) or "consistency_md T" not in open(log).read():
            continue   # unfinished run
        ids, pos = in_ids(os.path.join(types_dir, f"types_{1000 + s}.txt"))
        t_k = np.zeros(5); j_k = np.zeros(5)
        in_up_dump = in_up_layer = 0
        site = None; prev = None
        for step, aid, x, y, z in rs.read_dump(os.path.join(d, "layer.dump")):
            if any(a in ids for a in aid):
                in_up_dump += 1
                if any(a in ids and zz > rs.Z_LAYER for a, zz in zip(aid, z)):
                    in_up_layer += 1
            up = np.nonzero(z > rs.Z_LAYER)[0]
            if len(up) != 1:
                prev = None; continue
            k = up[0]
            f = np.array([x[k] % rs.L, y[k] % rs.L]) / rs.A
            nearest = np.round(f)
            if float(np.sum((f - nearest) ** 2)) < rs.CAPTURE ** 2:
                ij = (int(nearest[0]) % 5, int(nearest[1]) % 5)
                if site is not None and ij != site:
                    j_k[cls] += 1
                site = ij
                c = np.array([ij[0] * rs.A, ij[1] * rs.A])
                dd = pos - c
                dd -= rs.L * np.round(dd / rs.L)
                cls = int(np.sum(np.sum(dd ** 2, axis=1) < (0.8 * rs.A) ** 2))
            if prev is not None and site is not None:
                t_k[cls] += (step - prev) * rs.DT_PS
            prev = step
        rows.append((T, s, len(ids), t_k, j_k, in_up_dump, in_up_layer))
    print("T_K seed nIn | time on hollows with k=0..4 In corners (ps) | jumps out of them | frames with In z>9.0 / z>9.25")
    for T, s, n, t, j, a, b in rows:
        print(f"{T:g} {s} {n} | {' '.join(f'{v:.0f}' for v in t)} | {' '.join(f'{v:.0f}' for v in j)} | {a} / {b}")
    print("pooled per T: time fraction on k-In hollows; jump rate out of k=0 and k>=1 hollows (per ps, Poisson error)")
    for T in sorted(set(r[0] for r in rows)):
        t = sum(r[3] for r in rows if r[0] == T); j = sum(r[4] for r in rows if r[0] == T)
        frac = t / t.sum()
        r0 = j[0] / t[0] if t[0] else float("nan"); e0 = np.sqrt(j[0]) / t[0] if t[0] else float("nan")
        t1, j1 = t[1:].sum(), j[1:].sum()
        print(f"T {T:g}: fraction k=0..4: {' '.join(f'{v:.3f}' for v in frac)}; rate out of k=0: {r0:.4f} +- {e0:.4f} "
              f"({j[0]:.0f} jumps/{t[0]:.0f} ps); k>=1: {j1 / t1:.4f} +- {np.sqrt(j1) / t1:.4f} ({j1:.0f}/{t1:.0f} ps)")
    mean_n = np.mean([r[2] for r in rows]) / 25
    print(f"random expectation for a hollow with In fraction {mean_n:.3f}: " +
          " ".join(f"{v:.3f}" for v in [__import__('math').comb(4, k) * mean_n**k * (1 - mean_n)**(4 - k) for k in range(5)]))

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
