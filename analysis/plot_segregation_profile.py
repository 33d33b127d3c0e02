#!/usr/bin/python3
"""Solute fraction per atomic plane of a slab, the bulk level, and the excess per surface.

Reads a LAMMPS `fix ave/time ... c_ID[*] mode vector file FILE` output of
`compute ID group layer/excess ...` (docs/compute_layer_excess.md): '#' comments, then blocks
of a 'step nrows' line and nrows rows
    plane z N N_type1 ... N_typeK X_solute excess
(z in Å, excess Gamma_l in 1/Å^2). With `ave running` (inputs/sgcmc_LiIn100_slab/in.sgcmc,
sgcmc_profile.dat) each block is the running average up to its step, so the last block, the
one used, is the production average.

Bulk level x_b and cross-section A:
  - with --bulk-layers FIRST LAST (1-based plane indices, as in the compute's `bulk layers`):
    x_b = sum N_solute / sum N over those planes; excess of the lower surface = sum of Gamma_l
    over the planes below FIRST, upper = over the planes above LAST (the compute's definition);
  - without: the compute's relation Gamma_l = (N_solute,l - x_b N_l) / A holds at every plane,
    so x_b and A follow from a least-squares fit over all planes (exact for one snapshot,
    nearly so for averages); the lower and upper excesses are then the sums over the lower and
    upper halves of the slab (the bulk planes in the middle sum to about zero).
The excess is printed in 1/Å^2, 1/nm^2 and per surface site (Gamma A / mean atoms per bulk plane).

--states DIR/states.csv (from `anodekmc segregate map`) overlays the lattice model's layer
fractions X_depth0, X_depth1, ... (depth 0 = surface plane) of the row with --method/--branch
closest to --temperature and --delta-mu, placed on the planes counted from each surface.

Writes a PNG (default: next to the input, FILE_profile.png).

Example:
  /usr/bin/python3 analysis/plot_segregation_profile.py sgcmc_profile.dat --bulk-layers 8 13 \\
      --solute In --host Li
"""
import argparse
import os

import numpy as np

import anodekmc_io as io

PROG = "plot_segregation_profile.py"


def read_profile(path, solute_type):
    blocks = io.read_vector_blocks(path, min_columns=6)
    step, table, _ = blocks[-1]
    ntypes = table.shape[1] - 5
    if not 1 <= solute_type <= ntypes:
        raise io.InputError(path, None, f"--solute-type {solute_type}: the file has {ntypes} atom types "
                                        f"({table.shape[1]} columns)")
    planes = dict(z=table[:, 1], n=table[:, 2], n_solute=table[:, 2 + solute_type],
                  x=table[:, 3 + ntypes], excess=table[:, 4 + ntypes])
    if np.any(planes["n"] < 0) or np.any((planes["x"] < 0) | (planes["x"] > 1)):
        raise io.InputError(path, None, f"block at step {step}: negative atom count or fraction outside 0..1")
    return step, len(blocks), ntypes, planes


def fit_bulk_and_area(path, planes):
    """Least squares of Gamma_l = c1 N_s,l + c2 N_l: A = 1/c1, x_b = -c2/c1."""
    design = np.column_stack([planes["n_solute"], planes["n"]])
    coef, *_ = np.linalg.lstsq(design, planes["excess"], rcond=None)
    if not coef[0] > 0:
        raise io.InputError(path, None, "cannot infer the bulk fraction from the excess column "
                                        "(no plane differs from the bulk); give --bulk-layers")
    rms = float(np.sqrt(np.mean((design @ coef - planes["excess"]) ** 2)))
    return -coef[1] / coef[0], 1.0 / coef[0], rms


