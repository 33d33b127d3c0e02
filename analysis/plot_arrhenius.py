#!/usr/bin/python3
"""Arrhenius fit ln D = ln D0 - Ea / (k_B T) of diffusivities against temperature.

Reads one or more CSV files with a header row ('#' lines are comments), one row per
temperature:
    T_K,D_cm2_per_s[,D_err_cm2_per_s]
Column names are found automatically (temperature: T_K or temperature_K; D: the first column
named D or D_<unit>, else tracer_D_m2_per_s; error: D_err..., or the D column with _stderr_ after
'D', e.g. tracer_D_stderr_m2_per_s) or given with --T-column, --D-column, --err-column. D0 is in
the units of the D column. The long CSV of a lookup table (`anodekmc table build`, table.csv,
docs/lookup_table.md) is read the same way: pick rows with --select COLUMN=VALUE (numbers
compare as numbers) and fit each group of --group-by columns separately, e.g.
    --D-column collective_D_m2_per_s --select system=LiIn --group-by solute_fraction

Fit: least squares of ln D against 1/T. With errors (all > 0) the fit is weighted, weights
1/sigma^2 with sigma = D_err / D, and the standard errors come from the inverse normal matrix
(errors taken as absolute; the reduced chi^2 says whether they were right); without errors
(or with any error <= 0) it is unweighted and the standard errors come from the residual
scatter. This is the fit of `anodekmc table build` (docs/cli_table.md), so it reproduces the
table's arrhenius.csv.

Prints Ea (eV) +- standard error, D0 and ln D0 +- standard error per series; writes a PNG
(default: next to the first input, FILE_arrhenius.png) of ln D against 1000/T with the fits.

Example:
  /usr/bin/python3 analysis/plot_arrhenius.py D_vs_T.csv --output arrhenius.png
"""
import argparse
import math
import os

import numpy as np

import anodekmc_io as io

PROG = "plot_arrhenius.py"


def find_columns(table, t_name, d_name, err_name, no_errors):
    header = table.header
    if t_name is None:
        t_name = next((h for h in ("T_K", "temperature_K") if h in header), None)
        if t_name is None:
            raise io.InputError(table.path, None, "no temperature column (T_K or temperature_K; or give --T-column)")
    if d_name is None:
        d_name = next((h for h in header if h == "D" or (h.startswith("D_") and not h.startswith("D_err"))), None)
        d_name = d_name or ("tracer_D_m2_per_s" if "tracer_D_m2_per_s" in header else None)
        if d_name is None:
            raise io.InputError(table.path, None, "no D column (D or D_<unit>; or give --D-column)")
    if no_errors:
        err_name = None
    elif err_name is None:
        candidates = [h for h in header if h.startswith("D_err")]
        if "_D_" in d_name or d_name.startswith("D_"):
            # tracer_D_m2_per_s -> tracer_D_stderr_m2_per_s (the lookup table's naming)
            candidates.append(d_name.replace("D_", "D_stderr_", 1))
        candidates.append(d_name + "_err")
        err_name = next((c for c in candidates if c in header), None)
    table.require(t_name, d_name, *([err_name] if err_name else []))
    return t_name, d_name, err_name


def short(cell):
    """A table cell for a label: 0.050000000000000003 -> 0.05 (17-digit numbers of table.csv)."""
    try:
        return f"{float(cell):.12g}"
    except ValueError:
        return cell


