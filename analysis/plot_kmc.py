#!/usr/bin/python3
"""Plots of an `anodekmc kmc` run: time series and a top view of the surface.

Reads OUTPUT_FOLDER/timeseries.csv and the last snapshot (final.dump, else the newest file in
snapshots/) and writes
  OUTPUT_FOLDER/timeseries.png   coverage per layer, island density, roughness, tracer D vs time
  OUTPUT_FOLDER/topview.png      column heights seen from above (substrate solutes marked)

Example:
  /usr/bin/python3 analysis/plot_kmc.py kmc_Li100_plating
"""
import argparse
import csv
import glob
import os
import sys

import numpy as np


def read_timeseries(path):
    try:
        with open(path) as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"plot_kmc: cannot read {path}: {e.strerror}")
    if not rows:
        sys.exit(f"plot_kmc: {path} has no samples (run.sample_interval_s = 0?)")
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


def read_dump(path):
    """Returns (box (xlo, xhi, xy, ylo, yhi), atoms array with columns id type x y z)."""
    with open(path) as f:
        lines = f.read().splitlines()
    i = lines.index("ITEM: NUMBER OF ATOMS")
    n = int(lines[i + 1])
    b = lines.index("ITEM: BOX BOUNDS xy xz yz pp pp ff")
    xlo, xhi, xy = map(float, lines[b + 1].split())
    ylo, yhi, _ = map(float, lines[b + 2].split())
    a = lines.index("ITEM: ATOMS id type x y z")
    atoms = np.array([list(map(float, ln.split())) for ln in lines[a + 1:a + 1 + n]])
    return (xlo, xhi, xy, ylo, yhi), atoms


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", help="output folder of anodekmc kmc")
    args = p.parse_args()
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ts = read_timeseries(os.path.join(args.folder, "timeseries.csv"))
    t = ts["time_s"]
    fig, ax = plt.subplots(2, 2, figsize=(9, 6.5))
    for layer in range(1, 5):
        ax[0, 0].plot(t, ts[f"theta_layer{layer}"], label=f"layer {layer}")
    ax[0, 0].plot(t, ts["coverage_ml"], "k--", label="total (ML)")
    ax[0, 0].set_ylabel("coverage (ML)")
    ax[0, 0].legend(fontsize=8)
    ax[0, 1].plot(t, ts["islands"], label="islands (>= 2 atoms)")
    ax[0, 1].plot(t, ts["monomers"], label="monomers")
    ax[0, 1].set_ylabel("count")
    ax[0, 1].legend(fontsize=8)
    ax[1, 0].plot(t, ts["roughness_rms_layers"])
    ax[1, 0].set_ylabel("RMS roughness (layers)")
    ax[1, 1].plot(t, ts["tracer_D_m2_per_s"])
    ax[1, 1].set_ylabel("tracer D (m$^2$/s)")
    for a in ax.flat:
        a.set_xlabel("time (s)")
    fig.tight_layout()
    out = os.path.join(args.folder, "timeseries.png")
    fig.savefig(out, dpi=110)
    print(f"plot written to {out}")

    dump = os.path.join(args.folder, "final.dump")
    if not os.path.exists(dump):
        snaps = sorted(glob.glob(os.path.join(args.folder, "snapshots", "*.dump")))
        dump = snaps[-1] if snaps else None
    if dump:
        _, atoms = read_dump(dump)
        substrate = atoms[atoms[:, 4] == 0.0]
        deposit = atoms[atoms[:, 4] > 0.0]
        fig, axv = plt.subplots(figsize=(6.5, 6))
        solute = substrate[substrate[:, 1] > 1]
        if len(solute):
            axv.scatter(solute[:, 2], solute[:, 3], s=4, c="lightgray", marker="s", label="substrate solute")
        if len(deposit):
            # top atom of each column: highest z at each (x, y)
            order = np.lexsort((deposit[:, 4], deposit[:, 3], deposit[:, 2]))
            d = deposit[order]
            keys = np.round(d[:, 2:4], 3)
            last = np.ones(len(d), bool)
            last[:-1] = np.any(keys[1:] != keys[:-1], axis=1)
            top = d[last]
            sc = axv.scatter(top[:, 2], top[:, 3], c=top[:, 4], s=6, cmap="viridis", marker="s")
            fig.colorbar(sc, ax=axv, label="height (Å)")
        axv.set_aspect("equal")
        axv.set_xlabel("x (Å)")
        axv.set_ylabel("y (Å)")
        axv.set_title(os.path.basename(dump))
        out = os.path.join(args.folder, "topview.png")
        fig.savefig(out, dpi=110)
        print(f"plot written to {out}")


if __name__ == "__main__":
    main()