def pick_state(path, temperature, delta_mu, method, branch):
    table = io.CsvTable(path)
    table.require("method", "branch", "temperature_K", "delta_mu_eV", "x_bulk", "excess_per_site", "label")
    keep = [m == method and b == branch for m, b in zip(table.strings("method"), table.strings("branch"))]
    table = table.subset(keep)
    if not table.rows:
        raise io.InputError(path, None, f"no rows with method {method} and branch {branch}")
    t, mu = table.floats("temperature_K"), table.floats("delta_mu_eV")
    k = int(np.argmin(np.abs(t - temperature) * 1e3 + np.abs(mu - delta_mu)))  # T first, then dmu
    depths = []
    while table.has(f"X_depth{len(depths)}") and table.rows[k][table.header.index(f"X_depth{len(depths)}")] != "":
        depths.append(float(table.rows[k][table.header.index(f"X_depth{len(depths)}")]))
    if not depths:
        raise io.InputError(path, table.line_numbers[k], "no X_depth columns in this row")
    row = {h: table.rows[k][table.header.index(h)] for h in ("temperature_K", "delta_mu_eV", "x_bulk",
                                                               "excess_per_site", "label")}
    return row, np.array(depths), table.line_numbers[k]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("profile", help="fix ave/time vector-mode file of compute layer/excess")
    p.add_argument("--solute-type", type=int, default=2, help="LAMMPS type of the solute (default 2)")
    p.add_argument("--bulk-layers", type=int, nargs=2, metavar=("FIRST", "LAST"),
                   help="1-based bulk plane range (default: infer x_b from the excess column)")
    p.add_argument("--solute", default="solute", help="solute name for labels")
    p.add_argument("--host", default="host", help="host name for labels")
    p.add_argument("--states", help="states.csv of anodekmc segregate map to overlay")
    p.add_argument("--temperature", type=float, help="T (K) of the states.csv row")
    p.add_argument("--delta-mu", type=float, help="delta mu (eV) of the states.csv row")
    p.add_argument("--method", default="mc", help="states.csv method (default mc)")
    p.add_argument("--branch", default="up", help="states.csv branch (default up)")
    p.add_argument("--output", help="PNG to write (default: PROFILE_profile.png)")
    args = p.parse_args()
    if args.states and (args.temperature is None or args.delta_mu is None):
        p.error("--states needs --temperature and --delta-mu")

    def work():
        step, nblocks, ntypes, planes = read_profile(args.profile, args.solute_type)
        n = len(planes["z"])
        x_fit, area, rms = fit_bulk_and_area(args.profile, planes)
        print(f"{args.profile}: block {nblocks} of {nblocks} (step {step}), {n} planes, {ntypes} atom types")
        print(f"fit Gamma_l = (N_solute,l - x_b N_l)/A over all planes: x_b = {x_fit:.6g}, A = {area:.6g} A^2, "
              f"rms residual {rms:.3g} 1/A^2")
        if args.bulk_layers:
            first, last = args.bulk_layers
            if not 1 <= first <= last <= n:
                raise io.InputError(args.profile, None, f"--bulk-layers {first} {last}: the file has {n} planes")
            bulk = slice(first - 1, last)
            x_b = planes["n_solute"][bulk].sum() / planes["n"][bulk].sum()
            lower, upper = slice(0, first - 1), slice(last, n)
            print(f"bulk planes {first}..{last}: x_b = {x_b:.6g}")
        else:
            x_b = x_fit
            bulk = slice(n // 2 - max(1, n // 6), n // 2 + max(1, n // 6))
            lower, upper = slice(0, n // 2), slice((n + 1) // 2, n)
            print("bulk from the fit; surfaces = lower and upper halves of the slab")
        atoms_per_plane = planes["n"][bulk].mean()
        print(f"{'plane':>5} {'z (A)':>9} {'atoms':>8} {'X_' + args.solute:>10} {'excess (1/A^2)':>15}")
        for k in range(n):
            print(f"{k + 1:5d} {planes['z'][k]:9.4f} {planes['n'][k]:8.6g} {planes['x'][k]:10.5f} "
                  f"{planes['excess'][k]:15.7g}")
        for name, part in (("lower", lower), ("upper", upper)):
            g = planes["excess"][part].sum()
            print(f"excess {name} surface: {g:.6g} 1/A^2 = {g * 100:.6g} 1/nm^2 = {g * area / atoms_per_plane:.6g} "
                  f"per surface site")

        plt = io.pyplot()
        fig, ax = plt.subplots(figsize=(7, 4.5))
        ax.plot(planes["z"], planes["x"], "o-", label=f"LAMMPS planes (step {step})")
        ax.axhline(x_b, color="k", ls="--", lw=1, label=f"bulk x_b = {x_b:.4g}")
        if args.states:
            row, depths, line = pick_state(args.states, args.temperature, args.delta_mu, args.method, args.branch)
            print(f"{args.states}:{line}: {args.method} {args.branch} T = {row['temperature_K']} K, "
                  f"dmu = {row['delta_mu_eV']} eV, x_bulk = {row['x_bulk']}, excess {row['excess_per_site']} "
                  f"per site, {row['label']}; X by depth: {' '.join(f'{v:.4g}' for v in depths)}")
            m = min(len(depths), n // 2)
            z = np.concatenate([planes["z"][:m], planes["z"][::-1][:m]])
            ax.plot(z, np.concatenate([depths[:m], depths[:m]]), "s", mfc="none", color="tab:red",
                    label=f"lattice model {args.method} {args.branch}, {row['temperature_K']} K, "
                          f"Δμ = {row['delta_mu_eV']} eV")
        ax.set_xlabel("plane position along the normal (Å)")
        ax.set_ylabel(f"X_{args.solute} per plane")
        ax.set_title(f"{args.solute} in {args.host}: plane composition")
        ax.legend(fontsize=7)
        fig.tight_layout()
        io.save(fig, args.output or io.default_output(args.profile, "profile"))

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
