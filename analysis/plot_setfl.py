#!/usr/bin/python3
"""The functions of an EAM potential in setfl format (LAMMPS pair_style eam/alloy).

Reads a setfl file, e.g. one written by `anodekmc potential export --elements Li,In -o LiIn.eam.alloy`:
    3 comment lines
    Nelements Element1 Element2 ...
    Nrho drho Nr dr cutoff
    per element: "Z mass a lattice", then Nrho values of F(rho), then Nr values of rho(r)
    per pair i >= j (11, 21, 22, 31, ...): Nr values of r*phi(r)
(values may be spread over lines in any number per line; r and rho grids start at 0).

Prints, per element, the embedding energy at the largest tabulated density and the range of
rho(r); per pair, the minimum of phi(r) and where it lies; with --bcc-a A and --element E, the
energy per atom of a perfect bcc crystal of E with lattice constant A (eV): F(sum of rho over
the neighbour shells) + 1/2 sum of phi, with linear interpolation on the file's grids.

Writes a PNG (default: next to the file, FILE.png): F(rho), rho(r) and phi(r).

Example:
  build/anodekmc potential export --elements Li,In -o LiIn.eam.alloy
  /usr/bin/python3 analysis/plot_setfl.py LiIn.eam.alloy --bcc-a 3.4898 --element Li
"""
import argparse
import itertools
import math

import numpy as np

import anodekmc_io as io

PROG = "plot_setfl.py"


def read_setfl(path):
    lines = io._open_lines(path)
    if len(lines) < 6:
        raise io.InputError(path, None, f"{len(lines)} lines: a setfl file has at least 6")
    header = lines[3].split()
    try:
        nelements = int(header[0])
    except (IndexError, ValueError):
        raise io.InputError(path, 4, "expected 'Nelements Element1 ...'") from None
    elements = header[1:]
    if nelements < 1 or len(elements) != nelements:
        raise io.InputError(path, 4, f"Nelements {nelements} but {len(elements)} element names")
    grid = lines[4].split()
    if len(grid) != 5:
        raise io.InputError(path, 5, "expected 'Nrho drho Nr dr cutoff'")
    try:
        nrho, nr = int(grid[0]), int(grid[2])
        drho, dr, cutoff = float(grid[1]), float(grid[3]), float(grid[4])
    except ValueError:
        raise io.InputError(path, 5, "expected 'Nrho drho Nr dr cutoff' (integers and numbers)") from None
    if nrho < 2 or nr < 2 or not (drho > 0 and dr > 0 and cutoff > 0):
        raise io.InputError(path, 5, "grid sizes must be >= 2 and spacings and cutoff positive")
    # The rest is a stream of numbers with element header lines in between.
    words = []  # (line number, word)
    for number, line in enumerate(lines[5:], start=6):
        words.extend((number, w) for w in line.split())
    position = 0

    def take(count):
        nonlocal position
        if position + count > len(words):
            raise io.InputError(path, None, f"file ends early: {count} more values expected after value {position}")
        chunk = words[position:position + count]
        position += count
        return np.array([io._to_float(path, n, w) for n, w in chunk])

    embedding, density = {}, {}
    for element in elements:
        if position + 4 > len(words):
            raise io.InputError(path, None, f"file ends before the header line of element {element}")
        position += 4  # Z mass a lattice-name: not needed here
        embedding[element] = take(nrho)
        density[element] = take(nr)
    pair = {}
    for i, a in enumerate(elements):
        for b in elements[:i + 1]:
            pair[(a, b)] = take(nr)
    if position != len(words):
        raise io.InputError(path, words[position][0], f"{len(words) - position} values left over after the last pair")
    return {"elements": elements, "rho": np.arange(nrho) * drho, "r": np.arange(nr) * dr, "cutoff": cutoff,
            "F": embedding, "f": density, "rphi": pair}


def phi(pot, a, b, r):
    key = (a, b) if (a, b) in pot["rphi"] else (b, a)
    return np.interp(r, pot["r"], pot["rphi"][key]) / r


def bcc_energy_per_atom(pot, element, a):
    """F(rho) + 1/2 sum phi over every neighbour of one site of a bcc crystal (linear interpolation)."""
    cutoff = pot["cutoff"]
    n = int(math.ceil(cutoff / a)) + 1
    rho, pair_sum = 0.0, 0.0
    for i, j, k in itertools.product(range(-n, n + 1), repeat=3):
        for basis in ((0.0, 0.0, 0.0), (0.5, 0.5, 0.5)):
            d = a * math.sqrt((i + basis[0]) ** 2 + (j + basis[1]) ** 2 + (k + basis[2]) ** 2)
            if d == 0.0 or d >= cutoff:
                continue
            rho += np.interp(d, pot["r"], pot["f"][element])
            pair_sum += phi(pot, element, element, d)
    return float(np.interp(rho, pot["rho"], pot["F"][element])) + 0.5 * pair_sum


def main():
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("setfl", help="setfl (eam/alloy) potential file")
    parser.add_argument("--output", help="PNG to write (default: SETFL.png)")
    parser.add_argument("--bcc-a", type=float, help="lattice constant (A) for the bcc energy per atom")
    parser.add_argument("--element", help="element of the bcc crystal (default: the first in the file)")
    args = parser.parse_args()

    def work():
        pot = read_setfl(args.setfl)
        for e in pot["elements"]:
            print(f"{e}: F(rho_max = {pot['rho'][-1]:.4g}) = {pot['F'][e][-1]:.6g} eV, "
                  f"min F = {pot['F'][e].min():.6g} eV, rho(r) from {pot['f'][e][1]:.4g} to {pot['f'][e][-1]:.4g}")
        r = pot["r"][1:]
        for (a, b) in pot["rphi"]:
            values = phi(pot, a, b, r)
            usable = r > 1.0  # phi diverges at r -> 0
            k = int(np.argmin(np.where(usable, values, np.inf)))
            print(f"{a}-{b}: phi minimum {values[k]:.6g} eV at r = {r[k]:.4f} A; cutoff {pot['cutoff']:.4f} A")
        if args.bcc_a is not None:
            element = args.element or pot["elements"][0]
            if element not in pot["elements"]:
                raise io.InputError(args.setfl, None, f"element {element} is not in the file ({' '.join(pot['elements'])})")
            if not args.bcc_a > 0:
                raise io.InputError(args.setfl, None, f"--bcc-a must be positive, got {args.bcc_a}")
            print(f"bcc {element}, a = {args.bcc_a} A: {bcc_energy_per_atom(pot, element, args.bcc_a):.6f} eV/atom")

        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
        for e in pot["elements"]:
            axes[0].plot(pot["rho"], pot["F"][e], label=e)
            axes[1].plot(pot["r"], pot["f"][e], label=e)
        for (a, b) in pot["rphi"]:
            mask = r > 1.5
            axes[2].plot(r[mask], phi(pot, a, b, r[mask]), label=f"{a}-{b}")
        axes[0].set(xlabel="electron density rho", ylabel="F(rho) (eV)", title="embedding")
        axes[1].set(xlabel="r (A)", ylabel="rho(r)", title="density")
        axes[2].set(xlabel="r (A)", ylabel="phi(r) (eV)", title="pair", ylim=(-0.5, 1.0))
        for ax in axes:
            ax.legend(fontsize=8)
            ax.grid(alpha=0.3)
        fig.suptitle(f"{args.setfl.split('/')[-1]}: {' '.join(pot['elements'])}")
        fig.tight_layout()
        output = args.output or args.setfl + ".png"
        fig.savefig(output, dpi=110)
        print(f"plot written to {output}")

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
