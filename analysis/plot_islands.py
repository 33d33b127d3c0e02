#!/usr/bin/python3
"""Island densities and size distributions from `anodekmc kmc` runs (Amar–Family scaling).

Reads, from each output folder given (docs/cli_kmc.md):
  FOLDER/island_sizes.csv   final size distribution of first-layer connected components:
                            header 'size_sites,count', one row per size (size 1 = monomers)
  FOLDER/run.json           lattice size (config.lattice.nx, ny), coverage and island count
                            (results), and for D/F: the flux (results.deposition_flux_ml_per_s),
                            temperature, prefactor and free-adatom barrier (config)
D/F is the free-adatom hop rate to one neighbour, h = nu0 exp(-E0 / k_B T), over the flux F
(ML/s), computed from run.json for a pure substrate with the bond-counting model and no catalog;
otherwise give it with --D-over-F (one value per folder). Other conventions (D = h a^2, or
4h) change D/F by a constant factor and leave the exponent unchanged.

Prints per run: D/F, coverage, islands (size >= 2) per site, mean island size <s>. Plots the
scaled size distribution f(u) = n_s <s>^2 / theta against u = s/<s> (n_s: islands of size s per
site, <s> and theta = sum s n_s over islands of size >= 2), which collapses onto one curve for
runs at the same coverage in the scaling regime (Amar, Family and Lam, PRB 50, 8781 (1994)).
With runs at >= 2 values of D/F it fits N ∝ (D/F)^(-chi) by least squares of ln N against
ln(D/F), weights from Poisson counting errors (sigma_lnN = 1/sqrt(islands)), and prints chi with
its standard error (and, with >= 3 runs, the error scaled by the reduced chi^2 when that is > 1).
Irreversible 2-D nucleation (critical nucleus i = 1) gives chi = i/(i+2) = 1/3.

Writes a PNG (default: FIRST_FOLDER/islands.png).

Example:
  /usr/bin/python3 analysis/plot_islands.py out_DF1e4 out_DF1e5 out_DF1e6
"""
import argparse
import json
import math
import os

import numpy as np

import anodekmc_io as io

PROG = "plot_islands.py"


