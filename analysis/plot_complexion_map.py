#!/usr/bin/env python3
"""Plot a complexion map written by `anodekmc segregate map` (docs/cli_segregate.md).

Reads DIR/states.csv, DIR/diagram.csv and DIR/transitions.csv and draws three panels:
  (a) the Gibbsian excess Gamma against dmu for the MC up and down sweeps at every T
      (hysteresis loops) with the mean-field equilibrium as lines;
  (b) the complexion diagram: T against bulk composition x_b (log axis), one marker per
      stable MC state coloured by its label, first-order transitions as black crosses;
  (c) the surface energy change delta_gamma (J/m^2) against dmu on both MC branches.
Needs only Debian's python3-numpy and python3-matplotlib.
"""
import argparse
import csv
import os
import sys


def read_csv(path):
    """Rows of a CSV whose header follows '#' comment lines, as dicts."""
    with open(path, newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


LABEL_COLOURS = {"clean": "#bbbbbb", "monolayer": "#1f77b4", "bilayer": "#2ca02c", "trilayer": "#ff7f0e",
                 "nanolayer": "#9467bd", "wetting": "#d62728"}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="output folder of anodekmc segregate map")
    parser.add_argument("--output", help="PNG file (default: FOLDER/complexion_map.png)")
    args = parser.parse_args()
    try:
        states = read_csv(os.path.join(args.folder, "states.csv"))
        diagram = read_csv(os.path.join(args.folder, "diagram.csv"))
        transitions = read_csv(os.path.join(args.folder, "transitions.csv"))
    except (OSError, csv.Error) as error:
        sys.exit(f"plot_complexion_map.py: {error}")
    if not states:
        sys.exit(f"plot_complexion_map.py: {args.folder}/states.csv has no rows")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    temperatures = sorted({float(r["temperature_K"]) for r in states})
    colours = plt.cm.viridis(np.linspace(0, 1, len(temperatures)))
    fig, axes = plt.subplots(1, 3, figsize=(16, 5))
    for colour, t in zip(colours, temperatures):
        for method, branch, style in (("mc", "up", "o-"), ("mc", "down", "s--"), ("mf", "equilibrium", ":")):
            rows = [r for r in states if float(r["temperature_K"]) == t and r["method"] == method and r["branch"] == branch]
            rows.sort(key=lambda r: float(r["delta_mu_eV"]))
            mu = [float(r["delta_mu_eV"]) for r in rows]
            kwargs = dict(color=colour, markersize=2.5, linewidth=1)
            label = f"{t:g} K" if branch == "up" else None
            axes[0].plot(mu, [float(r["excess_per_site"]) for r in rows], style, label=label, **kwargs)
            if method == "mc":
                axes[2].plot(mu, [float(r["delta_gamma_J_per_m2"]) for r in rows], style, **kwargs)
    axes[0].set_xlabel("Δμ = μ_M − μ_Li (eV)")
    axes[0].set_ylabel("Γ (excess per surface site)")
    axes[0].set_title("(a) MC up (o) / down (s) sweeps, mean field (dotted)")
    axes[0].legend(fontsize=7)
    seen = set()
    for r in diagram:
        if r["method"] != "mc":
            continue
        # x_b from the bulk regular-solution relation: the MC's own bulk layers cannot resolve
        # very dilute x_b (docs/cli_segregate.md)
        x = max(float(r["x_bulk_regular_solution"]), 1e-30)
        lab = r["label"]
        axes[1].scatter(x, float(r["temperature_K"]), color=LABEL_COLOURS.get(lab, "k"), s=14,
                        label=lab if lab not in seen else None)
        seen.add(lab)
    x_regular = {(r["temperature_K"], r["delta_mu_eV"]): float(r["x_bulk_regular_solution"]) for r in diagram}
    for r in transitions:
        if r["method"] == "mc":
            # x_b at the transition: interpolate log x_b of the diagram's grid linearly in dmu
            rows = sorted((float(k[1]), v) for k, v in x_regular.items() if float(k[0]) == float(r["temperature_K"]))
            mu_star = float(r["delta_mu_eV"])
            x_star = float(np.exp(np.interp(mu_star, [m for m, _ in rows], [np.log(max(v, 1e-300)) for _, v in rows])))
            axes[1].scatter(x_star, float(r["temperature_K"]), marker="x", color="k", s=40,
                            label="first-order transition" if "tr" not in seen else None)
            seen.add("tr")
    axes[1].set_xscale("log")
    axes[1].set_xlabel("bulk composition x_b (site fraction, bulk regular-solution relation)")
    axes[1].set_ylabel("T (K)")
    axes[1].set_title("(b) complexion diagram (stable MC states)")
    axes[1].legend(fontsize=7)
    axes[2].set_xlabel("Δμ (eV)")
    axes[2].set_ylabel("Δγ (J/m²)")
    axes[2].set_title("(c) Gibbs adsorption: Δγ = −∫Γ dΔμ")
    fig.tight_layout()
    output = args.output or os.path.join(args.folder, "complexion_map.png")
    fig.savefig(output, dpi=120)
    print(f"{len(temperatures)} temperatures, {len(diagram)} diagram points, {len(transitions)} transitions; "
          f"plot written to {output}")


if __name__ == "__main__":
    main()