def matches(cell, wanted):
    try:
        a, b = float(cell), float(wanted)
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)
    except ValueError:
        return cell == wanted


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", help="CSV files of T and D (one series each, or split with --group-by)")
    p.add_argument("--label", action="append", help="legend label per file (repeat; default: file name)")
    p.add_argument("--T-column", help="temperature column in K (default: T_K or temperature_K)")
    p.add_argument("--D-column", help="diffusivity column (default: D or D_<unit>, else tracer_D_m2_per_s)")
    p.add_argument("--err-column", help="standard-error column of D (default: found from the D column name)")
    p.add_argument("--no-errors", action="store_true", help="ignore error columns: unweighted fit")
    p.add_argument("--select", action="append", default=[], metavar="COLUMN=VALUE",
                   help="keep only rows with this value (repeat for several columns)")
    p.add_argument("--group-by", help="comma-separated columns: one fit per distinct combination")
    p.add_argument("--output", help="PNG to write (default: FIRST_FILE_arrhenius.png)")
    args = p.parse_args()
    if args.label and len(args.label) != len(args.files):
        p.error(f"{len(args.label)} --label for {len(args.files)} files")
    selects = []
    for s in args.select:
        if "=" not in s:
            p.error(f"--select '{s}': expected COLUMN=VALUE")
        selects.append(tuple(part.strip() for part in s.split("=", 1)))
    groups = [g.strip() for g in args.group_by.split(",")] if args.group_by else []

    def work():
        series = []
        for k, path in enumerate(args.files):
            table = io.CsvTable(path)
            for column, value in selects:
                table.require(column)
                table = table.subset([matches(c, value) for c in table.strings(column)])
                if not table.rows:
                    raise io.InputError(path, None, f"no rows left after --select {column}={value}")
            t_name, d_name, err_name = find_columns(table, args.T_column, args.D_column, args.err_column,
                                                    args.no_errors)
            base = args.label[k] if args.label else os.path.basename(path)
            keys = list(zip(*[table.strings(g) for g in groups])) if groups else [()] * len(table.rows)
            for key in dict.fromkeys(keys):
                part = table.subset([kk == key for kk in keys])
                label = base + ("" if not groups else " " + ", ".join(f"{g}={short(v)}" for g, v in zip(groups, key)))
                T, D = part.floats(t_name), part.floats(d_name)
                err = part.floats(err_name) if err_name else None
                for name, values in (("temperature", T), ("D", D)):
                    bad = np.nonzero(values <= 0)[0]
                    if len(bad):
                        raise io.InputError(path, part.line_numbers[bad[0]], f"{name} must be > 0 for an Arrhenius fit")
                if len(T) < 3:
                    raise io.InputError(path, None, f"{label}: {len(T)} temperatures, a fit with errors needs 3")
                if len(np.unique(T)) < len(T):
                    # a lookup table holds several facets/complexions/compositions per T
                    print(f"warning: {label}: repeated temperatures; rows of different conditions mixed? "
                          "(use --select or --group-by)")
                series.append((label, T, D, err, d_name))
        print("Arrhenius fit ln D = ln D0 - Ea/(k_B T); +- : standard errors")
        fits = []
        for label, T, D, err, d_name in series:
            weighted = err is not None and bool(np.all(err > 0))
            sigma = err / D if weighted else None
            try:
                fit = io.linear_fit(1.0 / T, np.log(D), sigma)
            except ValueError as error:
                raise io.InputError(args.files[0], None, f"{label}: {error}") from None
            ea, ea_se = -fit["slope"] * io.BOLTZMANN_EV_PER_K, fit["slope_se"] * io.BOLTZMANN_EV_PER_K
            ln_d0, ln_d0_se = fit["intercept"], fit["intercept_se"]
            fits.append((label, T, D, sigma, fit))
            unit = d_name.split("D_", 1)[1] if "D_" in d_name else "units of D"
            print(f"{label}: {len(T)} points, T = {T.min():g}..{T.max():g} K, "
                  f"{'weighted' if weighted else 'unweighted'}: Ea = {ea:.8g} +- {ea_se:.3g} eV, "
                  f"ln D0 = {ln_d0:.8g} +- {ln_d0_se:.3g}, D0 = {math.exp(ln_d0):.6g} {unit} "
                  f"(x/ {math.exp(ln_d0_se):.3g}), reduced chi2 = {fit['reduced_chi2']:.3g}")

        plt = io.pyplot()
        many = len(fits) > 3
        fig, ax = plt.subplots(figsize=(11 if many else 6.4, 4.8))
        for label, T, D, sigma, fit in fits:
            x = 1000.0 / T
            ea = -fit["slope"] * io.BOLTZMANN_EV_PER_K
            bars = ax.errorbar(x, np.log(D), yerr=sigma, fmt="o", ms=4, capsize=2, label=f"{label}: Ea = {ea:.3f} eV")
            grid = np.linspace(x.min(), x.max(), 50)
            ax.plot(grid, fit["intercept"] + fit["slope"] * grid / 1000.0, "-", color=bars[0].get_color())
        ax.set_xlabel("1000 / T (1/K)")
        ax.set_ylabel(f"ln D ({series[0][4]})")
        ax.set_title("Arrhenius fits (lines)")
        if many:  # beside the axes: a long legend would hide the data
            ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.02, 0.5))
        else:
            ax.legend(fontsize=7)
        fig.tight_layout()
        io.save(fig, args.output or io.default_output(args.files[0], "arrhenius"))

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
