#!/usr/bin/python3
"""Island density against D/F from the first-passage kMC benchmark (bench/bench_first_passage).

Reads the saved standard output of `bench_first_passage scan ...` or `... single ...` (one or
more files). Data rows have 12 columns:
  side sites D/F fp seed islands density wall_s events exits interruptions equivalent_hops
(fp = 1: first-passage acceleration on, 0: plain hops); every other line (the header, the
summary lines) is ignored. D/F is the free-adatom hop rate to one neighbour over the flux F
(ML/s); the runs stop at theta = 0.1 ML (irreversible nucleation, critical size 1).

Prints per D/F and engine: runs, mean island density with its standard error over the seeds,
N (D/F)^(1/3), mean wall time. Fits N ∝ (D/F)^-chi by weighted least squares of ln N against
ln(D/F) over the accelerated runs (weights: the seed spread of ln N, or Poisson 1/sqrt(islands)
for a single seed, whichever is larger) and prints chi with its standard error; irreversible 2-D
nucleation predicts chi = 1/3. Where both engines ran at the same D/F and net size, prints the
wall-time speed-up plain / first passage.

Writes a PNG (default: FIRST_FILE_first_passage.png): density against D/F (seeds and means,
the fit) and wall time against D/F.

Example:
  build/bench/bench_first_passage scan 1000 2 4 10 > scan.txt
  /usr/bin/python3 analysis/plot_first_passage.py scan.txt
"""
import argparse
import math
import os

import numpy as np

import anodekmc_io as io

PROG = "plot_first_passage.py"
COLUMNS = 12


def read_rows(path):
    try:
        with open(path) as handle:
            lines = handle.read().splitlines()
    except OSError as error:
        raise io.InputError(path, None, f"cannot read: {error.strerror}") from None
    rows = []
    for number, text in enumerate(lines, start=1):
        words = text.split()
        if len(words) != COLUMNS or not words[0].lstrip("-").isdigit():
            continue
        try:
            values = [float(w) for w in words]
        except ValueError:
            raise io.InputError(path, number, "a data row with a word that is not a number") from None
        if not all(math.isfinite(v) for v in values):
            raise io.InputError(path, number, "a data row with a value that is not finite")
        side, sites, d_over_f, fp, seed, islands, density, wall_s = values[:8]
        if sites <= 0 or d_over_f <= 0 or fp not in (0.0, 1.0) or islands < 0 or wall_s < 0:
            raise io.InputError(path, number, "bad values (sites and D/F must be > 0, fp 0 or 1, islands and "
                                              "wall_s >= 0)")
        if abs(density - islands / sites) > 1e-4 * max(density, 1e-12) + 1e-9:
            raise io.InputError(path, number, "density differs from islands / sites")
        rows.append(dict(sites=int(sites), d_over_f=d_over_f, fp=int(fp), islands=int(islands), density=density,
                         wall_s=wall_s))
    if not rows:
        raise io.InputError(path, None, f"no data rows ({COLUMNS} numeric columns) from bench_first_passage")
    return rows


def group(rows):
    """(fp, sites, D/F) -> list of rows."""
    groups = {}
    for r in rows:
        groups.setdefault((r["fp"], r["sites"], r["d_over_f"]), []).append(r)
    return groups


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", help="saved output of bench_first_passage")
    p.add_argument("--output", help="PNG to write (default: FIRST_FILE_first_passage.png)")
    args = p.parse_args()

    def work():
        rows = [r for path in args.files for r in read_rows(path)]
        groups = group(rows)
        print(f"{'engine':>13} {'sites':>9} {'D/F':>9} {'runs':>4} {'N per site':>11} {'+-':>9} "
              f"{'N (D/F)^1/3':>11} {'wall_s':>9}")
        summary = []
        for (fp, sites, d_over_f), members in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1])):
            dens = np.array([m["density"] for m in members])
            mean = float(dens.mean())
            err = float(dens.std(ddof=1) / math.sqrt(len(dens))) if len(dens) > 1 else 0.0
            islands = sum(m["islands"] for m in members)
            wall = float(np.mean([m["wall_s"] for m in members]))
            summary.append(dict(fp=fp, sites=sites, d_over_f=d_over_f, runs=len(members), mean=mean, err=err,
                                islands=islands, wall=wall, densities=dens))
            name = "first passage" if fp else "plain"
            print(f"{name:>13} {sites:9d} {d_over_f:9.3g} {len(members):4d} {mean:11.5g} {err:9.2g} "
                  f"{mean * d_over_f ** (1 / 3):11.4f} {wall:9.3g}")

        accelerated = [s for s in summary if s["fp"] == 1 and s["mean"] > 0]
        fit = None
        if len({s["d_over_f"] for s in accelerated}) >= 2:
            x = np.log([s["d_over_f"] for s in accelerated])
            y = np.log([s["mean"] for s in accelerated])
            sigma = [max(s["err"] / s["mean"], 1.0 / math.sqrt(max(s["islands"], 1))) for s in accelerated]
            fit = io.linear_fit(x, y, sigma)
            chi = -fit["slope"]
            print(f"N_isl ∝ (D/F)^-chi over D/F {min(np.exp(x)):.3g} .. {max(np.exp(x)):.3g}: chi = {chi:.4f} +- "
                  f"{fit['slope_se']:.4f} ({len(accelerated)} points, reduced chi2 "
                  f"{fit['reduced_chi2']:.3g}); 1/3 predicted: difference {chi - 1 / 3:+.4f}")
        else:
            print("fewer than two values of D/F with first passage: no exponent fit")
        for s in summary:
            if s["fp"] != 0:
                continue
            match = [a for a in summary if a["fp"] == 1 and a["sites"] == s["sites"] and a["d_over_f"] == s["d_over_f"]]
            if match and match[0]["wall"] > 0:
                print(f"speed-up at D/F {s['d_over_f']:.3g} on {s['sites']} sites: plain {s['wall']:.3g} s / first "
                      f"passage {match[0]['wall']:.3g} s = {s['wall'] / match[0]['wall']:.3g}x")

        plt = io.pyplot()
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
        for fp, marker, name in ((1, "o", "first passage"), (0, "s", "plain")):
            sel = [s for s in summary if s["fp"] == fp]
            if not sel:
                continue
            for s in sel:
                ax1.plot([s["d_over_f"]] * len(s["densities"]), s["densities"], marker, ms=3, alpha=0.4,
                         color="C0" if fp else "C1")
            ax1.errorbar([s["d_over_f"] for s in sel], [s["mean"] for s in sel], yerr=[s["err"] for s in sel],
                         fmt=marker, mfc="none", capsize=2, color="C0" if fp else "C1", label=name)
            ax2.plot([s["d_over_f"] for s in sel], [s["wall"] for s in sel], marker + "-", color="C0" if fp else "C1",
                     label=name)
        if fit:
            xs = np.array([s["d_over_f"] for s in accelerated])
            grid = np.logspace(math.log10(xs.min()), math.log10(xs.max()), 20)
            ax1.plot(grid, np.exp(fit["intercept"]) * grid ** fit["slope"], "-", color="C0",
                     label=f"fit: χ = {-fit['slope']:.3f} ± {fit['slope_se']:.3f}")
        for ax in (ax1, ax2):
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xlabel("D/F")
            ax.legend(fontsize=8)
        ax1.set_ylabel("islands per site (θ = 0.1)")
        ax1.set_title("island density, i = 1, square net")
        ax2.set_ylabel("wall time per run (s)")
        ax2.set_title("wall time")
        fig.tight_layout()
        io.save(fig, args.output or io.default_output(args.files[0], "first_passage"))

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
