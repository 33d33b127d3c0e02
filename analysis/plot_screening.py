#!/usr/bin/python3
"""Screening chart of dopants: scores and a normalized descriptor heat map.

Reads a CSV (the layout `anodekmc screen` writes as screening.csv, docs/cli_screen.md; SCIENCE.md §7),
'#' comment lines allowed, one row per dopant:
    dopant,score,rank,<descriptor>,<descriptor>,...
  dopant      element symbol (unique)
  score       the ranking score, higher is better
  rank        1 = best: ranks 1..n follow the scores (ties may share order)
  descriptors one column each, units in the name (E_seg_surface_eV, E_sol_bulk_eV,
              excess_per_site, E_ads_Li_eV, E_hop_Li_eV, D_surf_m2_per_s,
              island_density_per_nm2, ...); numbers, or empty for a descriptor not computed;
              a column with text (e.g. complexion) is printed but not drawn.
Example row:  In,0.72,2,-0.21,0.35,0.80,-0.05,0.12,3.1e-10,0.02,monolayer

Normalization for the heat map: per descriptor, (v - min)/(max - min) over the dopants; a
descriptor whose positive values span more than two decades (diffusivities, densities) is
normalized in log10 (said in the output and in the column label). Missing values stay grey.

Prints the ranked table with the normalized descriptors; writes a PNG (default: next to the
input, FILE_screening.png): horizontal bars of the scores (best at the top) and the heat map
annotated with the raw values.

Example:
  /usr/bin/python3 analysis/plot_screening.py screening.csv --output screening.png
"""
import argparse
import math

import numpy as np

import anodekmc_io as io

PROG = "plot_screening.py"


def read_screening(path):
    table = io.CsvTable(path)
    if table.header[:3] != ["dopant", "score", "rank"]:
        raise io.InputError(path, None, f"the first columns must be dopant,score,rank; got {','.join(table.header[:3])}")
    dopants = table.strings("dopant")
    seen = set()
    for name, line in zip(dopants, table.line_numbers):
        if not name or name in seen:
            raise io.InputError(path, line, f"dopant '{name}' is empty or repeated")
        seen.add(name)
    score = table.floats("score")
    rank = table.floats("rank")
    n = len(dopants)
    if sorted(rank.tolist()) != list(range(1, n + 1)):
        raise io.InputError(path, None, f"rank must hold 1..{n} once each")
    order = np.argsort(rank)
    for a, b in zip(order[:-1], order[1:]):
        if score[b] > score[a]:
            raise io.InputError(path, table.line_numbers[b], f"rank {int(rank[b])} ({dopants[b]}) has a higher score "
                                                             f"than rank {int(rank[a])} ({dopants[a]})")
    numeric, text = {}, {}
    for name in table.header[3:]:
        cells = table.strings(name)
        values = []
        for cell, line in zip(cells, table.line_numbers):
            if cell == "":
                values.append(float("nan"))
                continue
            try:
                v = float(cell)
            except ValueError:
                values = None
                break
            if not math.isfinite(v):
                raise io.InputError(path, line, f"column {name}: '{cell}' is not a finite number")
            values.append(v)
        if values is None:
            text[name] = cells
        else:
            numeric[name] = np.array(values)
    if not numeric:
        raise io.InputError(path, None, "no numeric descriptor columns after dopant,score,rank")
    return dopants, score, rank.astype(int), numeric, text


def normalize(values):
    """(normalized values, True if log10 was used)."""
    finite = values[np.isfinite(values)]
    use_log = len(finite) > 1 and bool(np.all(finite > 0)) and finite.max() / finite.min() > 100.0
    v = np.log10(values) if use_log else values.copy()
    lo, hi = np.nanmin(v), np.nanmax(v)
    if not hi > lo:
        return np.where(np.isfinite(v), 0.5, np.nan), use_log  # all equal: the middle of the scale
    return (v - lo) / (hi - lo), use_log


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("table", help="screening CSV: dopant,score,rank,descriptors...")
    p.add_argument("--title", default="dopant screening", help="figure title")
    p.add_argument("--output", help="PNG to write (default: TABLE_screening.png)")
    args = p.parse_args()

    def work():
        dopants, score, rank, numeric, text = read_screening(args.table)
        names = list(numeric)
        norm, logs = [], []
        for name in names:
            v, use_log = normalize(numeric[name])
            norm.append(v)
            logs.append(use_log)
        norm = np.array(norm).T  # dopants x descriptors
        order = np.argsort(rank)
        print(f"{len(dopants)} dopants, {len(names)} descriptors"
              + (f" (log10-normalized: {', '.join(n for n, l in zip(names, logs) if l)})" if any(logs) else "")
              + (f"; text columns: {', '.join(text)}" if text else ""))
        print("normalized descriptors: (v - min)/(max - min) over the dopants")
        print(f"{'rank':>4} {'dopant':>6} {'score':>8} " + " ".join(f"{n:>{max(8, len(n))}}" for n in names)
              + "".join(f" {t}" for t in text))
        for k in order:
            cells = " ".join(f"{norm[k, j]:>{max(8, len(n))}.3f}" for j, n in enumerate(names))
            print(f"{rank[k]:4d} {dopants[k]:>6} {score[k]:8.4g} {cells}" + "".join(f" {text[t][k]}" for t in text))
        print(f"best: {dopants[order[0]]} (score {score[order[0]]:.4g})")

        plt = io.pyplot()
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(4 + 1.1 * len(names) + 4, 0.45 * len(dopants) + 2.2),
                                       gridspec_kw=dict(width_ratios=[1, max(1.5, 0.45 * len(names))]))
        y = np.arange(len(dopants))
        ax1.barh(y, score[order], color="tab:blue")
        ax1.set_yticks(y)
        ax1.set_yticklabels([f"{rank[k]}. {dopants[k]}" for k in order])
        ax1.invert_yaxis()
        ax1.set_xlabel("score (higher is better)")
        ax1.set_title("ranking")
        shown = np.ma.masked_invalid(norm[order])
        cmap = plt.get_cmap("viridis").copy()
        cmap.set_bad("lightgray")
        image = ax2.imshow(shown, aspect="auto", cmap=cmap, vmin=0, vmax=1)
        for i, k in enumerate(order):
            for j, name in enumerate(names):
                raw = numeric[name][k]
                if math.isfinite(raw):
                    ax2.text(j, i, f"{raw:.3g}", ha="center", va="center", fontsize=7,
                             color="white" if norm[k, j] < 0.5 else "black")
        ax2.set_xticks(range(len(names)))
        ax2.set_xticklabels([n + (" (log)" if l else "") for n, l in zip(names, logs)], rotation=40, ha="right",
                            fontsize=8)
        ax2.set_yticks(y)
        ax2.set_yticklabels([dopants[k] for k in order])
        ax2.set_title("descriptors (colour: normalized, text: value)")
        fig.colorbar(image, ax=ax2, label="(v − min)/(max − min)")
        fig.suptitle(args.title)
        fig.tight_layout()
        io.save(fig, args.output or io.default_output(args.table, "screening"))

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
