#!/usr/bin/python3
"""Diffusion coefficient from LAMMPS mean-squared displacements (compute msd).

Reads one or more files written by
    compute msd_id group msd
    fix ID all ave/time N 1 N c_msd_id[*] file msd.dat
i.e. '#' comment lines, then rows 'step msd_x msd_y msd_z msd_total' (Å^2 in metal units).
An optional comment line 'timestep_ps = 0.002' (or 'timestep_ps 0.002') in a file sets the
time step; --timestep-ps overrides it; otherwise 0.001 ps (metal units' default).

Fits MSD(t) = 2 d D t + c over a time window (default: the second half of the run, where the
ballistic start is over) and prints, per file, D in Å^2/ps and cm^2/s with the standard error of
the slope from the fit residuals. d = 3 uses the total column; --dims 2 the in-plane sum x + y
(surface diffusion; --components picks other axes); --dims 1 one axis (default z).

CAUTION: successive MSD points of one trajectory are strongly correlated (each contains the
displacements of all earlier steps), so the least-squares error of one fit understates the
true statistical error, often by a large factor. Give several independent files (different
runs, seeds or groups of atoms): the script then also prints the mean of their D values with
the standard error of that mean (block average), an honest error if the files are independent,
and fits the averaged MSD curve.

Writes a PNG (default: next to the first input, FILE_msd.png): MSD against t with the fits.

Example:
  /usr/bin/python3 analysis/plot_msd.py run1/msd.dat run2/msd.dat --dims 2 --fit-start-ps 10
"""
import argparse
import math
import re

import numpy as np

import anodekmc_io as io

PROG = "plot_msd.py"
AXES = "xyz"
TIMESTEP_HEADER = re.compile(r"timestep_ps\s*[=:]?\s*([0-9.eE+-]+)")


def read_msd(path, timestep_ps):
    """Returns (t_ps, 4-column MSD array x, y, z, total, timestep used)."""
    comments, _, data = io.read_whitespace_table(path, min_columns=5)
    if data.shape[1] != 5:
        raise io.InputError(path, None, f"{data.shape[1]} columns; compute msd via fix ave/time gives 5 "
                                        "(step msd_x msd_y msd_z msd_total)")
    if timestep_ps is None:
        timestep_ps = 0.001
        for c in comments:
            m = TIMESTEP_HEADER.search(c)
            if m:
                try:
                    timestep_ps = float(m.group(1))
                except ValueError:
                    raise io.InputError(path, None, f"bad timestep_ps in the header: '{c}'") from None
    steps = data[:, 0]
    if np.any(np.diff(steps) <= 0):
        raise io.InputError(path, None, "steps are not increasing")
    if np.any(data[:, 1:] < 0):
        raise io.InputError(path, None, "negative mean-squared displacement")
    return (steps - steps[0]) * timestep_ps, data[:, 1:], timestep_ps


def msd_for(components, msd):
    if components == "xyz":
        return msd[:, 3]  # the total column, as LAMMPS writes it
    return sum(msd[:, AXES.index(c)] for c in components)


