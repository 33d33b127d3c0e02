#!/usr/bin/python3
"""Per-plane composition and Gibbsian excess from compute layer/excess.

Reads the file that `fix ave/time ... c_ID[*] mode vector file FILE` writes for a
`compute ID group layer/excess ...` (columns: row, position, N, N per type..., solute fraction,
excess per area), takes the last time step in it, prints the table, and draws the solute
fraction and the per-plane excess against the plane position.

Example:
  /usr/bin/python3 analysis/plot_layer_excess.py out/flagship/layer_excess.dat \\
      --solute Mg --host Li --output profile.png
"""
import argparse
import sys

import numpy as np


def read_last_block(path):
    """Returns (step, rows) of the last block of a fix ave/time vector-mode file."""
    try:
        with open(path) as f:
            lines = [ln.split() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    except OSError as e:
        sys.exit(f"plot_layer_excess: cannot read {path}: {e.strerror}")
    blocks, i = [], 0
    while i < len(lines):
        head = lines[i]
        if len(head) != 2:
            sys.exit(f"plot_layer_excess: {path}: expected a 'step rows' line, got '{' '.join(head)}'")
        step, nrows = int(head[0]), int(head[1])
        rows = lines[i + 1:i + 1 + nrows]
        if len(rows) != nrows:
            sys.exit(f"plot_layer_excess: {path}: block at step {step} has {len(rows)} of {nrows} rows")
        blocks.append((step, np.array(rows, dtype=float)))
        i += 1 + nrows
    if not blocks:
        sys.exit(f"plot_layer_excess: {path}: no data blocks")
    step, table = blocks[-1]
    if table.shape[1] < 6:
        sys.exit(f"plot_layer_excess: {path}: {table.shape[1]} columns, a layer/excess table has at least 6")
    return step, table


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("table", help="fix ave/time vector-mode file of compute layer/excess")
    p.add_argument("--solute", default="solute", help="name of the solute type for labels (default: solute)")
    p.add_argument("--host", default="host", help="name of the host for labels (default: host)")
    p.add_argument("--output", help="PNG file to write (default: no plot, table only)")
    args = p.parse_args()

    step, t = read_last_block(args.table)
    ntypes = t.shape[1] - 5
    pos, n, frac, excess = t[:, 1], t[:, 2], t[:, 3 + ntypes], t[:, 4 + ntypes]
    print(f"layer/excess at step {step}: {len(pos)} planes, {ntypes} atom types")
    print(f"{'plane':>5} {'z (A)':>10} {'atoms':>6} {'X_' + args.solute:>10} {'excess (1/A^2)':>15}")
    for k in range(len(pos)):
        print(f"{k + 1:5d} {pos[k]:10.4f} {int(n[k]):6d} {frac[k]:10.5f} {excess[k]:15.7f}")

    if args.output:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, (ax1, ax2) = plt.subplots(2, 1, sharex=True, figsize=(6.4, 5.6))
        ax1.plot(pos, frac, "o-", color="tab:blue")
        ax1.set_ylabel(f"$X_{{\\mathrm{{{args.solute}}}}}$ per plane")
        ax1.set_title(f"{args.solute} in {args.host}: plane composition (step {step})")
        ax2.bar(pos, excess * 100.0, width=0.6 * np.min(np.diff(pos)) if len(pos) > 1 else 0.5,
                color="tab:orange")
        ax2.axhline(0.0, color="k", lw=0.8)
        ax2.set_ylabel("excess per plane (1/nm$^2$)")
        ax2.set_xlabel("plane position along the normal (Å)")
        fig.tight_layout()
        fig.savefig(args.output, dpi=120)
        print(f"plot written to {args.output}")


if __name__ == "__main__":
    main()