def read_run(folder, d_over_f):
    path = os.path.join(folder, "run.json")
    try:
        with open(path) as handle:
            run = json.load(handle)
    except OSError as error:
        raise io.InputError(path, None, f"cannot read: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise io.InputError(path, error.lineno, f"not valid JSON: {error.msg}") from None
    try:
        config, results = run["config"], run["results"]
        sites = int(config["lattice"]["nx"]) * int(config["lattice"]["ny"])
        coverage = float(results["coverage_ml"])
        islands_reported = int(results["islands"])
    except (KeyError, TypeError, ValueError) as error:
        raise io.InputError(path, None, f"missing or bad entry {error} (not a finished anodekmc kmc run?)") from None
    if d_over_f is None:
        model = config.get("model", {})
        pure = config.get("substrate", {}).get("mode") == "pure" and len(model.get("species", [])) == 1
        if not (pure and model.get("bond_counting") and not model.get("catalog")):
            raise io.InputError(path, None, "D/F is computed only for a pure substrate with bond counting and "
                                            "no catalog; give --D-over-F")
        try:
            barrier = float(model["base_barrier_eV"][0])
            hop_rate = float(model["prefactor_per_s"]) * math.exp(
                -barrier / (io.BOLTZMANN_EV_PER_K * float(config["conditions"]["temperature_K"])))
            flux = float(results["deposition_flux_ml_per_s"])
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise io.InputError(path, None, f"missing or bad entry {error} for D/F; give --D-over-F") from None
        if not flux > 0:
            raise io.InputError(path, None, "no deposition flux: D/F undefined")
        d_over_f = hop_rate / flux
    return sites, coverage, islands_reported, d_over_f


def read_sizes(folder):
    table = io.CsvTable(os.path.join(folder, "island_sizes.csv"))
    size, count = table.floats("size_sites"), table.floats("count")
    for name, values in (("size_sites", size), ("count", count)):
        bad = np.nonzero((values != np.round(values)) | (values < (1 if name == "size_sites" else 0)))[0]
        if len(bad):
            raise io.InputError(table.path, table.line_numbers[bad[0]], f"{name} must be a non-negative integer"
                                + (" >= 1" if name == "size_sites" else ""))
    return size.astype(int), count.astype(int)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folders", nargs="+", help="output folders of anodekmc kmc")
    p.add_argument("--D-over-F", type=float, nargs="+", help="D/F per folder (default: from run.json)")
    p.add_argument("--output", help="PNG to write (default: FIRST_FOLDER/islands.png)")
    args = p.parse_args()
    if args.D_over_F and len(args.D_over_F) != len(args.folders):
        p.error(f"{len(args.D_over_F)} --D-over-F values for {len(args.folders)} folders")

    def work():
        runs = []
        print(f"{'folder':>24} {'D/F':>10} {'theta (ML)':>10} {'islands':>8} {'N per site':>11} {'<s> (sites)':>11}")
        for k, folder in enumerate(args.folders):
            sites, coverage, reported, d_over_f = read_run(folder, args.D_over_F[k] if args.D_over_F else None)
            size, count = read_sizes(folder)
            isl = size >= 2
            n_islands = int(count[isl].sum())
            if n_islands != reported:
                print(f"warning: {folder}: island_sizes.csv has {n_islands} islands, run.json {reported}")
            if n_islands == 0:
                raise io.InputError(os.path.join(folder, "island_sizes.csv"), None, "no islands (size >= 2)")
            n_s = count[isl] / sites
            mean_size = float((size[isl] * n_s).sum() / n_s.sum())
            theta_isl = float((size[isl] * n_s).sum())
            runs.append(dict(folder=folder, d_over_f=d_over_f, n=n_islands, density=n_islands / sites,
                             size=size[isl], n_s=n_s, mean=mean_size, theta=theta_isl, coverage=coverage))
            print(f"{folder:>24} {d_over_f:10.4g} {coverage:10.4g} {n_islands:8d} {n_islands / sites:11.5g} "
                  f"{mean_size:11.4g}")

        fit = None
        if len({r["d_over_f"] for r in runs}) >= 2:
            x = np.log([r["d_over_f"] for r in runs])
            y = np.log([r["density"] for r in runs])
            sigma = 1.0 / np.sqrt([r["n"] for r in runs])
            fit = io.linear_fit(x, y, sigma)
            chi, chi_se = -fit["slope"], fit["slope_se"]
            line = f"N_isl ∝ (D/F)^-chi: chi = {chi:.4f} +- {chi_se:.4f} (Poisson-weighted fit of {len(runs)} runs"
            if len(runs) >= 3:
                scaled = chi_se * math.sqrt(max(1.0, fit["reduced_chi2"]))
                line += f"; reduced chi2 = {fit['reduced_chi2']:.3g}, error scaled: +- {scaled:.4f}"
            print(line + ")")
            print(f"i = 1 (irreversible) predicts chi = 1/3: difference {chi - 1 / 3:+.4f} = "
                  f"{(chi - 1 / 3) / chi_se:+.2f} standard errors")
        else:
            print("one value of D/F: no exponent fit")

        plt = io.pyplot()
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
        for r in sorted(runs, key=lambda r: r["d_over_f"]):
            u = r["size"] / r["mean"]
            f = r["n_s"] * r["mean"] ** 2 / r["theta"]
            pts = ax1.plot(u, f, "o", ms=3, alpha=0.5, label=f"D/F = {r['d_over_f']:.3g}")
            # bin averages in u (a single run's n_s is noisy): bins of width 0.25 in s/<s>
            edges = np.arange(0.0, u.max() + 0.25, 0.25)
            which = np.digitize(u, edges)
            centres, means = [], []
            for b in np.unique(which):
                lo, hi = edges[b - 1], edges[b] if b < len(edges) else edges[-1] + 0.25
                integers = np.arange(math.ceil(lo * r["mean"]), math.floor(hi * r["mean"] - 1e-9) + 1)
                integers = integers[integers >= 2]
                if len(integers):
                    centres.append((lo + hi) / 2)
                    means.append(f[which == b].sum() / len(integers))
            ax1.plot(centres, means, "-", color=pts[0].get_color())
        ax1.set_xlabel("s / <s>")
        ax1.set_ylabel("n_s <s>² / θ")
        ax1.set_title("scaled island-size distribution (lines: bin averages)")
        ax1.legend(fontsize=7)
        xs = np.array([r["d_over_f"] for r in runs])
        ax2.errorbar(xs, [r["density"] for r in runs], yerr=[r["density"] / math.sqrt(r["n"]) for r in runs],
                     fmt="o", capsize=2)
        if fit:
            grid = np.logspace(math.log10(xs.min()), math.log10(xs.max()), 20)
            ax2.plot(grid, np.exp(fit["intercept"]) * grid ** fit["slope"], "-",
                     label=f"χ = {-fit['slope']:.3f} ± {fit['slope_se']:.3f}")
            ax2.legend()
        ax2.set_xscale("log")
        ax2.set_yscale("log")
        ax2.set_xlabel("D/F")
        ax2.set_ylabel("islands per site")
        ax2.set_title("island density")
        fig.tight_layout()
        io.save(fig, args.output or io.default_output(args.folders[0], "islands"))

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