def fit_window(path, t, start, end):
    lo = t[-1] / 2 if start is None else start
    hi = t[-1] if end is None else end
    mask = (t >= lo) & (t <= hi)
    if mask.sum() < 3:
        raise io.InputError(path, None, f"only {mask.sum()} points in the fit window {lo:g}..{hi:g} ps (need 3)")
    return mask


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", help="fix ave/time files of compute msd (several: independent blocks)")
    p.add_argument("--dims", type=int, choices=(1, 2, 3), default=3,
                   help="dimensionality d of D = slope/(2d): 3 total (default), 2 in-plane, 1 one axis")
    p.add_argument("--components", help="axes summed, e.g. xy (default: xyz for --dims 3, xy for 2, z for 1)")
    p.add_argument("--timestep-ps", type=float, help="MD time step in ps (default: file header, else 0.001)")
    p.add_argument("--fit-start-ps", type=float, help="start of the fit window in ps (default: half the run)")
    p.add_argument("--fit-end-ps", type=float, help="end of the fit window in ps (default: the end)")
    p.add_argument("--output", help="PNG to write (default: FIRST_FILE_msd.png)")
    args = p.parse_args()
    components = args.components or {3: "xyz", 2: "xy", 1: "z"}[args.dims]
    if len(components) != args.dims or any(c not in AXES for c in components) or len(set(components)) != len(components):
        p.error(f"--components '{components}' must name {args.dims} distinct axes of x, y, z")
    if args.timestep_ps is not None and not args.timestep_ps > 0:
        p.error("--timestep-ps must be > 0")

    def work():
        d = args.dims
        print(f"D = slope / (2 d), d = {d}, components {components}; errors: slope standard error from "
              "the fit residuals (understates the true error: MSD points are correlated)")
        curves, results = [], []
        for path in args.files:
            t, msd, dt = read_msd(path, args.timestep_ps)
            y = msd_for(components, msd)
            mask = fit_window(path, t, args.fit_start_ps, args.fit_end_ps)
            fit = io.linear_fit(t[mask], y[mask])
            D, D_se = fit["slope"] / (2 * d), fit["slope_se"] / (2 * d)
            results.append(D)
            curves.append((path, t, y, mask, fit))
            print(f"{path}: timestep {dt:g} ps, fit {t[mask][0]:g}..{t[mask][-1]:g} ps ({mask.sum()} points): "
                  f"D = {D:.6g} +- {D_se:.2g} A^2/ps = {D * io.CM2_PER_S_PER_A2_PER_PS:.6g} +- "
                  f"{D_se * io.CM2_PER_S_PER_A2_PER_PS:.2g} cm^2/s")
        mean_fit = None
        if len(args.files) > 1:
            values = np.array(results)
            mean, sem = values.mean(), values.std(ddof=1) / math.sqrt(len(values))
            print(f"block average over {len(values)} files: D = {mean:.6g} +- {sem:.2g} A^2/ps "
                  f"(standard error of the mean) = {mean * io.CM2_PER_S_PER_A2_PER_PS:.6g} +- "
                  f"{sem * io.CM2_PER_S_PER_A2_PER_PS:.2g} cm^2/s")
            t0 = curves[0][1]
            if all(len(c[1]) == len(t0) and np.allclose(c[1], t0) for c in curves):
                y_mean = np.mean([c[2] for c in curves], axis=0)
                mask = fit_window(args.files[0], t0, args.fit_start_ps, args.fit_end_ps)
                mean_fit = (t0, y_mean, mask, io.linear_fit(t0[mask], y_mean[mask]))
                print(f"fit of the averaged MSD: D = {mean_fit[3]['slope'] / (2 * d):.6g} A^2/ps")
            else:
                print("the files have different time grids: no averaged curve")

        plt = io.pyplot()
        fig, ax = plt.subplots(figsize=(6.4, 4.6))
        for path, t, y, mask, fit in curves:
            line, = ax.plot(t, y, lw=1, alpha=0.8, label=path if len(curves) <= 6 else None)
            ax.plot(t[mask], fit["intercept"] + fit["slope"] * t[mask], "--", color=line.get_color(), lw=1.5)
        if mean_fit:
            t0, y_mean, mask, fit = mean_fit
            ax.plot(t0, y_mean, "k-", lw=2, label="mean")
            ax.plot(t0[mask], fit["intercept"] + fit["slope"] * t0[mask], "r--", lw=2,
                    label=f"fit: D = {fit['slope'] / (2 * d):.4g} Å²/ps")
        ax.set_xlabel("t (ps)")
        ax.set_ylabel(f"MSD ({components}) (Å²)")
        ax.set_title(f"MSD and linear fits (d = {d}); dashed: fit window")
        ax.legend(fontsize=7)
        fig.tight_layout()
        io.save(fig, args.output or io.default_output(args.files[0], "msd"))

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
